using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Stoffel.Vm.Hooks;
using Stoffel.Vm.Instructions;
using Stoffel.Vm.Programs;
using Stoffel.Vm.Values;

namespace Stoffel.Vm.Runtime;

/// <summary>
/// Builds hook events and delivers them to the hooks and call observers of one VM, located at its
/// call stack's frames (as Lua's <c>ldebug.c</c> builds the debug records its hooks get). Every
/// method runs only when the hook table says someone listens; events raised while a hook runs are
/// suppressed (Lua's <c>allowhook</c>): <see cref="VMState.HookRunning"/>.
/// </summary>
internal sealed class HookDelivery(VMState state)
{
    private int _hookThread; // the managed thread running the hook while state.HookRunning (EnterHostWrite)
    private byte _liftedHookFlag; // the in-hook flag EnterHostWrite lifted, which LeaveHostWrite puts back (writes hold the VM's lock: one at a time)

    // The BeforeInstructionExecute event, rewritten for each instruction (HookEvent.SetInstruction).
    private HookEvent _beforeInstruction = new() { Kind = HookEventKind.BeforeInstructionExecute };

    // The call events, kept for the VM's life and rewritten in place for each call
    // (HookEvent.SetBeforeCall): a fresh 170-byte event per call cost more than the hook. Only
    // the VM thread builds call events, and never while a callback runs (host writes from
    // another thread fire register and table events only).
    private HookEvent _beforeCall = new() { Kind = HookEventKind.BeforeFunctionCall };
    private HookEvent _afterCall = new() { Kind = HookEventKind.AfterFunctionCall };

    // Calls and returns recorded for batching call observers (HookTable.RecordsCalls), not yet handed over.
    private readonly CallRecordBuffer _callRecords = new();

    /// <summary>The <see cref="HookEvent.FrameIndex"/> of a register the VM writes: always one of the innermost frame's.</summary>
    internal const int InnermostFrame = 0;

    // Environment.CurrentManagedThreadId, cached per thread: Fire records it on every event, and
    // the property's call costs more than reading a thread-static.
    [ThreadStatic]
    private static int t_managedThreadId;

    internal static int CurrentThreadId
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            var id = t_managedThreadId;
            return id != 0 ? id : t_managedThreadId = Environment.CurrentManagedThreadId;
        }
    }

    /// <summary>Delivers <paramref name="hookEvent"/> to the enabled hooks for its kind, highest priority first.</summary>
    /// <param name="table">The hooks.</param>
    /// <param name="hookEvent">The event.</param>
    /// <param name="thread">The current thread's managed id when the caller has it at hand (the hooked loop), else 0.</param>
    /// <remarks>Inlined into each event's routine (the JIT inlines methods with exception handling since .NET 10): one call fewer per event.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void Fire(HookTable table, in HookEvent hookEvent, int thread = 0)
    {
        var registrations = table.ByKind[(int)hookEvent.Kind];
        if (registrations.Length == 0 || state.HookRunning)
        {
            return;
        }
        thread = thread != 0 ? thread : CurrentThreadId; // managed thread ids start at 1
        if (table.SoleRegistrations[(int)hookEvent.Kind] is { } sole)
        {
            FireSole(sole, in hookEvent, thread);
            return;
        }
        state.HookRunning = true;
        _hookThread = thread;
        var index = 0;
        try
        {
            for (; index < registrations.Length; index++)
            {
                var registration = registrations[index];
                if (registration.Sites is { } sites && !IsAtSite(sites, in hookEvent))
                {
                    continue;
                }
                if (registration.Predicate is { } predicate && !predicate(in hookEvent))
                {
                    continue;
                }
                registration.Callback(in hookEvent, state.HookContext);
            }
        }
        catch (Exception e) when (VMState.IsHostFailure(e))
        {
            throw HookFailed(registrations[index], hookEvent.Kind, e);
        }
        finally
        {
            state.HookRunning = false;
        }
    }

    /// <summary>
    /// Delivers <paramref name="hookEvent"/> to the only registration for its kind, one without
    /// predicate or sites (<see cref="HookTable.SoleRegistrations"/>): <see cref="Fire"/>'s short
    /// path, and the hooked loop's for its only instruction hook
    /// (<see cref="HookTable.SoleInstructionHook"/>), which it calls without looking it up.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void FireSole(HookRegistration registration, in HookEvent hookEvent, int thread)
    {
        state.HookRunning = true;
        _hookThread = thread;
        try
        {
            registration.Callback(in hookEvent, state.HookContext);
        }
        catch (Exception e) when (VMState.IsHostFailure(e))
        {
            throw HookFailed(registration, hookEvent.Kind, e);
        }
        finally
        {
            state.HookRunning = false;
        }
    }

    // Out of line: the message's string builder would otherwise add to the stack Fire's prologue
    // zeroes on every event.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static StoffelError HookFailed(HookRegistration registration, HookEventKind kind, Exception e) =>
        new(VmErrorKind.HookError, $"hook {registration.Id.Value} failed on {kind}: {e.Message}", e);

    /// <summary>Whether a hook limited to <paramref name="sites"/> gets <paramref name="hookEvent"/>: the sites limit only BeforeInstructionExecute.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)] // keeps the site's stack space out of Fire's prologue, which every event pays
    private static bool IsAtSite(HashSet<InstructionSite> sites, in HookEvent hookEvent) =>
        hookEvent.Kind != HookEventKind.BeforeInstructionExecute
        || sites.Contains(new InstructionSite(hookEvent.Function!, hookEvent.InstructionIndex));

    /// <summary>BeforeInstructionExecute of <paramref name="instruction"/> at <paramref name="ip"/> in the innermost <paramref name="frame"/>.</summary>
    /// <remarks>
    /// Rewritten in place rather than built through <see cref="FireInstructionEvent"/>: no 170-byte
    /// event zeroed and copied, and one call fewer, on the path every instrumented instruction takes.
    /// </remarks>
    /// <param name="table">The hooks.</param>
    /// <param name="frame">The innermost record.</param>
    /// <param name="ip">The instruction's index.</param>
    /// <param name="instruction">The instruction.</param>
    /// <param name="thread">The VM thread's managed id (<see cref="CurrentThreadId"/>, read once per loop entry: on Linux a thread-static read is a call to <c>__tls_get_addr</c>).</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void FireBeforeInstruction(HookTable table, in ActivationRecord frame, int ip, in Instruction instruction, int thread)
    {
        HookEvent.SetInstruction(ref _beforeInstruction, frame.Function.Source, ip, in instruction, state.Calls.FrameCount);
        Fire(table, in _beforeInstruction, thread);
    }

    /// <summary>
    /// Makes <paramref name="table"/>'s sole tracer (<see cref="HookTable.SoleTracer"/>, which it
    /// has) the callback the tracing loop calls when it is a delegate (<c>VMState.Trace</c>,
    /// <see cref="CallbackHook"/>), and <paramref name="thread"/>, the loop's, the thread its hooks
    /// run on: the tracing loop, as it starts with the table. Every other delivery while it runs is
    /// on the same thread and stores the same id, so the tracer's delivery does not store it per
    /// instruction (fib 931.5 → 910.5 machine instructions per call, bench/pathlength.sh --hook).
    /// </summary>
    internal void UseTracer(HookTable table, int thread)
    {
        state.Tracer = table.SoleTracer!.Callback;
        state.TracerContext = state.HookContext;
        _hookThread = thread;
    }

    /// <summary>
    /// Ends the hook a tracer's callback left by throwing (<c>VMState.Trace</c>), and returns
    /// what <see cref="FireSole"/> would have thrown in its place: a
    /// <see cref="VmErrorKind.HookError"/> for a host failure, else null (the exception goes on as it is).
    /// </summary>
    internal StoffelError? EndFailedTracer(HookRegistration? tracer, Exception e)
    {
        state.HookRunning = false;
        return VMState.IsHostFailure(e) && tracer is not null ? HookFailed(tracer, HookEventKind.BeforeInstructionExecute, e) : null;
    }

    /// <summary><see cref="FireBeforeInstruction"/> to the table's only instruction hook, <paramref name="registration"/> (<see cref="HookTable.SoleInstructionHook"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void FireSoleBeforeInstruction(HookRegistration registration, in ActivationRecord frame, int ip, in Instruction instruction, int thread)
    {
        HookEvent.SetInstruction(ref _beforeInstruction, frame.Function.Source, ip, in instruction, state.Calls.FrameCount);
        FireSole(registration, in _beforeInstruction, thread);
    }

    [MethodImpl(MethodImplOptions.NoInlining)] // keeps the event's stack space out of the callers' prologues
    internal void FireInstructionEvent(HookTable table, HookEventKind kind, in ActivationRecord frame, int ip, Instruction instruction)
    {
        if (!state.HookRunning)
        {
            var hookEvent = new HookEvent(kind, frame.Function.Source, ip, instruction, state.Calls.FrameCount); // constructed in place, not copied
            Fire(table, in hookEvent);
        }
    }

    internal void FireRegisterReads(HookTable table, in ActivationRecord frame, int ip, Instruction instruction)
    {
        if (state.HookRunning)
        {
            return;
        }
        foreach (var operand in OpcodeTable.Get(instruction.Opcode).ReadRegisterOperands)
        {
            var register = instruction.Operand(operand);
            Fire(table, EventAtInstruction(HookEventKind.RegisterRead, in frame, ip, instruction) with
            {
                Register = register,
                NewValue = state.Calls.Values[frame.Base + register],
            });
        }
    }

    internal void FireRegisterWrite(HookTable table, in ActivationRecord frame, int ip, Instruction instruction, Value old)
    {
        if (!state.HookRunning)
        {
            Fire(table, EventAtInstruction(HookEventKind.RegisterWrite, in frame, ip, instruction) with
            {
                Register = instruction.A,
                FrameIndex = InnermostFrame,
                OldValue = old,
                NewValue = state.Calls.Values[frame.Base + instruction.A],
            });
        }
    }

    private HookEvent EventAtInstruction(HookEventKind kind, in ActivationRecord frame, int ip, Instruction instruction) =>
        new(kind, frame.Function.Source, ip, instruction, state.Calls.FrameCount);

    internal void FireStackPush(HookTable table, in ActivationRecord frame, int ip, Value value)
    {
        if (!state.HookRunning)
        {
            Fire(table, new HookEvent { Kind = HookEventKind.StackPush, Function = frame.Function.Source, InstructionIndex = ip, CallDepth = state.Calls.FrameCount, NewValue = value });
        }
    }

    /// <summary>
    /// StackPop per argument taken, then BeforeFunctionCall, then VariableWrite per parameter
    /// bound; only the observers' notification when nothing else listens (no event to build, so
    /// none of the events' stack space in this method's prologue).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)] // keeps the events' stack space out of PushFrame's prologue
    internal void FireCallEvents(HookTable table, RuntimeFunction callee, ReadOnlySpan<Value> arguments)
    {
        if (table.CallsObservedOnly)
        {
            NotifyCallObservers(table.CallObservers, callee.Name, state.Calls.FrameCount + 1, returned: false);
            return;
        }
        FireHookedCallEvents(table, callee, arguments);
    }

    /// <summary>
    /// <see cref="FireCallEvents"/> for a call the dispatch loop makes from a program function's
    /// CALL to the program function <paramref name="callee"/>: recorded instead when the call
    /// observers take batches (<see cref="HookTable.RecordsCalls"/>). The record's append is this
    /// method's whole path (no call, so a short prologue); the rest is out of line.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal void FireDirectCallEvents(HookTable table, RuntimeFunction callee, ReadOnlySpan<Value> arguments)
    {
        if (!TryRecordCall(state, table, callee))
        {
            FireDirectCallEventsSlowly(table, callee, arguments);
        }
    }

    /// <summary>
    /// Records the dispatch loop's direct call of <paramref name="callee"/> when the call observers
    /// take batches and the buffer has room for their record; false, changing nothing, otherwise
    /// (<see cref="FireDirectCallEvents"/> then reports it). <paramref name="vm"/> is this
    /// delivery's VM, which the dispatch loop passes itself: the loop holds it in a machine
    /// register, while read through this delivery each of its fields took a load more (the
    /// recording copy of the loop read the in-hook flag, the depth and the count so on every
    /// record). The same holds for the other record steps the loop inlines.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal bool TryRecordCall(VMState vm, HookTable table, RuntimeFunction callee)
    {
        Debug.Assert(ReferenceEquals(vm, state), "this delivery's VM");
        return table.RecordsCalls && !vm.HookRunning
            && _callRecords.TryAppend(table.CallObservers, callee.Id, vm.Calls.FrameCount + 1, vm.InstructionsExecuted, isReturn: false);
    }

    /// <summary>
    /// <see cref="FireDirectCallEvents"/> once <see cref="TryRecordCall"/> declined: the record
    /// appended after the buffer is handed over, or the call reported one by one.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal void FireDirectCallEventsSlowly(HookTable table, RuntimeFunction callee, ReadOnlySpan<Value> arguments)
    {
        if (table.RecordsCalls)
        {
            Record(table, CallRecord.Of(callee.Id, state.Calls.FrameCount + 1, state.InstructionsExecuted, isReturn: false));
            return;
        }
        FireCallEvents(table, callee, arguments);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void FireHookedCallEvents(HookTable table, RuntimeFunction callee, ReadOnlySpan<Value> arguments)
    {
        FireCallSiteEvents(table, callee.Name, arguments);
        if (table.Mask.Includes(HookEventKind.VariableWrite))
        {
            FireParameterBindings(table, callee, arguments);
        }
    }

    /// <summary>
    /// The events every call reports, program or foreign, located at the caller's CALL: StackPop
    /// per argument taken, last first, then BeforeFunctionCall. StackPop events are built in
    /// their own method, so a call pays for zeroing only the events it fires.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void FireCallSiteEvents(HookTable table, string callee, ReadOnlySpan<Value> arguments)
    {
        if (table.Mask.Includes(HookEventKind.StackPop))
        {
            FireStackPops(table, arguments);
        }
        if (table.Mask.Includes(HookEventKind.BeforeFunctionCall))
        {
            FireBeforeCall(table, callee, arguments);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void FireStackPops(HookTable table, ReadOnlySpan<Value> arguments)
    {
        var (caller, ip) = CallSite(state.Calls.FrameCount);
        for (var i = arguments.Length - 1; i >= 0; i--)
        {
            Fire(table, new HookEvent { Kind = HookEventKind.StackPop, Function = caller, InstructionIndex = ip, CallDepth = state.Calls.FrameCount, OldValue = arguments[i] });
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)] // no event local: the event is a field
    private void FireBeforeCall(HookTable table, string callee, ReadOnlySpan<Value> arguments)
    {
        if (table.ByKind[(int)HookEventKind.BeforeFunctionCall].Length > 0)
        {
            var (caller, ip) = CallSite(state.Calls.FrameCount);
            HookEvent.SetBeforeCall(ref _beforeCall, caller, ip, state.Calls.FrameCount, callee, arguments); // no argument array unless a hook reads them
            Fire(table, in _beforeCall);
        }
        if (table.CallObservers.Length > 0)
        {
            NotifyCallObservers(table.CallObservers, callee, state.Calls.FrameCount + 1, returned: false);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void FireParameterBindings(HookTable table, RuntimeFunction callee, ReadOnlySpan<Value> arguments)
    {
        for (var i = 0; i < arguments.Length; i++)
        {
            Fire(table, new HookEvent { Kind = HookEventKind.VariableWrite, Function = callee.Source, CallDepth = state.Calls.FrameCount + 1, Name = callee.Source.Parameters[i], NewValue = arguments[i] });
        }
    }

    /// <summary>RegisterWrite of a call's result to r0 of the innermost frame, <paramref name="caller"/>.</summary>
    // Out of line, as FireReturnEvent: a HookEvent local inlined into PopFrame made its prologue
    // zero 300+ bytes of stack on every return.
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal void FireReturnRegisterWrite(HookTable table, in ActivationRecord caller, Value old, Value result) =>
        Fire(table, new HookEvent
        {
            Kind = HookEventKind.RegisterWrite,
            Function = caller.Function.Source,
            InstructionIndex = caller.Ip,
            CallDepth = state.Calls.FrameCount,
            FrameIndex = InnermostFrame,
            Register = 0,
            OldValue = old,
            NewValue = result,
        });

    /// <summary>
    /// AfterFunctionCall of the program function whose <paramref name="frame"/> is the innermost,
    /// before it is popped; recorded instead when the call observers take batches
    /// (<see cref="HookTable.RecordsCalls"/>) and it returns to a program function of the same run
    /// that called it (not a closure, whose caller the observers saw as call_closure, nor a run's
    /// entry frame, whose caller is the host or a foreign function). As in
    /// <see cref="FireDirectCallEvents"/>, the append is the whole inline path.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)] // PopFrame is inlined into the dispatch loop: its call stays as small as before
    internal void FireReturnEvent(HookTable table, in ActivationRecord frame, in Value result)
    {
        if (!TryRecordReturn(state, table, in frame))
        {
            FireReturnEventSlowly(table, in frame, in result);
        }
    }

    /// <summary>
    /// The return's record when <see cref="FireReturnEvent"/> would record it and the buffer has
    /// room; false, changing nothing, otherwise (<see cref="FireReturnEventSlowly"/> then
    /// reports it). Inlined where the dispatch loop returns with call observers that take batches:
    /// no code runs then, so the loop reloads nothing. <paramref name="vm"/> is this delivery's VM
    /// (as for <see cref="TryRecordCall"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal bool TryRecordReturn(VMState vm, HookTable table, in ActivationRecord frame)
    {
        Debug.Assert(ReferenceEquals(vm, state), "this delivery's VM");
        var depth = vm.Calls.FrameCount;
        return RecordsReturn(vm, table, depth) && !vm.HookRunning
            && _callRecords.TryAppend(table.CallObservers, frame.Function.Id, depth, vm.InstructionsExecuted, isReturn: true);
    }

    /// <summary>
    /// Records the call of the builtin <paramref name="callee"/> that the dispatch loop is about to
    /// run inline (<see cref="VMState.RecordsInlineBuiltins"/>), its callee at
    /// <paramref name="calleeDepth"/> after <paramref name="instructionsExecuted"/> instructions:
    /// what <see cref="FireCallSiteEvents"/> would report of it, with room left for its return
    /// (<see cref="RecordInlineBuiltinReturn"/>), or to be taken back if the loop does not run it
    /// after all (<see cref="RetractInlineBuiltinCall"/>). False, recording nothing, while a hook
    /// or observer runs (one by one, nothing is reported then either). Inlined where the builtin
    /// runs (<c>VMState.RunRecorded</c>: its prologue then serves the path and both records).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal bool RecordInlineBuiltinCall(HookTable table, CallTarget callee, int calleeDepth, long instructionsExecuted)
    {
        if (state.HookRunning)
        {
            return false;
        }
        if (!_callRecords.TryAppendCallWithRoomForReturn(table.CallObservers, callee.RecordId, calleeDepth, instructionsExecuted))
        {
            Record(table, CallRecord.Of(callee.RecordId, calleeDepth, instructionsExecuted, isReturn: false)); // hands over what waits (observers run) and starts the buffer with the call
        }
        return true;
    }

    /// <summary>
    /// The return of the builtin call <see cref="RecordInlineBuiltinCall"/> recorded last, which
    /// ran no instruction: at the call's <paramref name="calleeDepth"/> and
    /// <paramref name="instructionsExecuted"/>, in the room the call left.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void RecordInlineBuiltinReturn(CallTarget callee, int calleeDepth, long instructionsExecuted) =>
        _callRecords.AppendIntoRoomLeft(callee.RecordId, calleeDepth, instructionsExecuted, isReturn: true);

    /// <summary>
    /// Counts the call of the builtin <paramref name="callee"/> that the dispatch loop is about to
    /// run inline, its callee at <paramref name="calleeDepth"/>, for call observers that take such
    /// calls as counts (<see cref="HookTable.CountsInlineBuiltins"/>): into the frame's count
    /// record for it, appended when there is none yet after the frame's last call or return, and
    /// when the buffer has no room or holds other observers' records, after handing them over
    /// (observers run). To be taken back (<see cref="UncountInlineBuiltinCall"/>) if the loop does
    /// not run it after all.
    /// </summary>
    /// <returns>The index of the record counted into, or -1, counting nothing, while a hook or observer runs (one by one, nothing is reported then either).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal int CountInlineBuiltinCall(HookTable table, CallTarget callee, int calleeDepth)
    {
        if (TryCountInPlace(state, table, callee, calleeDepth, out var counted))
        {
            return counted;
        }
        Record(table, CallRecord.CountOf(callee.RecordId, calleeDepth, 1)); // hands over what waits and starts the buffer with the count
        return 0;
    }

    /// <summary>
    /// Counts a call of the builtin <paramref name="callee"/> at <paramref name="calleeDepth"/>
    /// that the loop is about to run, as <see cref="CountInlineBuiltinCall"/> does, where that
    /// needs no hand-over (which would run observers): the buffer holds the observers' records,
    /// or none, and has room for a new count if one is needed.
    /// </summary>
    /// <param name="vm">This delivery's VM (as for <see cref="TryRecordCall"/>).</param>
    /// <param name="table">The hooks the loop runs with.</param>
    /// <param name="callee">The builtin.</param>
    /// <param name="calleeDepth">The depth of its call.</param>
    /// <param name="counted">The index of the record counted into (for <see cref="UncountInlineBuiltinCall"/>), or -1 when nothing was counted.</param>
    /// <returns>True when the call may run: counted, or, while a hook or observer runs, not to be reported; false, counting nothing, when the count needs a hand-over.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal bool TryCountInPlace(VMState vm, HookTable table, CallTarget callee, int calleeDepth, out int counted)
    {
        Debug.Assert(ReferenceEquals(vm, state), "this delivery's VM");
        if (vm.HookRunning)
        {
            counted = -1;
            return true;
        }
        counted = _callRecords.TryCount(table.CallObservers, callee.RecordId, calleeDepth);
        return counted >= 0;
    }

    /// <summary>Takes back the call <see cref="CountInlineBuiltinCall"/> counted last, into the record at <paramref name="index"/>: the loop calls the builtin's function instead, which reports it.</summary>
    internal void UncountInlineBuiltinCall(int index) => _callRecords.Uncount(index);

    /// <summary>
    /// Records call_closure's call (<paramref name="callClosure"/>) and then that of
    /// <paramref name="function"/>, the closure's, which the dispatch loop is about to enter
    /// (<see cref="VMState.RecordsInlineBuiltins"/>), both at <paramref name="calleeDepth"/> after
    /// <paramref name="instructionsExecuted"/> instructions: what the builtin and the frame it
    /// pushes would report one by one (the builtin returns no value of its own: the frame's return
    /// is the call's). False, recording nothing, while a hook or observer runs.
    /// </summary>
    internal bool RecordInlineClosureCall(HookTable table, CallTarget callClosure, RuntimeFunction function, int calleeDepth, long instructionsExecuted)
    {
        if (!RecordInlineBuiltinCall(table, callClosure, calleeDepth, instructionsExecuted))
        {
            return false;
        }
        _callRecords.AppendIntoRoomLeft(function.Id, calleeDepth, instructionsExecuted, isReturn: false);
        return true;
    }

    /// <summary>
    /// <see cref="RecordInlineClosureCall"/> where the buffer takes both records without a
    /// hand-over (which would run observers); false, recording nothing, where it does not. True,
    /// recording nothing, while a hook or observer runs.
    /// </summary>
    /// <remarks><paramref name="vm"/> is this delivery's VM, which the loop passes (as to <see cref="TryRecordCall"/>).</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // into the recording copy of the loop (VMState.RecordBoundClosureCall)
    internal bool TryRecordInlineClosureCall(VMState vm, HookTable table, CallTarget callClosure, RuntimeFunction function, int calleeDepth, long instructionsExecuted)
    {
        Debug.Assert(ReferenceEquals(vm, state), "this delivery's VM");
        return vm.HookRunning || _callRecords.TryAppendCallPair(table.CallObservers, callClosure.RecordId, function.Id, calleeDepth, instructionsExecuted);
    }

    /// <summary>Takes back the two calls <see cref="RecordInlineClosureCall"/> recorded last: the builtin runs instead, which reports them.</summary>
    internal void RetractInlineClosureCall()
    {
        _callRecords.RemoveLast();
        _callRecords.RemoveLast();
    }

    /// <summary>Takes back the call <see cref="RecordInlineBuiltinCall"/> recorded last: the loop calls the builtin's function instead, which reports it.</summary>
    internal void RetractInlineBuiltinCall() => _callRecords.RemoveLast();

    /// <summary><see cref="FireReturnEvent"/> once <see cref="TryRecordReturn"/> declined: the record appended after the buffer is handed over, or the event fired.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal void FireReturnEventSlowly(HookTable table, in ActivationRecord frame, in Value result)
    {
        var depth = state.Calls.FrameCount;
        if (RecordsReturn(state, table, depth))
        {
            Record(table, CallRecord.Of(frame.Function.Id, depth, state.InstructionsExecuted, isReturn: true));
            return;
        }
        FireAfterCall(table, depth - 1, frame.Function.Name, in result);
    }

    /// <summary>
    /// Whether the return of the frame at <paramref name="depth"/> is recorded rather than
    /// reported (<see cref="FireReturnEvent"/>): the observers take batches, and it returns to a
    /// caller of the same run (a closure's frame too: its call_closure's call is recorded as well
    /// where the loop enters it, and reported one by one where the builtin runs, which hands the
    /// records over first, so the order holds either way).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool RecordsReturn(VMState vm, HookTable table, int depth) =>
        table.RecordsCalls && depth > vm.RunStopDepth;

    /// <summary>
    /// Records <paramref name="record"/> for the call observers of <paramref name="table"/> where
    /// the inline append (<see cref="CallRecordBuffer.TryAppend"/>) could not: the buffer full, or
    /// holding records for other observers, is handed over first. Nothing while a hook or observer
    /// runs, as for <see cref="NotifyCallObservers"/>.
    /// </summary>
    private void Record(HookTable table, in CallRecord record)
    {
        if (state.HookRunning)
        {
            return;
        }
        FlushCallRecords();
        _callRecords.Start(table.CallObservers, in record);
    }

    /// <summary>
    /// Hands the recorded calls and returns to the observers they were recorded for
    /// (<see cref="ICallRecordObserver.OnCallRecords"/>, in registration order), under the rules
    /// of hooks: not while a hook or observer runs (they wait for the next hand-over), and a throw
    /// aborts the run with a HookError naming the registration. The VM calls it before it
    /// notifies call observers of anything else, and whenever a run's loop returns or fails.
    /// </summary>
    internal void FlushCallRecords()
    {
        if (_callRecords.IsEmpty || state.HookRunning)
        {
            return;
        }
        var observers = _callRecords.Observers;
        var records = _callRecords.Take();
        EnterObservers();
        var index = 0;
        try
        {
            var names = state.Functions.CalleeNames;
            for (; index < observers.Length; index++)
            {
                ((ICallRecordObserver)observers[index].Observer!).OnCallRecords(records, names);
            }
        }
        catch (Exception e) when (VMState.IsHostFailure(e))
        {
            throw HookFailed(observers[index], records[^1].IsReturn ? HookEventKind.AfterFunctionCall : HookEventKind.BeforeFunctionCall, e);
        }
        finally
        {
            state.HookRunning = false;
        }
    }

    /// <summary>AfterFunctionCall of a foreign function, which the innermost frame called.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal void FireForeignReturnEvent(HookTable table, string callee, Value result) =>
        FireAfterCall(table, state.Calls.FrameCount, callee, in result);

    /// <summary>
    /// Where a call made by frame <paramref name="callerDepth"/> (1 = the entry frame) stands: that
    /// frame's function and its current instruction, the CALL; (null, 0) for the entry call.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private (CompiledFunction? Function, int Ip) CallSite(int callerDepth)
    {
        if (callerDepth <= 0)
        {
            return (null, 0);
        }
        ref var caller = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(state.Calls.Frames), callerDepth - 1); // callerDepth <= state.Calls.FrameCount <= state.Calls.Frames.Length
        return (caller.Function.Source, caller.Ip);
    }

    /// <summary>
    /// AfterFunctionCall of <paramref name="callee"/>, which a CALL in frame
    /// <paramref name="callerDepth"/> (1 = the entry frame, 0 = none: the entry call) made: the
    /// same payload for program and foreign functions, located where its BeforeFunctionCall was.
    /// Only the observers' notification when nothing else listens.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void FireAfterCall(HookTable table, int callerDepth, string callee, in Value result)
    {
        if (table.CallsObservedOnly)
        {
            NotifyCallObservers(table.CallObservers, callee, callerDepth + 1, returned: true);
            return;
        }
        FireHookedAfterCall(table, callerDepth, callee, in result);
    }

    [MethodImpl(MethodImplOptions.NoInlining)] // keeps the event's stack space out of the observers-only path
    private void FireHookedAfterCall(HookTable table, int callerDepth, string callee, in Value result)
    {
        if (table.ByKind[(int)HookEventKind.AfterFunctionCall].Length > 0)
        {
            var (caller, ip) = CallSite(callerDepth);
            HookEvent.SetAfterCall(ref _afterCall, caller, ip, callerDepth, callee, in result);
            Fire(table, in _afterCall);
        }
        if (table.CallObservers.Length > 0)
        {
            NotifyCallObservers(table.CallObservers, callee, callerDepth + 1, returned: true);
        }
    }

    /// <summary>
    /// Reports a call or a return to the call observers (<see cref="ICallObserver"/>), after the
    /// hooks of the same event and under their rules: nothing while a hook or observer runs, and
    /// a throw aborts the run with a HookError naming the registration.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void NotifyCallObservers(HookRegistration[] observers, string callee, int calleeDepth, bool returned)
    {
        if (state.HookRunning)
        {
            return;
        }
        FlushCallRecords(); // what was recorded happened first
        EnterObservers();
        var index = 0;
        try
        {
            var instructions = state.InstructionsExecuted;
            for (; index < observers.Length; index++)
            {
                var observer = observers[index].Observer!;
                if (returned)
                {
                    observer.OnReturn(callee, calleeDepth, instructions);
                }
                else
                {
                    observer.OnCall(callee, calleeDepth, instructions);
                }
            }
        }
        catch (Exception e) when (VMState.IsHostFailure(e))
        {
            throw HookFailed(observers[index], returned ? HookEventKind.AfterFunctionCall : HookEventKind.BeforeFunctionCall, e);
        }
        finally
        {
            state.HookRunning = false;
        }
    }

    /// <summary>
    /// Marks call observers as running, as a hook runs: events raised meanwhile are not delivered,
    /// and the thread a write may come from while they run is the run's (this one outside a run).
    /// </summary>
    private void EnterObservers()
    {
        state.HookRunning = true;
        var runThread = state.RunThread; // no thread-static read per call
        _hookThread = runThread != 0 ? runThread : CurrentThreadId;
    }

    /// <summary>A table read or write event at the current instruction (<see cref="TableAccess"/>), when a hook listens.</summary>
    internal void FireTableEvent(HookEventKind kind, Value table, Value key, Value old, Value value)
    {
        var hooks = state.Hooks.Table;
        if (hooks.Mask.Includes(kind) && !state.HookRunning)
        {
            Fire(hooks, EventAtCurrentFrame(kind) with { Table = table, Key = key, OldValue = old, NewValue = value });
        }
    }

    internal void FireNamedEvent(HookEventKind kind, string name, Value old, Value value)
    {
        var hooks = state.Hooks.Table;
        if (hooks.Mask.Includes(kind) && !state.HookRunning)
        {
            Fire(hooks, EventAtCurrentFrame(kind) with { Name = name, OldValue = old, NewValue = value });
        }
    }

    /// <summary>An event of <paramref name="kind"/> located at the innermost frame's current instruction (or nowhere when idle).</summary>
    private HookEvent EventAtCurrentFrame(HookEventKind kind)
    {
        var hasFrame = state.Calls.FrameCount > 0;
        return new HookEvent
        {
            Kind = kind,
            Function = hasFrame ? state.Calls.Innermost.Function.Source : null,
            InstructionIndex = hasFrame ? state.Calls.Innermost.Ip : 0,
            CallDepth = state.Calls.FrameCount,
        };
    }

    /// <summary>ExecutionError, with the failing frame still on the stack; a hook that throws here replaces nothing: the original error wins.</summary>
    internal void FireExecutionError(StoffelError error)
    {
        var hooks = state.Hooks.Table;
        if (!hooks.Mask.Includes(HookEventKind.ExecutionError) || state.HookRunning)
        {
            return;
        }
        try
        {
            Fire(hooks, EventAtCurrentFrame(HookEventKind.ExecutionError) with { ErrorKind = error.Kind, Message = error.Message });
        }
        catch (StoffelError)
        {
            // The run is already failing with the original error.
        }
    }

    /// <summary>
    /// When the VM thread is paused inside a hook and this is another thread (a debugger's
    /// setVariable while stopped), lifts the guard against hooks re-entering for the write about
    /// to happen and returns the paused hook's thread (for <see cref="LeaveHostWrite"/>); otherwise
    /// returns 0 and changes nothing. A write a hook callback makes on the VM thread fires nothing.
    /// </summary>
    internal int EnterHostWrite()
    {
        if (!state.HookRunning || _hookThread == Environment.CurrentManagedThreadId)
        {
            return 0;
        }
        var paused = _hookThread;
        _liftedHookFlag = state.LiftHookFlag();
        return paused;
    }

    /// <summary>Restores the guard <see cref="EnterHostWrite"/> lifted for <paramref name="pausedHookThread"/>.</summary>
    internal void LeaveHostWrite(int pausedHookThread)
    {
        if (pausedHookThread != 0)
        {
            state.PutBackHookFlag(_liftedHookFlag);
            _hookThread = pausedHookThread;
        }
    }
}
