using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using Stoffel.Vm.Hooks;
using Stoffel.Vm.Values;

namespace Stoffel.Vm.Runtime;

// Entering and leaving a run: linking, the entry frame, the service loop (budget, cancellation,
// timeout, switching between the plain and hooked loop), error wrapping and unwinding.
internal sealed partial class VMState
{
    /// <summary>Instructions between service checks; also the worst-case delay before a hook registered from another thread takes effect.</summary>
    internal const int ServiceInterval = 1024;

    /// <summary>
    /// Nested runs (a foreign function calling back into the VM) allowed at once; each costs .NET
    /// stack, and fewer are allowed when the thread's stack runs short first
    /// (<see cref="RuntimeHelpers.TryEnsureSufficientExecutionStack"/>: a run in a fresh process
    /// runs the dispatch loop's tier-0 code, whose frame is several kilobytes).
    /// </summary>
    internal const int MaxNestedRuns = 200;

    private int _nestedRuns;
    private RunControl _run;

    /// <summary>The managed id of the thread running the current run, or 0 outside a run (<see cref="RunControl.Thread"/>).</summary>
    internal int RunThread => _run.Thread;

    /// <summary>The frame count below which the current run returns to its caller (<see cref="RunControl.StopDepth"/>): its entry frame's depth.</summary>
    internal int RunStopDepth => _run.StopDepth;

    /// <summary>
    /// Runs <paramref name="entry"/> with <paramref name="arguments"/> to completion. Re-entrant:
    /// a foreign function may call it again (the nested run's frames go on top).
    /// </summary>
    internal Value Execute(string entry, ReadOnlySpan<Value> arguments, CancellationToken cancellation)
    {
        lock (SyncRoot)
        {
            PublishTracedRecord(); // a run nested in a tracer: the record it interrupts, as its errors' stacks show it
            Functions.Bind();
            var target = FindTarget(entry)
                ?? throw new VmException(VmErrorKind.InvalidEntry, $"entry function '{entry}' is not defined", []);
            if (target.Function?.Program.Program is { RequiresMpc: true } program)
            {
                throw new VmException(VmErrorKind.MpcRequired,
                    "this program needs MPC, which Stoffel for .NET does not implement: " + string.Join("; ", program.MpcFeatures), []);
            }
            if (_nestedRuns >= MaxNestedRuns)
            {
                throw new VmException(VmErrorKind.CallDepthExceeded, $"more than {MaxNestedRuns} nested runs (foreign functions calling back into the VM)", Calls.CaptureStackTrace());
            }
            if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
            {
                throw new VmException(VmErrorKind.CallDepthExceeded, $"the thread's stack has no room for another nested run after {_nestedRuns} (foreign functions calling back into the VM)", Calls.CaptureStackTrace());
            }
            var (frameCount, stackTop, argTop) = (Calls.FrameCount, Calls.ValueTop, Calls.ArgumentTop);
            if (_nestedRuns++ == 0)
            {
                BeginOutermostRun();
            }
            try
            {
                if (target.Foreign is not null)
                {
                    return InvokeForeign(target, arguments);
                }
                var callee = target.Function!;
                if (callee.Source.Upvalues.Count > 0 && frameCount == 0)
                {
                    throw new StoffelError(VmErrorKind.InvalidEntry, $"entry function '{entry}' requires captured upvalues ({string.Join(", ", callee.Source.Upvalues)}) and cannot be called directly; call it through a closure (create_closure)");
                }
                var argBase = Calls.ArgumentTop;
                foreach (var argument in arguments)
                {
                    Calls.PushArgument(argument);
                }
                PushFrame(callee, argBase, arguments.Length, argBase, null);
                RecordCheckpointIfDue();
                while (true)
                {
                    try
                    {
                        return RunToReturn(frameCount + 1, cancellation);
                    }
                    catch (StoffelError error)
                    {
                        try
                        {
                            throw Failed(error);
                        }
                        catch (RewindSignal rewind)
                        {
                            Restore(rewind); // a hook stopped at the error went back in time: the run goes on from there
                        }
                    }
                }
            }
            catch (StoffelError error)
            {
                throw Failed(error);
            }
            finally
            {
                _nestedRuns--;
                Calls.Unwind(frameCount, stackTop, argTop);
            }
        }
    }

    /// <summary>
    /// Whether <paramref name="e"/>, thrown by host code the VM called (a hook, a call observer, a
    /// foreign function), is that code's own failure, which the VM reports as a
    /// <see cref="StoffelError"/> of its own: not a VM error passing through, an out-of-memory
    /// condition or a rewind unwinding the stack.
    /// </summary>
    internal static bool IsHostFailure(Exception e) =>
        e is not StoffelError and not VmException and not OutOfMemoryException and not RewindSignal;

    /// <summary>The run failed with <paramref name="error"/>: the exception to throw, with the Stoffel stack, after the ExecutionError event (whose hook may rewind the run instead).</summary>
    private VmException Failed(StoffelError error)
    {
        var trace = Calls.CaptureStackTrace();
        Delivery.FireExecutionError(error);
        var exception = new VmException(error.Kind, error.Message, trace, error.InnerException ?? error);
        if (error.Data[ObserverFailureKey] is { } observerFailure)
        {
            exception.Data[ObserverFailureKey] = observerFailure; // FlushRecordsOfFailedRun
        }
        return exception;
    }

    private Value RunToReturn(int stopDepth, CancellationToken cancellation)
    {
        var limits = Limits;
        var remaining = limits.MaxInstructions ?? long.MaxValue;
        var budgeted = limits.MaxInstructions is not null;
        using var timeout = limits.Timeout is { } span ? new CancellationTokenSource(span) : null;
        // A run nested in a foreign function or a hook starts inside a slice of the run it
        // interrupts: what that slice ran so far is counted as completed now, so that
        // InstructionsExecuted counts on from there through the nested run, not from where the
        // slice started. The interrupted slice resumes with nothing left to count, that part of
        // it charged to its budget as work instead (RunControl.WorkInSlice), which it checks too.
        var ranInOuterSlice = _sliceSize - _countdown;
        _completedInstructions += ranInOuterSlice;
        var (outerCountdown, outerRun) = (_countdown, _run);
        outerRun.WorkInSlice += ranInOuterSlice;
        outerRun.NextWorkCheck += ranInOuterSlice;
        // A run nested in a hook or a foreign function clears HooksChanged at each slice: on its way
        // out it sets it again when the loop it interrupted has a change to see (pending before it,
        // or made during it), or that loop would run on with the old hooks until its slice ended.
        var (outerHooks, outerHooksChanged) = (Hooks.Table, HooksChanged);
        _run = new RunControl
        {
            Active = true,
            Limits = limits,
            Cancellation = cancellation,
            TimeoutSource = timeout,
            StopDepth = stopDepth,
            Thread = HookDelivery.CurrentThreadId,
        };
        try
        {
            var stalled = false;
            while (true)
            {
                var slice = (int)Math.Min(ServiceInterval, remaining);
                (_sliceSize, _countdown) = (slice, slice);
                (_run.BudgetAtSliceStart, _run.WorkInSlice, _run.NextWorkCheck) = (remaining, 0, RunControl.WorkCheckInterval);
                // A slice after one that could not enter its first block (longer than what was
                // left of the budget, or than a slice) runs instruction by instruction (BlockCosts).
                _run.Precise = stalled;
                HooksChanged = false;
                RunStatus status;
                Exception? failure = null;
                try
                {
                    status = RunInLoopFor(Hooks.Table, Calls.Innermost.Function);
                    if (budgeted)
                    {
                        status = RunRestOfSlice(status);
                    }
                }
                catch (RewindSignal rewind)
                {
                    Delivery.FlushCallRecords(); // the calls before the rewind happened, as hooks saw them
                    Restore(rewind);
                    continue;
                }
                catch (Exception e)
                {
                    failure = e;
                    status = default;
                }
                if (failure is not null)
                {
                    // Thrown again here rather than from the catch block: a catch block runs with
                    // the stack of the throw still below it, so a rethrow there starts its dispatch on
                    // top of the last one's, and an error leaving many nested runs (foreign functions
                    // calling back into the VM) overflowed a secondary thread's stack.
                    _completedInstructions += _sliceSize - _countdown; // the failing instruction counts as executed
                    (_sliceSize, _countdown) = (0, 0);
                    FlushRecordsOfFailedRun(failure);
                    ExceptionDispatchInfo.Throw(failure);
                }
                var executed = _sliceSize - _countdown; // a slice ended early for changed hooks shrank to what ran
                stalled = executed == 0 && status == RunStatus.Service;
                remaining -= executed + _run.WorkInSlice;
                _completedInstructions += executed;
                (_sliceSize, _countdown) = (0, 0);
                Delivery.FlushCallRecords(); // before the host, a hook change or the next slice's events; the slice is counted first, for an observer that fails
                if (status == RunStatus.Returned)
                {
                    return _result;
                }
                ThrowIfRunMustStop(remaining);
                RecordCheckpointIfDue();
            }
        }
        finally
        {
            (_countdown, _sliceSize, _run) = (outerCountdown, outerCountdown, outerRun); // the interrupted slice, with nothing left to count (above)
            if (outerHooksChanged || !ReferenceEquals(Hooks.Table, outerHooks))
            {
                HooksChanged = true;
                ReloadAfterHook = true;
            }
        }
    }

    /// <summary>
    /// In a run with an instruction budget, the instructions a loop that charges per block left of
    /// its slice, where its next block did not fit (<c>OutOfSlice</c>, <see cref="BlockCosts"/>),
    /// run one by one in the hooked loop before the slice ends: as in the hooked and tracing
    /// loops, which count per instruction and run every slice to its end. The builtins' work
    /// (<see cref="ChargeWork"/>) counts against the budget where a slice ends, so only with the
    /// same slice ends does a budget stop a run at the same instruction whatever loop runs it,
    /// with hooks or a debugger attached or not. Without a budget, where a slice ends changes
    /// nothing a program or a hook sees. Returns the status of the last loop run.
    /// </summary>
    private RunStatus RunRestOfSlice(RunStatus status)
    {
        if (status != RunStatus.Service || _countdown <= 0 || HooksChanged)
        {
            return status; // the slice ran to its end, or ended early for changed hooks (as in every loop)
        }
        _run.Precise = true;
        return RunUntraced<HookedMode>();
    }

    /// <summary>The <see cref="Exception.Data"/> key under which a run's exception carries a batching call observer's failure on the run's last records (<see cref="FlushRecordsOfFailedRun"/>).</summary>
    internal const string ObserverFailureKey = "ObserverFailure";

    /// <summary>
    /// Hands over the calls recorded before <paramref name="failure"/> ended the run's loop, so
    /// that observers have them before the host hears of it. When an observer fails on them too,
    /// the run's own failure is the one reported, and the observer's HookError is attached to it
    /// (and to the <see cref="VmException"/> the host gets) as <c>Data["ObserverFailure"]</c>.
    /// </summary>
    private void FlushRecordsOfFailedRun(Exception failure)
    {
        try
        {
            Delivery.FlushCallRecords();
        }
        catch (StoffelError observerFailure) when (observerFailure.Kind == VmErrorKind.HookError)
        {
            failure.Data[ObserverFailureKey] = observerFailure;
        }
    }

    /// <summary>
    /// Charges <paramref name="units"/> of a builtin's work (an element read or written, a
    /// comparison, a few characters) to the run's instruction budget, and every
    /// <see cref="RunControl.WorkCheckInterval"/> units checks the budget, cancellation and
    /// timeout, so a builtin whose work grows with its input stops when the run must.
    /// <see cref="InstructionsExecuted"/> does not include work.
    /// </summary>
    /// <exception cref="StoffelError">The budget is spent, or the run was cancelled or timed out.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void ChargeWork(long units)
    {
        _run.WorkInSlice += units;
        if (_run.WorkInSlice >= _run.NextWorkCheck)
        {
            CheckRunDuringWork();
        }
    }

    private void CheckRunDuringWork()
    {
        _run.NextWorkCheck = _run.WorkInSlice + RunControl.WorkCheckInterval;
        if (_run.Active)
        {
            ThrowIfRunMustStop(_run.BudgetAtSliceStart - (_sliceSize - _countdown) - _run.WorkInSlice);
        }
    }

    private void ThrowIfRunMustStop(long remaining)
    {
        if (remaining <= 0)
        {
            throw new StoffelError(VmErrorKind.InstructionLimitExceeded, $"instruction limit of {_run.Limits.MaxInstructions} reached");
        }
        if (_run.Cancellation.IsCancellationRequested)
        {
            throw new StoffelError(VmErrorKind.Cancelled, "execution was cancelled");
        }
        if (_run.TimeoutSource is { IsCancellationRequested: true })
        {
            throw new StoffelError(VmErrorKind.Timeout, $"execution timed out after {_run.Limits.Timeout!.Value.TotalSeconds:0.###} s");
        }
    }

    /// <summary>Runs the copy of the dispatch loop <paramref name="function"/> needs: tracing while a sole hook on every instruction is all the per-instruction work (and no hook runs: a run nested in one fires none), hooked when other hooks need its instructions or the slice must count instruction by instruction (<see cref="RunControl.Precise"/>), counting while only instruction counting does, recording while call observers alone count the builtins run inline (<see cref="RecordingMode"/>), else plain.</summary>
    private RunStatus RunInLoopFor(HookTable hooks, RuntimeFunction function) =>
        hooks.SoleTracer is not null && !HookRunning ? RunTraced(hooks)
        : _run.Precise || NeedsHookedLoop(hooks, function) ? RunUntraced<HookedMode>()
        : hooks.CountsInstructions ? RunUntraced<CountingMode>()
        : hooks.CountsInlineBuiltins && RecordsInlineBuiltins(hooks) ? RunUntraced<RecordingMode>()
        : RunUntraced<PlainMode>();

    /// <summary>
    /// The tracing loop, and the exception handling its tracer's delivery leaves out
    /// (<see cref="Trace"/>): an exception that leaves the loop while a hook
    /// runs, when none ran as the loop started (a nested run inside a hook fires none), came out
    /// of the tracer's callback, or out of the loop's own code in the tracer's window, which
    /// throws only the VM's errors: those go on as they are. The window closes as the loop leaves.
    /// </summary>
    private RunStatus RunTraced(HookTable hooks)
    {
        var inHookAtStart = HookRunning;
        var outerTracerEvent = _tracerEventAddress; // a tracing loop this one runs nested in (a foreign function's run)
        try
        {
            var status = hooks.SoleTracer!.TracingLoop.Run(this); // the copy of the loop for the hook's type
            HookRunning = false; // the tracer's window closes as the loop leaves (Trace)
            return status;
        }
        catch (Exception e) when (!inHookAtStart && HookRunning && PublishTracedRecordBeforeUnwinding())
        {
            if (Delivery.EndFailedTracer(hooks.SoleTracer, e) is { } failure)
            {
                throw failure;
            }
            throw;
        }
        finally
        {
            _tracerEventAddress = outerTracerEvent;
        }
    }
}
