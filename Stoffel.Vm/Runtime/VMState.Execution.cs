using Stoffel.Vm.Hooks;
using Stoffel.Vm.Values;

namespace Stoffel.Vm.Runtime;

// Entering and leaving a run: linking, the entry frame, the service loop (budget, cancellation,
// timeout, switching between the plain and hooked loop), error wrapping and unwinding.
public sealed partial class VMState
{
    /// <summary>Instructions between service checks; also the worst-case delay before a hook registered from another thread takes effect.</summary>
    internal const int ServiceInterval = 1024;

    /// <summary>Nested runs (a foreign function calling back into the VM) allowed at once; each costs .NET stack.</summary>
    internal const int MaxNestedRuns = 200;

    private int _nestedRuns;

    /// <summary>
    /// Runs <paramref name="entry"/> with <paramref name="arguments"/> to completion. Re-entrant:
    /// a foreign function may call it again (the nested run's frames go on top).
    /// </summary>
    internal Value Execute(string entry, ReadOnlySpan<Value> arguments, CancellationToken cancellation)
    {
        lock (SyncRoot)
        {
            Link();
            var target = FindTarget(entry)
                ?? throw new VmException(VmErrorKind.InvalidEntry, $"entry function '{entry}' is not defined", []);
            if (target.Function?.Program.Program is { RequiresMpc: true } program)
            {
                throw new VmException(VmErrorKind.MpcRequired,
                    "this program needs MPC, which Stoffel for .NET does not implement: " + string.Join("; ", program.MpcFeatures), []);
            }
            if (_nestedRuns >= MaxNestedRuns)
            {
                throw new VmException(VmErrorKind.CallDepthExceeded, $"more than {MaxNestedRuns} nested runs (foreign functions calling back into the VM)", CaptureStackTrace());
            }
            var (frameCount, stackTop, argTop) = (_frameCount, _stackTop, _argTop);
            _nestedRuns++;
            try
            {
                if (target.Foreign is not null)
                {
                    return InvokeForeign(target, arguments);
                }
                var callee = target.Function!;
                if (callee.Source.Upvalues.Count > 0 && frameCount == 0)
                {
                    throw new StoffelError(VmErrorKind.InvalidEntry, $"entry function '{entry}' has upvalues and cannot be called directly");
                }
                var argBase = _argTop;
                foreach (var argument in arguments)
                {
                    PushArgument(argument);
                }
                PushFrame(callee, argBase, arguments.Length, argBase, null);
                return RunToReturn(frameCount + 1, cancellation);
            }
            catch (StoffelError error)
            {
                var trace = CaptureStackTrace();
                FireExecutionError(error);
                throw new VmException(error.Kind, error.Message, trace, error.InnerException ?? error);
            }
            finally
            {
                _nestedRuns--;
                Unwind(frameCount, stackTop, argTop);
            }
        }
    }

    private Value RunToReturn(int stopDepth, CancellationToken cancellation)
    {
        var limits = Limits;
        var remaining = limits.MaxInstructions ?? long.MaxValue;
        using var timeout = limits.Timeout is { } span ? new CancellationTokenSource(span) : null;
        var (outerCountdown, outerSlice) = (_countdown, _sliceSize);
        try
        {
            while (true)
            {
                var slice = (int)Math.Min(ServiceInterval, remaining);
                (_sliceSize, _countdown) = (slice, slice);
                HooksChanged = false;
                var status = RunInLoopFor(Hooks.Table, _frames[_frameCount - 1].Function, stopDepth);
                var executed = _sliceSize - _countdown; // a slice ended early for changed hooks shrank to what ran
                remaining -= executed;
                _completedInstructions += executed;
                (_sliceSize, _countdown) = (0, 0);
                if (status == RunStatus.Returned)
                {
                    return _result;
                }
                if (remaining <= 0)
                {
                    throw new StoffelError(VmErrorKind.InstructionLimitExceeded, $"instruction limit of {limits.MaxInstructions} reached");
                }
                if (cancellation.IsCancellationRequested)
                {
                    throw new StoffelError(VmErrorKind.Cancelled, "execution was cancelled");
                }
                if (timeout is { IsCancellationRequested: true })
                {
                    throw new StoffelError(VmErrorKind.Timeout, $"execution timed out after {limits.Timeout!.Value.TotalSeconds:0.###} s");
                }
            }
        }
        finally
        {
            (_countdown, _sliceSize) = (outerCountdown, outerSlice);
        }
    }

    /// <summary>Runs the copy of the dispatch loop <paramref name="function"/> needs: hooked when a hook needs its instructions, counting while only instruction counting does, else plain.</summary>
    private RunStatus RunInLoopFor(HookTable hooks, RuntimeFunction function, int stopDepth) =>
        NeedsHookedLoop(hooks, function) ? Run<HookedMode>(stopDepth)
        : hooks.CountsInstructions ? Run<CountingMode>(stopDepth)
        : Run<PlainMode>(stopDepth);

    private void Unwind(int frameCount, int stackTop, int argTop)
    {
        Array.Clear(_frames, frameCount, _frameCount - frameCount);
        _frameCount = frameCount;
        _stackTop = stackTop;
        _argTop = argTop;
    }
}
