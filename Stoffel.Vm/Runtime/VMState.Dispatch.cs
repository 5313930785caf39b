using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Stoffel.Vm.Hooks;
using Stoffel.Vm.Instructions;
using Stoffel.Vm.Values;

namespace Stoffel.Vm.Runtime;

// The dispatch loop. One copy per execution mode; the hook-free copy pays one decrement and one
// predictable branch per instruction (the service countdown that also carries the instruction
// budget, cancellation and hook changes). Registers are addressed without bounds checks: every
// operand was checked against the normalised frame size at load, and PushFrame guarantees the
// stack holds the whole frame.
internal sealed partial class VMState
{
    // Instructions still allowed in the current slice, and the slice's size: the live instruction
    // count is _completedInstructions + _sliceSize - _countdown. The loop keeps its countdown in a
    // local and stores it here when it leaves or calls a hook.
    private int _countdown;
    private int _sliceSize;
    private long _completedInstructions;

    // The count record the recording loop's last bound builtin call was counted into
    // (CountBoundCall), for its case to take the count back if it declines after all; -1 when
    // it counted nothing.
    private int _countedBoundCall = -1;

    // The instrumented instruction's index and its destination register's value before it ran,
    // kept from BeforeInstruction to AfterInstruction (fields, so the hooked loop's hot path
    // carries no extra locals).
    private int _hookIp;
    private Value _hookOldValue;
    private Value _result;

    /// <summary>How a run of a copy of the dispatch loop ended.</summary>
    internal enum RunStatus
    {
        Returned,
        Service,
        /// <summary>The loop entered a function that needs another copy of the loop (see <see cref="RunInLoopFor"/>).</summary>
        SwitchLoop,
    }

    /// <summary>
    /// Ends the slice early (the hooks changed: the loop must re-read them at the service point)
    /// without counting the instructions it did not run: the slice shrinks to what ran, so
    /// <see cref="InstructionsExecuted"/> and the instruction budget stay exact. Returns the new
    /// countdown, 0. <paramref name="countdown"/> is the loop's local countdown, which the tracing
    /// loop does not use: there the field is read.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int EndSlice<TMode>(int countdown) where TMode : struct, IExecutionMode
    {
        _sliceSize -= typeof(TMode) == typeof(TracedMode) ? _countdown : countdown;
        _countdown = 0; // so a hook later in this instruction reads the live count right
        return 0;
    }

    /// <summary>
    /// The call observers' notice of a fused run's call that enters <paramref name="callee"/>
    /// directly (as <see cref="HookDelivery.FireDirectCallEvents"/>: a record when they take batches),
    /// with the live instruction count published first. Returns the loop's countdown, 0 when an
    /// observer changed the hooks (<see cref="EndSlice{TMode}"/>). Out of line: the fused cases of
    /// <c>Run</c> stay as the plain loop needs them.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private int ObserveFusedCall<TMode>(HookTable hooks, RuntimeFunction callee, int countdown) where TMode : struct, IExecutionMode
    {
        PublishCountdown<TMode>(countdown);
        if (Delivery.TryRecordCall(this, hooks, callee))
        {
            return countdown; // no observer ran
        }
        Delivery.FireDirectCallEventsSlowly(hooks, callee, default); // observers alone (CanEnterDirectly) read no argument
        return HooksChanged ? EndSlice<TMode>(countdown) : countdown;
    }

    /// <summary>
    /// <see cref="ObserveFusedCall{TMode}"/>'s common case for the recording loop
    /// (<see cref="RecordingMode"/>): the call's record appended, no observer run, so the loop
    /// need not reload its record and registers. False, changing nothing, when the record needs
    /// the buffer handed over first.
    /// </summary>
    /// <remarks>
    /// Inlined, into the recording copy of the loop alone (the others fold its call away with
    /// their type test), since that copy is a method of its own: `--profile` fib 482.5 → 474.5
    /// machine instructions per call, calls 494.4 → 487.7, closure 915.6 → 917.9 per iteration,
    /// the plain copy's code unchanged (bench/pathlength.sh's sizes). Out of line it had been kept
    /// while the plain loop recorded too, whose blocks the inlined append moved.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool RecordFusedCall(HookTable hooks, RuntimeFunction callee, int countdown)
    {
        PublishCountdown<RecordingMode>(countdown); // the record's instruction count
        return Delivery.TryRecordCall(this, hooks, callee);
    }

    /// <summary>
    /// Stores the loop's countdown in <see cref="_countdown"/> before code that reads the live
    /// instruction count, may fail (an error counts its instruction) or calls out: the tracing
    /// loop keeps its countdown there all along, and its local is not used (see
    /// <see cref="Trace"/>); there it closes the tracer's window instead
    /// (<see cref="CloseTracerWindow"/>), so that the code after it runs as no hook's and reads
    /// the record as the other loops leave it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void PublishCountdown<TMode>(int countdown) where TMode : struct, IExecutionMode
    {
        if (typeof(TMode) != typeof(TracedMode))
        {
            _countdown = countdown;
        }
        else
        {
            CloseTracerWindow(); // the record gets its Ip from the loop's event (Trace)
        }
    }

    /// <summary>
    /// Stores where an instruction that may fail stands, <paramref name="ip"/> in
    /// <paramref name="frame"/>, and the countdown with that instruction counted: in the plain and
    /// counting loops, which charged its whole block on entering it, without the instructions after
    /// it (the block's cost from <paramref name="ip"/>, less the instruction itself).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void PublishFailurePoint<TMode>(ref ActivationRecord frame, int ip, int countdown, RuntimeFunction function) where TMode : struct, IExecutionMode
    {
        frame.Ip = ip;
        PublishCountdown<TMode>((typeof(TMode) != typeof(HookedMode) && typeof(TMode) != typeof(TracedMode)) ? countdown + BlockCost(function, ip) - 1 : countdown);
    }

    /// <summary>What entering <paramref name="function"/>'s plain code at <paramref name="ip"/> charges (<see cref="RuntimeFunction.BlockCosts"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int BlockCost(RuntimeFunction function, int ip) =>
        Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(function.BlockCosts), ip); // ip < Code.Length = BlockCosts.Length

    /// <summary>What a jump in the plain code charges when it is <paramref name="taken"/> or not: the costs it carries (<see cref="BlockCosts.Apply"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int BranchCost(in Instruction jump, bool taken) => taken ? jump.B : jump.C;

    /// <summary><see cref="BranchCost(in Instruction, bool)"/> in the plain and counting loops; 0 in the others, which count every instruction and run the program's own code.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int BranchCost<TMode>(in Instruction jump, bool taken) where TMode : struct, IExecutionMode =>
        (typeof(TMode) != typeof(HookedMode) && typeof(TMode) != typeof(TracedMode)) ? BranchCost(in jump, taken) : 0;

    /// <summary>Where a conditional jump goes: its target when <paramref name="taken"/>, else the next instruction.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref readonly Instruction Branch<TMode>(ref Instruction code, in Instruction jump, bool taken) where TMode : struct, IExecutionMode =>
        ref taken ? ref JumpTarget<TMode>(ref code, in jump, jump.A) : ref After(in jump, 1);

    /// <summary>
    /// The instruction a jump operand <paramref name="target"/> held by <paramref name="holder"/>
    /// names: in the program's own code (the hooked loop's) an index into the code starting at
    /// <paramref name="code"/>, in the plain code a distance from the holder (<see cref="RelativeJumps"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref readonly Instruction JumpTarget<TMode>(ref Instruction code, in Instruction holder, int target) where TMode : struct, IExecutionMode =>
        ref typeof(TMode) == typeof(HookedMode) ? ref Unsafe.Add(ref code, target) : ref After(in holder, target);

    /// <summary>
    /// After the hooks before an instruction, when <see cref="ReloadAfterHook"/> is set: a hook
    /// changed the hooks, or ran nested Stoffel code that grew the frame array or the value stack
    /// (or that happened earlier, and this is the first hook since: a harmless re-read). Clears the
    /// flag (before HooksChanged is read: a change from another thread after this point sets it
    /// again) unless a hook is running, and ends the slice on a change of hooks. The caller then
    /// re-reads its frame and registers. Returns the countdown.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int AcknowledgeReload<TMode>(int countdown) where TMode : struct, IExecutionMode
    {
        if (typeof(TMode) == typeof(TracedMode) || !HookRunning) // the tracing loop never runs nested in a hook (RunInLoopFor): its flag is its tracer's window
        {
            ReloadAfterHook = false;
        }
        if (HooksChanged)
        {
            countdown = EndSlice<TMode>(countdown);
            if (typeof(TMode) == typeof(HookedMode))
            {
                _countdown = countdown + 1; // this instruction's after-instruction events still read it as not executed
            }
        }
        return countdown;
    }

    /// <summary>The dispatch loop's copy for <typeparamref name="TMode"/>, any but the tracing one (<see cref="RunTracingLoop{THook}"/>).</summary>
    private RunStatus RunUntraced<TMode>() where TMode : struct, IExecutionMode => Run<TMode, CallbackHook>();

    /// <summary>
    /// The tracing loop for a sole instruction hook of type <typeparamref name="THook"/>
    /// (<see cref="TracingLoop{THook}"/>, the hook's entry).
    /// </summary>
    internal RunStatus RunTracingLoop<THook>() where THook : struct, IInstructionHook => Run<TracedMode, THook>();

    // Not AggressiveOptimization: under the JIT that compiles the loop once, without a profile,
    // and lays its blocks out by guesswork; tiered (tier 0, on-stack replacement, then tier 1 with
    // dynamic PGO) the hot cases of the program being run go in line. In-process, closure(200K)
    // 3.45 → 3.18 ms (Lua 3.13), the no-op hook on fib(20) 2.43x → 1.77x plain
    // (bench/README.md). Native AOT ignores the attribute.
    //
    // The dispatch loop's copy for TMode. THook matters to the tracing loop alone, whose calls of the
    // sole instruction hook it makes direct (TracingLoop<THook>); the other copies take CallbackHook.
    private RunStatus Run<TMode, THook>() where TMode : struct, IExecutionMode where THook : struct, IInstructionHook
    {
        ref var frame = ref Calls.Frames[Calls.FrameCount - 1];
        var function = frame.Function;
        // The first instruction of the code this copy runs: a ref, not the array, so that fetching
        // an instruction tests nothing (every jump target and the sentinel RET were checked at load).
        // Only the hooked loop keeps it across instructions: the plain code's jumps are relative
        // (RelativeJumps), and its instruction indices are computed from the function (IpOf<TMode>).
        ref var code = ref CodeStart<TMode>(function);
        // The frame's registers. Re-pointed only where the frame (or, through a nested run, the
        // value stack) can change: after CALL and RET.
        ref var registers = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(Calls.Values), frame.Base);
        // The instruction to run: a ref into the code, so that fetching it computes nothing; its
        // index (IpOf) only where it is stored or reported.
        ref readonly var instruction = ref Unsafe.Add(ref code, frame.Ip);
        var countdown = _countdown;
        var hooks = Hooks.Table;
        // In the hooked loop: the instructions of this function that need hook work (all of them
        // when some hook wants every instruction), or null when none does, so an instruction that
        // needs none costs one null check.
        var sites = typeof(TMode) == typeof(HookedMode) ? SitesOf(hooks, function) : null;
        // In the hooked and tracing loops: this thread's managed id, which event delivery records.
        // Read once per entry, not per event; a local, not a field, because another thread may run
        // the VM while this one waits in a hook (a debugger evaluating while paused).
        var thread = typeof(TMode) == typeof(HookedMode) || typeof(TMode) == typeof(TracedMode) ? HookDelivery.CurrentThreadId : 0;
        // In the counting loop: this function's instruction counters.
        var counts = typeof(TMode) == typeof(CountingMode) ? CountsOf(function) : null;
        // In the tracing loop: the event its tracer gets, the loop's own, a local of this frame, so
        // that a change of function stores its reference without a GC write barrier. Its frame half
        // is written where the loop enters a frame (HookEvent.SetFrame), its index per instruction.
        // Initialized in that loop alone: elsewhere its zeroing could be a call before the loop, across
        // which the JIT keeps the instruction's ref in a stack slot for the whole loop.
        Unsafe.SkipInit(out HookEvent tracerEvent);
        // In the tracing loop: the sole instruction hook, as the loop started (Trace).
        TracingLoop<THook>? tracing = null;
        if (typeof(TMode) == typeof(TracedMode))
        {
            if (hooks.SoleTracer?.TracingLoop is not TracingLoop<THook> sole)
            {
                return RunStatus.SwitchLoop; // the hooks changed since the loop was chosen; Trace relies on a sole tracer of this type
            }
            tracing = sole;
            tracerEvent = HookEvent.ForTracer();
            UseTracerEvent(ref tracerEvent);
            Delivery.UseTracer(hooks, thread);
            HookEvent.SetFrame(ref tracerEvent, function, Calls.FrameCount);
        }
        if (typeof(TMode) == typeof(HookedMode))
        {
            Calls.ClearUnwritten(ref frame); // after-instruction events see registers the record's Ip does not account for
        }
        if ((typeof(TMode) != typeof(HookedMode) && typeof(TMode) != typeof(TracedMode)) && (countdown -= BlockCost(function, frame.Ip)) < 0)
        {
            goto OutOfSlice; // the slice cannot take the block this run resumes in
        }
        while (true)
        {
            // The tracing loop's countdown lives in _countdown between instructions (see Trace), the
            // hooked loop's in the local; the plain and counting loops charge it per block instead.
            if (typeof(TMode) == typeof(TracedMode) ? _countdown <= 0 : typeof(TMode) == typeof(HookedMode) && --countdown < 0)
            {
                goto ServicePoint;
            }
            // The instruction's index, which the counting and hooked loops' per-instruction work uses (the
            // tracing loop's event takes the instruction's address: HookEvent.SetInstructionInFrame).
            var ip = typeof(TMode) == typeof(CountingMode) || typeof(TMode) == typeof(HookedMode) ? IpOf<TMode>(ref code, in instruction, function) : 0;
            if (typeof(TMode) == typeof(CountingMode))
            {
                Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(counts!), ip)++; // ip < Code.Length < counts.Length
            }
            else if (typeof(TMode) == typeof(HookedMode) && hooks.CountsInstructions)
            {
                CountsOf(function)[ip]++;
            }
            var instrumented = typeof(TMode) == typeof(HookedMode) && sites is not null && sites[ip];
            if (typeof(TMode) == typeof(TracedMode) || instrumented)
            {
                if (typeof(TMode) == typeof(HookedMode))
                {
                    frame.Ip = ip;
                    _hookIp = ip;
                }
                if (typeof(TMode) == typeof(TracedMode))
                {
                    OpenTracerWindow(); // (Trace): whatever ran before this instruction may have closed it
                    Trace(tracing!, ref tracerEvent, in instruction);
                }
                else
                {
                    _countdown = countdown + 1; // the instruction about to run is not executed yet
                    BeforeInstruction(hooks, in frame, ip, in instruction, thread);
                }
                if (ReloadAfterHook)
                {
                    goto HookRan;
                }
            }

        Dispatch:
            switch (instruction.Opcode)
            {
                case Opcode.LDI:
                    instruction = ref LoadConstant<TMode>(function, ref registers, in instruction);
                    break;
                // A String constant's load and the fused call after it (SuccessorFusion.LoadThenCall):
                // in the plain and recording loops, a bound get_upvalue of the name loaded goes on
                // without a dispatch; anything else is dispatched as usual.
                case SuccessorFusion.LoadThenCall:
                    instruction = ref LoadStringConstant<TMode>(function, ref registers, in instruction);
                    if ((typeof(TMode) == typeof(PlainMode) || typeof(TMode) == typeof(RecordingMode)) && instruction.Opcode == BoundBuiltinCall.GetUpvalue)
                    {
                        goto case BoundBuiltinCall.GetUpvalue; // an upvalue read by its name (closure)
                    }
                    break;
                case InlineConstant.Opcode:
                    instruction = ref LoadInlineConstant<TMode>(ref registers, in instruction);
                    break;
                // A constant load and the instruction after it in one dispatch (ConstantOperand); the
                // counting loop, which counts each instruction, runs the load alone, the tracing loop
                // reports the next part before it goes on to it (TracePart).
                case ConstantOperand.ThenCompare:
                    instruction = ref LoadInlineConstant<TMode>(ref registers, in instruction);
                    if (typeof(TMode) == typeof(CountingMode))
                    {
                        break;
                    }
                    if (typeof(TMode) == typeof(TracedMode) && _countdown <= 0) goto ServicePoint; // the tracing loop: the slice is used up before the next part
                    if (typeof(TMode) == typeof(TracedMode) && TracePart(tracing!, ref tracerEvent, in instruction)) goto HookRan; // its event
                    goto case FusedCompare.Opcode;
                case ConstantOperand.ThenJumpIfLess:
                    instruction = ref LoadInlineConstant<TMode>(ref registers, in instruction);
                    if (typeof(TMode) == typeof(CountingMode))
                    {
                        break;
                    }
                    if (typeof(TMode) == typeof(TracedMode) && _countdown <= 0) goto ServicePoint; // the tracing loop: the slice is used up before the next part
                    if (typeof(TMode) == typeof(TracedMode) && TracePart(tracing!, ref tracerEvent, in instruction)) goto HookRan; // its event
                    goto case FusedCompare.JumpIfLess;
                case ConstantOperand.ThenAdd:
                    instruction = ref LoadInlineConstant<TMode>(ref registers, in instruction);
                    if (typeof(TMode) == typeof(CountingMode))
                    {
                        break;
                    }
                    if (typeof(TMode) == typeof(TracedMode) && _countdown <= 0) goto ServicePoint; // the tracing loop: the slice is used up before the next part
                    if (typeof(TMode) == typeof(TracedMode) && TracePart(tracing!, ref tracerEvent, in instruction)) goto HookRan; // its event
                    goto case Opcode.ADD;
                case ConstantOperand.ThenAddThenCall:
                    instruction = ref LoadInlineConstant<TMode>(ref registers, in instruction);
                    if (typeof(TMode) == typeof(CountingMode))
                    {
                        break;
                    }
                    if (typeof(TMode) == typeof(TracedMode) && _countdown <= 0) goto ServicePoint; // the tracing loop: the slice is used up before the next part
                    if (typeof(TMode) == typeof(TracedMode) && TracePart(tracing!, ref tracerEvent, in instruction)) goto HookRan; // its event
                    if (TryAddIntegers<TMode>(ref registers, in instruction))
                    {
                        instruction = ref After(in instruction, 1);
                        if ((typeof(TMode) == typeof(PlainMode) || typeof(TMode) == typeof(RecordingMode)) && instruction.Opcode == BoundBuiltinCall.SetUpvalue)
                        {
                            goto case BoundBuiltinCall.SetUpvalue; // the sum written back (an upvalue counter's step)
                        }
                        break;
                    }
                    goto case Opcode.ADD;
                case ConstantOperand.ThenSubtract:
                    instruction = ref LoadInlineConstant<TMode>(ref registers, in instruction);
                    if (typeof(TMode) == typeof(CountingMode))
                    {
                        break;
                    }
                    if (typeof(TMode) == typeof(TracedMode) && _countdown <= 0) goto ServicePoint; // the tracing loop: the slice is used up before the next part
                    if (typeof(TMode) == typeof(TracedMode) && TracePart(tracing!, ref tracerEvent, in instruction)) goto HookRan; // its event
                    goto case Opcode.SUB;
                // The same pair with the constant as an immediate operand, where the load's register is
                // not read again before it is written (ImmediateOperands): the plain and recording loops
                // leave it alone while the record's slots are not cleared; anything else, and the other
                // loops, run the pair above, which writes it.
                case ImmediateOperands.Subtract:
                    if ((typeof(TMode) == typeof(PlainMode) || typeof(TMode) == typeof(RecordingMode)) && !frame.Cleared
                        && TrySubtractImmediate<TMode>(ref registers, in After(in instruction, 1), InlineConstant.Value(in instruction)))
                    {
                        instruction = ref After(in instruction, 2);
                        if (instruction.Opcode == BoundBuiltinCall.ProgramCall)
                        {
                            goto case BoundBuiltinCall.ProgramCall; // the argument just computed, called (fib's n - 1)
                        }
                        break;
                    }
                    goto case ConstantOperand.ThenSubtract;
                case Opcode.MOV:
                    instruction = ref Move<TMode>(ref registers, in instruction);
                    break;
                // An instruction and its successor in one dispatch (SuccessorFusion); the counting
                // loop, which counts each instruction, runs the first alone, the tracing loop reports
                // the successor before it goes on to it (TracePart).
                case SuccessorFusion.MoveThenConstantJumpIfLess:
                    instruction = ref Move<TMode>(ref registers, in instruction);
                    if (typeof(TMode) == typeof(CountingMode))
                    {
                        break;
                    }
                    if (typeof(TMode) == typeof(TracedMode) && _countdown <= 0) goto ServicePoint; // the tracing loop: the slice is used up before the next part
                    if (typeof(TMode) == typeof(TracedMode) && TracePart(tracing!, ref tracerEvent, in instruction)) goto HookRan; // its event
                    goto case ConstantOperand.ThenJumpIfLess;
                case SuccessorFusion.MoveThenConstantSubtract:
                    instruction = ref Move<TMode>(ref registers, in instruction);
                    if (typeof(TMode) == typeof(CountingMode))
                    {
                        break;
                    }
                    if (typeof(TMode) == typeof(TracedMode) && _countdown <= 0) goto ServicePoint; // the tracing loop: the slice is used up before the next part
                    if (typeof(TMode) == typeof(TracedMode) && TracePart(tracing!, ref tracerEvent, in instruction)) goto HookRan; // its event
                    goto case ConstantOperand.ThenSubtract;
                case SuccessorFusion.MoveThenImmediateSubtract:
                    instruction = ref Move<TMode>(ref registers, in instruction);
                    if (typeof(TMode) == typeof(CountingMode))
                    {
                        break;
                    }
                    if (typeof(TMode) == typeof(TracedMode) && _countdown <= 0) goto ServicePoint; // the tracing loop: the slice is used up before the next part
                    if (typeof(TMode) == typeof(TracedMode) && TracePart(tracing!, ref tracerEvent, in instruction)) goto HookRan; // its event
                    goto case ImmediateOperands.Subtract;
                case SuccessorFusion.MoveThenAdd:
                    instruction = ref Move<TMode>(ref registers, in instruction);
                    if (typeof(TMode) == typeof(CountingMode))
                    {
                        break;
                    }
                    if (typeof(TMode) == typeof(TracedMode) && _countdown <= 0) goto ServicePoint; // the tracing loop: the slice is used up before the next part
                    if (typeof(TMode) == typeof(TracedMode) && TracePart(tracing!, ref tracerEvent, in instruction)) goto HookRan; // its event
                // The ADD after a MOV; the plain RET comes in here, having made the move as it returned.
                MovedToAdd:
                    if (instruction.Opcode == SuccessorFusion.AddThenJumpIfLess)
                    {
                        goto case SuccessorFusion.AddThenJumpIfLess; // a loop body's end: its step and test too (SuccessorFusion)
                    }
                    goto case Opcode.ADD;
                case SuccessorFusion.AddThenJumpIfLess:
                    if (typeof(TMode) != typeof(CountingMode) && TryAddIntegers<TMode>(ref registers, in instruction))
                    {
                        instruction = ref After(in instruction, 1);
                        if (typeof(TMode) == typeof(TracedMode) && _countdown <= 0) goto ServicePoint; // the tracing loop: the slice is used up before the next part
                        if (typeof(TMode) == typeof(TracedMode) && TracePart(tracing!, ref tracerEvent, in instruction)) goto HookRan; // its event
                        goto case FusedCompare.JumpIfLess;
                    }
                    goto case Opcode.ADD; // the ADD's general path, then the successor's dispatch
                case SuccessorFusion.AddThenReturn:
                    if (typeof(TMode) != typeof(CountingMode) && TryAddIntegers<TMode>(ref registers, in instruction))
                    {
                        instruction = ref After(in instruction, 1);
                        if (typeof(TMode) == typeof(TracedMode) && _countdown <= 0) goto ServicePoint; // the tracing loop: the slice is used up before the next part
                        if (typeof(TMode) == typeof(TracedMode) && TracePart(tracing!, ref tracerEvent, in instruction)) goto HookRan; // its event
                        goto case Opcode.RET;
                    }
                    goto case Opcode.ADD;
                case Opcode.ADD:
                {
                    ref var left = ref RegisterB<TMode>(ref registers, in instruction);
                    ref var right = ref RegisterC<TMode>(ref registers, in instruction);
                    if (left.Kind == ValueKind.I64 && right.Kind == ValueKind.I64)
                    {
                        var sum = unchecked(left.Bits + right.Bits);
                        if (((left.Bits ^ sum) & (right.Bits ^ sum)) < 0)
                        {
                            PublishFailurePoint<TMode>(ref frame, IpOf<TMode>(ref code, in instruction, function), countdown, function); // an error here counts this instruction
                            throw OverflowOf(Opcode.ADD, RegisterB<TMode>(ref registers, in instruction), RegisterC<TMode>(ref registers, in instruction));
                        }
                        RegisterA<TMode>(ref registers, in instruction) = Value.FromI64(sum);
                    }
                    else if (left.Kind == ValueKind.Float && right.Kind == ValueKind.Float)
                    {
                        RegisterA<TMode>(ref registers, in instruction) = Value.FromFloat(left.AsFloat + right.AsFloat); // IEEE 754, as Arithmetic
                    }
                    else
                    {
                        PublishFailurePoint<TMode>(ref frame, IpOf<TMode>(ref code, in instruction, function), countdown, function); // an error here counts this instruction
                        BinarySlow(Opcode.ADD, ref RegisterA<TMode>(ref registers, in instruction), in RegisterB<TMode>(ref registers, in instruction), in RegisterC<TMode>(ref registers, in instruction)); // the operands found again: kept across the call, they cost the fast path a spill
                    }
                    instruction = ref After(in instruction, 1);
                    break;
                }
                case Opcode.SUB:
                {
                    ref var left = ref RegisterB<TMode>(ref registers, in instruction);
                    ref var right = ref RegisterC<TMode>(ref registers, in instruction);
                    if (left.Kind == ValueKind.I64 && right.Kind == ValueKind.I64)
                    {
                        var difference = unchecked(left.Bits - right.Bits);
                        if (((left.Bits ^ right.Bits) & (left.Bits ^ difference)) < 0)
                        {
                            PublishFailurePoint<TMode>(ref frame, IpOf<TMode>(ref code, in instruction, function), countdown, function); // an error here counts this instruction
                            throw OverflowOf(Opcode.SUB, RegisterB<TMode>(ref registers, in instruction), RegisterC<TMode>(ref registers, in instruction));
                        }
                        RegisterA<TMode>(ref registers, in instruction) = Value.FromI64(difference);
                    }
                    else if (left.Kind == ValueKind.Float && right.Kind == ValueKind.Float)
                    {
                        RegisterA<TMode>(ref registers, in instruction) = Value.FromFloat(left.AsFloat - right.AsFloat); // IEEE 754, as Arithmetic
                    }
                    else
                    {
                        PublishFailurePoint<TMode>(ref frame, IpOf<TMode>(ref code, in instruction, function), countdown, function); // an error here counts this instruction
                        BinarySlow(instruction.Opcode, ref RegisterA<TMode>(ref registers, in instruction), in RegisterB<TMode>(ref registers, in instruction), in RegisterC<TMode>(ref registers, in instruction)); // the operands found again: kept across the call, they cost the fast path a spill
                    }
                    instruction = ref After(in instruction, 1);
                    break;
                }
                case Opcode.MUL:
                {
                    ref var left = ref RegisterB<TMode>(ref registers, in instruction);
                    ref var right = ref RegisterC<TMode>(ref registers, in instruction);
                    if (left.Kind == ValueKind.I64 && right.Kind == ValueKind.I64)
                    {
                        // Two 32-bit factors cannot overflow 64 bits; only wider ones pay for the
                        // 128-bit product, out of line (its out parameter kept a local in memory).
                        if ((int)left.Bits == left.Bits && (int)right.Bits == right.Bits)
                        {
                            RegisterA<TMode>(ref registers, in instruction) = Value.FromI64(unchecked(left.Bits * right.Bits));
                        }
                        else if (WideProduct(left.Bits, right.Bits) is { } product)
                        {
                            RegisterA<TMode>(ref registers, in instruction) = Value.FromI64(product);
                        }
                        else
                        {
                            PublishFailurePoint<TMode>(ref frame, IpOf<TMode>(ref code, in instruction, function), countdown, function); // an error here counts this instruction
                            throw OverflowOf(Opcode.MUL, RegisterB<TMode>(ref registers, in instruction), RegisterC<TMode>(ref registers, in instruction));
                        }
                    }
                    else if (left.Kind == ValueKind.Float && right.Kind == ValueKind.Float)
                    {
                        RegisterA<TMode>(ref registers, in instruction) = Value.FromFloat(left.AsFloat * right.AsFloat); // IEEE 754, as Arithmetic
                    }
                    else
                    {
                        PublishFailurePoint<TMode>(ref frame, IpOf<TMode>(ref code, in instruction, function), countdown, function); // an error here counts this instruction
                        BinarySlow(instruction.Opcode, ref RegisterA<TMode>(ref registers, in instruction), in RegisterB<TMode>(ref registers, in instruction), in RegisterC<TMode>(ref registers, in instruction)); // the operands found again: kept across the call, they cost the fast path a spill
                    }
                    instruction = ref After(in instruction, 1);
                    break;
                }
                case Opcode.DIV:
                {
                    ref var left = ref RegisterB<TMode>(ref registers, in instruction);
                    ref var right = ref RegisterC<TMode>(ref registers, in instruction);
                    if (left.Kind == ValueKind.I64 && right.Kind == ValueKind.I64 && right.Bits > 0)
                    {
                        RegisterA<TMode>(ref registers, in instruction) = Value.FromI64(left.Bits / right.Bits);
                    }
                    else
                    {
                        PublishFailurePoint<TMode>(ref frame, IpOf<TMode>(ref code, in instruction, function), countdown, function); // an error here counts this instruction
                        BinarySlow(Opcode.DIV, ref RegisterA<TMode>(ref registers, in instruction), in RegisterB<TMode>(ref registers, in instruction), in RegisterC<TMode>(ref registers, in instruction)); // the operands found again: kept across the call, they cost the fast path a spill
                    }
                    instruction = ref After(in instruction, 1);
                    break;
                }
                case Opcode.MOD:
                {
                    ref var left = ref RegisterB<TMode>(ref registers, in instruction);
                    ref var right = ref RegisterC<TMode>(ref registers, in instruction);
                    if (left.Kind == ValueKind.I64 && right.Kind == ValueKind.I64 && right.Bits > 0)
                    {
                        RegisterA<TMode>(ref registers, in instruction) = Value.FromI64(left.Bits % right.Bits);
                    }
                    else
                    {
                        PublishFailurePoint<TMode>(ref frame, IpOf<TMode>(ref code, in instruction, function), countdown, function); // an error here counts this instruction
                        BinarySlow(Opcode.MOD, ref RegisterA<TMode>(ref registers, in instruction), in RegisterB<TMode>(ref registers, in instruction), in RegisterC<TMode>(ref registers, in instruction)); // as DIV
                    }
                    instruction = ref After(in instruction, 1);
                    break;
                }
                case Opcode.AND:
                case Opcode.OR:
                case Opcode.XOR:
                case Opcode.SHL:
                case Opcode.SHR:
                    PublishFailurePoint<TMode>(ref frame, IpOf<TMode>(ref code, in instruction, function), countdown, function); // an error here counts this instruction
                    BinarySlow(instruction.Opcode, ref RegisterA<TMode>(ref registers, in instruction), in RegisterB<TMode>(ref registers, in instruction), in RegisterC<TMode>(ref registers, in instruction));
                    instruction = ref After(in instruction, 1);
                    break;
                case Opcode.NOT:
                    PublishFailurePoint<TMode>(ref frame, IpOf<TMode>(ref code, in instruction, function), countdown, function); // an error here counts this instruction
                    RegisterA<TMode>(ref registers, in instruction) = Arithmetic.Not(RegisterB<TMode>(ref registers, in instruction));
                    instruction = ref After(in instruction, 1);
                    break;
                case FusedCompare.JumpIfLess:
                {
                    // The plain loop's fused CMP and JMPLT, which jumps on the comparison itself: the
                    // flag is set for whatever reads it later. The other loops run it as the other
                    // fused compare, and operands other than two I64s as the CMP.
                    if (typeof(TMode) == typeof(CountingMode) || typeof(TMode) == typeof(TracedMode))
                    {
                        goto case FusedCompare.Opcode;
                    }
                    ref var left = ref RegisterA<TMode>(ref registers, in instruction);
                    ref var right = ref RegisterB<TMode>(ref registers, in instruction);
                    if (left.Kind != ValueKind.I64 || right.Kind != ValueKind.I64)
                    {
                        goto case Opcode.CMP;
                    }
                    if (left.Bits < right.Bits)
                    {
                        frame.Flag = CompareFlag.Less;
                        countdown -= BranchCost(in After(in instruction, 1), taken: true);
                        instruction = ref JumpTarget<TMode>(ref code, in instruction, FusedCompare.Target(instruction.C));
                    }
                    else
                    {
                        frame.Flag = left.Bits > right.Bits ? CompareFlag.Greater : CompareFlag.Equal;
                        countdown -= BranchCost(in After(in instruction, 1), taken: false);
                        instruction = ref After(in instruction, 2);
                    }
                    if (countdown < 0)
                    {
                        goto OutOfSlice;
                    }
                    break;
                }
                case FusedCompare.Opcode:
                {
                    ref var left = ref RegisterA<TMode>(ref registers, in instruction);
                    ref var right = ref RegisterB<TMode>(ref registers, in instruction);
                    if (left.Kind != ValueKind.I64 || right.Kind != ValueKind.I64)
                    {
                        goto case Opcode.CMP; // not the I64 fast path
                    }
                    var flag = left.Bits < right.Bits ? CompareFlag.Less : left.Bits > right.Bits ? CompareFlag.Greater : CompareFlag.Equal;
                    frame.Flag = flag;
                    if (typeof(TMode) == typeof(CountingMode))
                    {
                        CountFused(counts!, ip, 1); // the jump
                    }
                    if (typeof(TMode) == typeof(TracedMode))
                    {
                        // The jump in the same dispatch, after the work the loop does before any
                        // instruction (its event; the service point when the slice is used up).
                        instruction = ref After(in instruction, 1);
                        if (typeof(TMode) == typeof(TracedMode) && _countdown <= 0) goto ServicePoint; // the tracing loop: the slice is used up before the jump
                        if (typeof(TMode) == typeof(TracedMode) && TracePart(tracing!, ref tracerEvent, in instruction)) goto HookRan; // its event
                        ref readonly var compare = ref After(in instruction, -1); // it holds the target and the flags the jump takes
                        instruction = ref FusedCompare.Takes(compare.C, frame.Flag) ? ref JumpTarget<TMode>(ref code, in compare, FusedCompare.Target(compare.C)) : ref After(in instruction, 1);
                        break;
                    }
                    // One branch on the outcome: the jump it includes carries the costs of both successors.
                    if (FusedCompare.Takes(instruction.C, flag))
                    {
                        countdown -= BranchCost(in After(in instruction, 1), taken: true);
                        instruction = ref JumpTarget<TMode>(ref code, in instruction, FusedCompare.Target(instruction.C));
                    }
                    else
                    {
                        countdown -= BranchCost(in After(in instruction, 1), taken: false);
                        instruction = ref After(in instruction, 2);
                    }
                    if (countdown < 0)
                    {
                        goto OutOfSlice;
                    }
                    break;
                }
                case Opcode.CMP:
                {
                    ref var left = ref RegisterA<TMode>(ref registers, in instruction);
                    ref var right = ref RegisterB<TMode>(ref registers, in instruction);
                    if (left.Kind == ValueKind.I64 && right.Kind == ValueKind.I64)
                    {
                        frame.Flag = left.Bits < right.Bits ? CompareFlag.Less : left.Bits > right.Bits ? CompareFlag.Greater : CompareFlag.Equal;
                    }
                    else if (left.Kind == ValueKind.Float && right.Kind == ValueKind.Float && !double.IsNaN(left.AsFloat) && !double.IsNaN(right.AsFloat))
                    {
                        // Two doubles compare exactly (-0.0 equals 0.0); NaN is Comparison's error.
                        frame.Flag = left.AsFloat < right.AsFloat ? CompareFlag.Less : left.AsFloat > right.AsFloat ? CompareFlag.Greater : CompareFlag.Equal;
                    }
                    else
                    {
                        PublishFailurePoint<TMode>(ref frame, IpOf<TMode>(ref code, in instruction, function), countdown, function); // an error here counts this instruction
                        frame.Flag = Comparison.Compare(left, right);
                    }
                    instruction = ref After(in instruction, 1);
                    break;
                }
                case Opcode.JMP:
                    countdown -= BranchCost<TMode>(in instruction, true);
                    instruction = ref JumpTarget<TMode>(ref code, in instruction, instruction.A);
                    if ((typeof(TMode) != typeof(HookedMode) && typeof(TMode) != typeof(TracedMode)) && countdown < 0)
                    {
                        goto OutOfSlice;
                    }
                    break;
                case Opcode.JMPEQ:
                    countdown -= BranchCost<TMode>(in instruction, frame.Flag == CompareFlag.Equal);
                    instruction = ref Branch<TMode>(ref code, in instruction, frame.Flag == CompareFlag.Equal);
                    if ((typeof(TMode) != typeof(HookedMode) && typeof(TMode) != typeof(TracedMode)) && countdown < 0)
                    {
                        goto OutOfSlice;
                    }
                    break;
                case Opcode.JMPNEQ:
                    countdown -= BranchCost<TMode>(in instruction, frame.Flag != CompareFlag.Equal);
                    instruction = ref Branch<TMode>(ref code, in instruction, frame.Flag != CompareFlag.Equal);
                    if ((typeof(TMode) != typeof(HookedMode) && typeof(TMode) != typeof(TracedMode)) && countdown < 0)
                    {
                        goto OutOfSlice;
                    }
                    break;
                case Opcode.JMPLT:
                    countdown -= BranchCost<TMode>(in instruction, frame.Flag == CompareFlag.Less);
                    instruction = ref Branch<TMode>(ref code, in instruction, frame.Flag == CompareFlag.Less);
                    if ((typeof(TMode) != typeof(HookedMode) && typeof(TMode) != typeof(TracedMode)) && countdown < 0)
                    {
                        goto OutOfSlice;
                    }
                    break;
                case Opcode.JMPGT:
                    countdown -= BranchCost<TMode>(in instruction, frame.Flag == CompareFlag.Greater);
                    instruction = ref Branch<TMode>(ref code, in instruction, frame.Flag == CompareFlag.Greater);
                    if ((typeof(TMode) != typeof(HookedMode) && typeof(TMode) != typeof(TracedMode)) && countdown < 0)
                    {
                        goto OutOfSlice;
                    }
                    break;
                case Opcode.PUSHARG:
                {
                    ref var value = ref RegisterA<TMode>(ref registers, in instruction);
                    var args = Calls.Arguments;
                    var top = Calls.ArgumentTop;
                    if ((uint)top < (uint)args.Length)
                    {
                        Value.CopyKeepingSameReference(ref args[top], in value); // a loop pushes the same table each time: no write barrier then
                        Calls.ArgumentTop = top + 1;
                    }
                    else
                    {
                        PublishFailurePoint<TMode>(ref frame, IpOf<TMode>(ref code, in instruction, function), countdown, function); // an error here counts this instruction
                        Calls.PushArgument(value);
                    }
                    if (typeof(TMode) == typeof(HookedMode) && hooks.Mask.Includes(HookEventKind.StackPush))
                    {
                        Delivery.FireStackPush(hooks, in frame, ip, value); // ip: the hooked loop's index of this instruction
                    }
                    instruction = ref After(in instruction, 1);
                    break;
                }
                // The fused calls of builtins bound to their common case (BoundBuiltinCall), which can
                // neither fail nor charge: the result to r0, then on after the CALL (BoundCallReturned).
                // The tracing loop takes them after each part's event (TracedBoundCall); anything else,
                // and the counting loop, run the fused call they stand for.
                case BoundBuiltinCall.GetField:
                    if ((typeof(TMode) == typeof(PlainMode) || typeof(TMode) == typeof(RecordingMode)) && TakesBoundCall<TMode>(hooks, function, in instruction)
                        && TryGetFieldFast(ref registers, in Pushed<TMode>(ref registers, in instruction, 0), in Pushed<TMode>(ref registers, in instruction, 1)))
                    {
                        instruction = ref After(in instruction, 2); // its CALL
                        goto BoundCallReturned;
                    }
                    if (typeof(TMode) == typeof(TracedMode))
                    {
                        goto TracedBoundCall;
                    }
                    UncountDeclinedBoundCall<TMode>();
                    goto case FusedCall.Opcode;
                case BoundBuiltinCall.SetField:
                    if ((typeof(TMode) == typeof(PlainMode) || typeof(TMode) == typeof(RecordingMode)) && TakesBoundCall<TMode>(hooks, function, in instruction)
                        && TrySetFieldFast(ref registers, in Pushed<TMode>(ref registers, in instruction, 0), in Pushed<TMode>(ref registers, in instruction, 1), in Pushed<TMode>(ref registers, in instruction, 2)))
                    {
                        instruction = ref After(in instruction, 3);
                        goto BoundCallReturned;
                    }
                    if (typeof(TMode) == typeof(TracedMode))
                    {
                        goto TracedBoundCall;
                    }
                    UncountDeclinedBoundCall<TMode>();
                    goto case FusedCall.Opcode;
                case BoundBuiltinCall.GetUpvalue:
                    if ((typeof(TMode) == typeof(PlainMode) || typeof(TMode) == typeof(RecordingMode)) && TakesBoundCall<TMode>(hooks, function, in instruction)
                        && TryGetUpvalueFast(ref registers, in frame, in Pushed<TMode>(ref registers, in instruction, 0)))
                    {
                        instruction = ref After(in instruction, 1);
                        if (After(in instruction, 1).Opcode == ConstantOperand.ThenAddThenCall)
                        {
                            // BoundCallReturned's steps, then the constant added (an upvalue counter's step)
                            countdown -= instruction.C;
                            instruction = ref After(in instruction, 1);
                            if (countdown < 0)
                            {
                                goto OutOfSlice;
                            }
                            goto case ConstantOperand.ThenAddThenCall;
                        }
                        goto BoundCallReturned;
                    }
                    if (typeof(TMode) == typeof(TracedMode))
                    {
                        goto TracedBoundCall;
                    }
                    UncountDeclinedBoundCall<TMode>();
                    goto case FusedCall.Opcode;
                case BoundBuiltinCall.SetUpvalue:
                    if ((typeof(TMode) == typeof(PlainMode) || typeof(TMode) == typeof(RecordingMode)) && TakesBoundCall<TMode>(hooks, function, in instruction)
                        && TrySetUpvalueFast(ref registers, in frame, in Pushed<TMode>(ref registers, in instruction, 0), in Pushed<TMode>(ref registers, in instruction, 1)))
                    {
                        instruction = ref After(in instruction, 2);
                        if (After(in instruction, 1).Opcode == Opcode.RET)
                        {
                            // BoundCallReturned's steps, then the return (a closure's body ends so)
                            countdown -= instruction.C;
                            instruction = ref After(in instruction, 1);
                            if (countdown < 0)
                            {
                                goto OutOfSlice;
                            }
                            goto case Opcode.RET;
                        }
                        goto BoundCallReturned;
                    }
                    if (typeof(TMode) == typeof(TracedMode))
                    {
                        goto TracedBoundCall;
                    }
                    UncountDeclinedBoundCall<TMode>();
                    goto case FusedCall.Opcode;
                case BoundBuiltinCall.CallClosure:
                {
                    // call_closure enters the closure's record at its first instruction, as a fused
                    // run's direct entry enters a program function (the counting loop's too): the
                    // closure goes to the argument stack (the return consumes it), its arguments to the
                    // argument stack and its registers in one pass. Anything else (a hook that observes
                    // the call, not a closure of that arity, the depth limit) runs the fused call.
                    var pushes = instruction.B;
                    ref var closure = ref RegisterA<TMode>(ref registers, in instruction);
                    if (typeof(TMode) != typeof(TracedMode) && TryClosureCallee<TMode>(hooks, in closure, pushes - 1, out var callee)
                        && Calls.ArgumentTop + pushes <= Calls.ArgumentLimit && Calls.CanEnter(callee))
                    {
                        if (typeof(TMode) == typeof(CountingMode))
                        {
                            CountFused(counts!, ip, pushes);
                            CountsOf(callee)[^1]++; // PushFrame counts the calls it makes
                        }
                        if (typeof(TMode) == typeof(RecordingMode) && !RecordBoundClosureCall(hooks, function, in instruction, callee, countdown))
                        {
                            goto case FusedCall.Opcode; // the records need a hand-over first
                        }
                        frame.Ip = CallIp<TMode>(ref code, in instruction, pushes); // the CALL's: the return goes on after it
                        ref var calleeRegisters = ref Above(ref registers, function);
                        frame = ref EnterClosureDirectly(ref frame, ref registers, ref calleeRegisters, in instruction, pushes, in closure, callee);
                        function = callee;
                        registers = ref calleeRegisters; // where the parameters were written (kept at hand: recomputed from the end of the parameters it cost closure 9 machine instructions per iteration)
                        goto EnteredDirectly;
                    }
                    if (typeof(TMode) == typeof(TracedMode))
                    {
                        goto TracedBoundCall;
                    }
                    goto case FusedCall.Opcode;
                }
                case BoundBuiltinCall.ProgramCall:
                {
                    // The plain loop's call of a program function bound to its arity (the counting and
                    // tracing loops run the fused call): the target needs no test, only the room and the
                    // hooks do (call observers alone are notified here, as the fused call does; call
                    // hooks take the fused call's way).
                    var pushes = instruction.B;
                    if ((typeof(TMode) == typeof(PlainMode) || typeof(TMode) == typeof(RecordingMode)) && hooks.EntersDirectly
                        && Calls.ArgumentTop + pushes <= Calls.ArgumentLimit && BoundCallee(function, in instruction) is var callee && Calls.CanEnter(callee))
                    {
                        if (!hooks.DirectCalls && (typeof(TMode) != typeof(RecordingMode) || !RecordFusedCall(hooks, callee, countdown)))
                        {
                            countdown = ObserveFusedCall<TMode>(hooks, callee, countdown);
                            frame = ref Calls.Innermost; // an observer may have run nested code that grew the record array or the value stack
                            registers = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(Calls.Values), frame.Base);
                        }
                        frame.Ip = CallIp<TMode>(ref code, in instruction, pushes); // the CALL's: the return goes on after it
                        ref var calleeRegisters = ref Above(ref registers, function);
                        frame = ref EnterDirectly(ref frame, ref registers, ref calleeRegisters, in instruction, pushes, callee);
                        function = callee;
                        registers = ref calleeRegisters;
                        goto EnteredDirectly;
                    }
                    goto case FusedCall.Opcode;
                }
                // A record just entered at its first instruction (a fused run's direct entry, a bound
                // program call, a closure entered in place), whose frame, function and registers the
                // loop holds: FrameEntered's steps without the reloads, the first block's cost one load
                // away (EntryCost); then, in the plain and recording loops, the callee's first
                // instruction without a dispatch when it is a recursion's base-case test (fib) or a
                // bound get_upvalue's name (an upvalue counter). Anything else is dispatched. (A label
                // inside the switch: only from here can the loop go on into a case.)
                EnteredDirectly:
                    if (typeof(TMode) == typeof(CountingMode) || NeedsInstrumentedLoop(hooks, function))
                    {
                        goto FrameEntered;
                    }
                    code = ref CodeStart<TMode>(function);
                    instruction = ref code;
                    countdown -= function.EntryCost;
                    if (countdown < 0)
                    {
                        goto OutOfSlice;
                    }
                    if (typeof(TMode) == typeof(PlainMode) || typeof(TMode) == typeof(RecordingMode))
                    {
                        if (instruction.Opcode == SuccessorFusion.MoveThenConstantJumpIfLess)
                        {
                            goto case SuccessorFusion.MoveThenConstantJumpIfLess;
                        }
                        if (instruction.Opcode == SuccessorFusion.LoadThenCall)
                        {
                            goto case SuccessorFusion.LoadThenCall;
                        }
                    }
                    continue;
                // The tracing loop resuming a record at the instruction about to run (a caller after
                // a common return, a callee just entered): the loop head's steps, its event, then the
                // instruction's case without a dispatch when it is one fib's or a loop's calls and
                // returns lead to; anything else is dispatched. (Inside the switch, as EnteredDirectly.)
                TracedResume:
                    if (typeof(TMode) == typeof(TracedMode))
                    {
                        if (_countdown <= 0) goto ServicePoint; // the slice is used up before it
                        if (TracePart(tracing!, ref tracerEvent, in instruction)) goto HookRan; // its event
                        if (instruction.Opcode == SuccessorFusion.MoveThenConstantJumpIfLess)
                        {
                            goto case SuccessorFusion.MoveThenConstantJumpIfLess;
                        }
                        if (instruction.Opcode == SuccessorFusion.MoveThenImmediateSubtract)
                        {
                            goto case SuccessorFusion.MoveThenImmediateSubtract;
                        }
                        if (instruction.Opcode == SuccessorFusion.AddThenReturn)
                        {
                            goto case SuccessorFusion.AddThenReturn;
                        }
                    }
                    goto Dispatch;
                // The tracing loop's bound builtin call (BoundBuiltinCall; its first PUSHARG's event
                // delivered): each later part's event in this dispatch, the pushes not written
                // (BeginPendingPushes), then the builtin's common case from the registers (for
                // call_closure, the closure's record entered), as the plain loop runs it. A read of the argument stack from inside the tracer writes the pushes
                // reported so far and asks for a reload (PublishTracedRecord); the run then goes on part
                // by part from there, as it does when the slice is used up (with the pushes written
                // first). Observed calls, a full argument stack and anything but the common case run the
                // fused call, pushes written.
                TracedBoundCall:
                    if (typeof(TMode) == typeof(TracedMode))
                    {
                        if (ObservesIntrinsics(Hooks.Table) || Calls.ArgumentTop + instruction.B > Calls.Arguments.Length)
                        {
                            goto case FusedCall.Opcode;
                        }
                        BeginPendingPushes(in instruction);
                        do
                        {
                            instruction = ref After(in instruction, 1);
                            if (_countdown <= 0)
                            {
                                WritePendingPushes(RuntimeFunction.AddressOf(in instruction), in frame);
                                goto ServicePoint; // the slice is used up before the next PUSHARG or the CALL
                            }
                            if (TracePart(tracing!, ref tracerEvent, in instruction))
                            {
                                WritePendingPushes(RuntimeFunction.AddressOf(in instruction), in Calls.Innermost); // unless a read wrote them (the record array may have grown: the loop's ref is reloaded next)
                                goto HookRan;
                            }
                        }
                        while (instruction.Opcode != Opcode.CALL);
                        ref readonly var run = ref EndPendingPushes();
                        if (run.Opcode == BoundBuiltinCall.CallClosure)
                        {
                            // The closure entered in place, as the plain loop's case enters it, then
                            // the callee's first instruction's event (as a CALL's direct entry).
                            ref readonly var closure = ref RegisterA<TMode>(ref registers, in run);
                            if (TryClosureCallee<TMode>(Hooks.Table, in closure, run.B - 1, out var closureCallee)
                                && Calls.ArgumentTop + run.B <= Calls.ArgumentLimit && Calls.CanEnter(closureCallee))
                            {
                                frame.Ip = CallIp<TMode>(ref code, in run, run.B); // the CALL's: the return goes on after it
                                ref var calleeRegisters = ref Above(ref registers, function);
                                frame = ref EnterClosureDirectly(ref frame, ref registers, ref calleeRegisters, in run, run.B, in closure, closureCallee);
                                function = closureCallee;
                                registers = ref calleeRegisters;
                                code = ref CodeStart<TMode>(function);
                                instruction = ref code;
                                HookEvent.SetFrame(ref tracerEvent, function, Calls.FrameCount); // the window stays open, as a CALL's direct entry leaves it
                                goto TracedResume;
                            }
                        }
                        else if (RunBoundCallInPlace(ref registers, in frame, in run))
                        {
                            instruction = ref After(in instruction, 1); // past the CALL
                            break;
                        }
                        // Not the common case: the pushes written, then the CALL, its event delivered.
                        PushArguments(ref registers, in run, run.B);
                        goto case Opcode.CALL;
                    }
                    goto Dispatch;
                case FusedCall.Opcode:
                {
                    if (typeof(TMode) == typeof(TracedMode)) // (TracePart)
                    {
                        // The run's PUSHARGs and its CALL in this dispatch, each after its own event,
                        // unless the argument stack must grow: then the PUSHARG's case, one by one.
                        if (Calls.ArgumentTop + instruction.B > Calls.Arguments.Length)
                        {
                            goto case Opcode.PUSHARG;
                        }
                        do
                        {
                            Value.CopyKeepingSameReference(ref Calls.Arguments[Calls.ArgumentTop], in RegisterA<TMode>(ref registers, in instruction));
                            Calls.ArgumentTop++;
                            instruction = ref After(in instruction, 1);
                            if (_countdown <= 0)
                            {
                                goto ServicePoint; // the slice is used up before the next PUSHARG or the CALL
                            }
                            if (TracePart(tracing!, ref tracerEvent, in instruction))
                            {
                                goto HookRan;
                            }
                        }
                        while (instruction.Opcode != Opcode.CALL);
                        goto case Opcode.CALL;
                    }
                    var pushes = instruction.B;
                    // The CALL's target, when it takes the run's arguments alone (no arguments were
                    // pushed before the run, or a jump into it skipped none).
                    var runTarget = Calls.ArgumentTop == frame.ArgBase ? function.Callees[instruction.C] : null;
                    if (runTarget is { Function: { } runCallee })
                    {
                        var callHooks = HooksAtCallOrReturn<TMode>(hooks);
                        if (Calls.ArgumentTop + pushes <= Calls.ArgumentLimit && CanEnterDirectly(callHooks, runCallee, pushes))
                        {
                            if (typeof(TMode) == typeof(CountingMode))
                            {
                                CountFused(counts!, ip, pushes); // the PUSHARGs after the first and the CALL
                                CountsOf(runCallee)[^1]++; // PushFrame counts the calls it makes
                            }
                            if (!callHooks.DirectCalls && (typeof(TMode) != typeof(RecordingMode) || !RecordFusedCall(callHooks, runCallee, countdown)))
                            {
                                countdown = ObserveFusedCall<TMode>(callHooks, runCallee, countdown); // call observers alone (CanEnterDirectly)
                                frame = ref Calls.Innermost; // an observer may have run nested code that grew the record array or the value stack
                                registers = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(Calls.Values), frame.Base);
                            }
                            frame.Ip = CallIp<TMode>(ref code, in instruction, pushes); // the CALL's: the return goes on after it
                            ref var calleeRegisters = ref Above(ref registers, function);
                            frame = ref EnterDirectly(ref frame, ref registers, ref calleeRegisters, in instruction, pushes, runCallee);
                            function = runCallee;
                            registers = ref calleeRegisters;
                            goto EnteredDirectly;
                        }
                    }
                    else if (runTarget is { Path: { } path }) // a builtin with an inline path: it reads the registers and pushes nothing
                    {
                        frame.Ip = CallIp<TMode>(ref code, in instruction, pushes);
                        PublishCountdown<TMode>(countdown); // an error in the builtin is the CALL's, counting the run (charged with its block)
                        if (path.RunInPlace(HooksAtCallOrReturn<TMode>(hooks), in frame, ref registers, in instruction, pushes))
                        {
                            if (typeof(TMode) == typeof(CountingMode))
                            {
                                CountFused(counts!, ip, pushes);
                            }
                            ref readonly var call = ref After(in instruction, pushes);
                            countdown -= call.C; // the CALL carries the cost of the block after it (BlockCosts.Apply)
                            instruction = ref After(in call, 1);
                            if (countdown < 0)
                            {
                                goto OutOfSlice;
                            }
                            break;
                        }
                    }
                    if (Calls.ArgumentTop + pushes > Calls.Arguments.Length)
                    {
                        goto case Opcode.PUSHARG; // the argument stack must grow
                    }
                    if (typeof(TMode) == typeof(CountingMode))
                    {
                        CountFused(counts!, ip, pushes);
                    }
                    // As the run's PUSHARGs would, then the CALL itself.
                    PushArguments(ref registers, in instruction, pushes);
                    instruction = ref After(in instruction, pushes);
                    goto case Opcode.CALL;
                }
                case Opcode.LD:
                    PublishFailurePoint<TMode>(ref frame, IpOf<TMode>(ref code, in instruction, function), countdown, function); // an error here counts this instruction
                    RegisterA<TMode>(ref registers, in instruction) = Calls.LoadArgument(in frame, instruction.B);
                    instruction = ref After(in instruction, 1);
                    break;
                case Opcode.LDS:
                    Value.Copy(ref RegisterA<TMode>(ref registers, in instruction), in SpillSlot<TMode>(function, ref registers, instruction.B));
                    instruction = ref After(in instruction, 1);
                    break;
                case Opcode.STS:
                    Value.Copy(ref SpillSlot<TMode>(function, ref registers, instruction.A), in RegisterB<TMode>(ref registers, in instruction));
                    instruction = ref After(in instruction, 1);
                    break;
                case Opcode.NOP:
                    instruction = ref After(in instruction, 1);
                    break;
                case Opcode.CALL:
                {
                    frame.Ip = CallIp<TMode>(ref code, in instruction, 0);
                    if (typeof(TMode) != typeof(TracedMode))
                    {
                        PublishCountdown<TMode>(countdown); // an error here counts this instruction (the tracing loop's count is in the field: its window stays open until the CALL calls out)
                    }
                    var target = function.Callees[instruction.A] ?? ResolveLate(function, instruction.A);
                    bool pushed;
                    if (target.Function is { } callee)
                    {
                        var argBase = frame.ArgBase;
                        var argCount = Calls.ArgumentTop - argBase;
                        var callHooks = HooksAtCallOrReturn<TMode>(hooks);
                        if (CanEnterDirectly(callHooks, callee, argCount))
                        {
                            if (!callHooks.DirectCalls)
                            {
                                if (typeof(TMode) == typeof(TracedMode))
                                {
                                    HookRunning = false; // closes the tracer's window: the CALL stored the record's Ip
                                }
                                Delivery.FireDirectCallEvents(callHooks, callee, new ReadOnlySpan<Value>(Calls.Arguments, argBase, argCount)); // call observers alone (CanEnterDirectly)
                                if (HooksChanged)
                                {
                                    countdown = EndSlice<TMode>(countdown); // an observer registered a hook: it sees the callee's first instruction
                                }
                                if (typeof(TMode) == typeof(TracedMode))
                                {
                                    OpenTracerWindow(); // for the callee's first instruction (TracedResume)
                                }
                            }
                            ref var entered = ref typeof(TMode) == typeof(TracedMode) && argCount == 1
                                ? ref Calls.InitFrameOfOne(callee, argBase)
                                : ref Calls.InitFrame(callee, argBase, argCount, argBase, null);
                            if (typeof(TMode) == typeof(CountingMode) || (typeof(TMode) == typeof(HookedMode) && hooks.CountsInstructions))
                            {
                                CountsOf(callee)[^1]++; // PushFrame counts the calls it makes
                            }
                            Calls.FrameCount++;
                            if (!instrumented)
                            {
                                // The record and function are known: no reload of them from the frame array.
                                frame = ref entered;
                                function = callee;
                                if (typeof(TMode) == typeof(TracedMode) && (hooks = Hooks.Table).SoleTracer is not null)
                                {
                                    // FrameEntered's steps for the tracing loop, then its head's for the callee's first instruction
                                    registers = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(Calls.Values), frame.Base);
                                    code = ref CodeStart<TMode>(function);
                                    instruction = ref code;
                                    HookEvent.SetFrame(ref tracerEvent, function, Calls.FrameCount); // the window is open: a CALL without call observers leaves it so, as a common return does
                                    goto TracedResume;
                                }
                                goto FrameEntered;
                            }
                        }
                        else
                        {
                            PublishCountdown<TMode>(countdown); // call hooks read the live instruction count
                            PushFrame(callee, argBase, argCount, argBase, null);
                            if (HooksChanged)
                            {
                                countdown = EndSlice<TMode>(countdown); // a call hook registered a hook: it sees the callee's first instruction
                            }
                        }
                        pushed = true;
                    }
                    else
                    {
                        if (typeof(TMode) == typeof(TracedMode))
                        {
                            HookRunning = false; // closes the tracer's window, where the CALL stored the record's Ip: a builtin reports to hooks and records its calls only outside one (RecordClosureCall)
                        }
                        var outcome = target.Intrinsic switch
                        {
                            Intrinsic.None => IntrinsicOutcome.Declined,
                            Intrinsic.CallClosure => EnterClosure(in frame, target),
                            _ => typeof(TMode) == typeof(TracedMode) ? RunIntrinsic(target, in frame, ref registers) : RunIntrinsic(target, in frame),
                        };
                        if (outcome == IntrinsicOutcome.Returned)
                        {
                            // Only r0 and the argument stack changed: no frame or stack to reload.
                            countdown -= (typeof(TMode) != typeof(HookedMode) && typeof(TMode) != typeof(TracedMode)) ? instruction.C : 0; // the plain code's CALL carries the cost of the block after it
                            instruction = ref After(in instruction, 1);
                            if ((typeof(TMode) != typeof(HookedMode) && typeof(TMode) != typeof(TracedMode)) && countdown < 0)
                            {
                                goto OutOfSlice;
                            }
                            break;
                        }
                        pushed = outcome == IntrinsicOutcome.PushedFrame;
                        if (!pushed)
                        {
                            PublishCountdown<TMode>(countdown);
                            pushed = CallForeign(target);
                            if (HooksChanged)
                            {
                                countdown = EndSlice<TMode>(countdown);
                            }
                        }
                    }
                    if (instrumented && hooks.Mask.Includes(HookEventKind.AfterInstructionExecute))
                    {
                        Delivery.FireInstructionEvent(hooks, HookEventKind.AfterInstructionExecute, in Calls.Frames[Calls.FrameCount - 1 - (pushed ? 1 : 0)], _hookIp, instruction);
                    }
                    if (!pushed)
                    {
                        Calls.Frames[Calls.FrameCount - 1].Ip++; // the caller goes on after the CALL (a new frame starts at its Ip)
                    }
                    goto FrameChanged;
                }
                case Opcode.RET:
                {
                    ref var result = ref RegisterA<TMode>(ref registers, in instruction);
                    if (((typeof(TMode) != typeof(HookedMode) && typeof(TMode) != typeof(TracedMode)) ? hooks.ReturnsDirectly : typeof(TMode) == typeof(TracedMode) && (Hooks.Table.Mask & ReturnObservers) == 0) && Calls.FrameCount > _run.StopDepth)
                    {
                        // The common return of the plain, counting and tracing loops: nothing observes it
                        // but call observers that take batches, and a caller in this run receives the
                        // value. PopFrame's steps without its event tests. (The tracing loop keeps its
                        // count in _countdown; the record it pops needs no Ip.)
                        if ((typeof(TMode) != typeof(HookedMode) && typeof(TMode) != typeof(TracedMode)) && (hooks.Mask & HookEventMask.AfterFunctionCall) != 0 && !HookRunning)
                        {
                            PublishCountdown<TMode>(countdown); // the record counts the instructions so far
                            if (!Delivery.TryRecordReturn(this, hooks, in frame)) // the return's record; no code runs
                            {
                                frame.Ip = IpOf<TMode>(ref code, in instruction, function); // as in CALL
                                Delivery.FireReturnEventSlowly(hooks, in frame, in result);
                                if (HooksChanged)
                                {
                                    countdown = EndSlice<TMode>(countdown); // an observer handed a full buffer registered a hook
                                }
                                frame = ref Calls.Innermost; // an observer may have run nested code that grew the record array
                            }
                        }
                        frame = ref Unsafe.Subtract(ref Calls.Pop(ref frame), 1); // the caller's record, live
                        ref var callerRegisters = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(Calls.Values), frame.Base);
                        function = frame.Function;
                        if ((typeof(TMode) == typeof(HookedMode) || typeof(TMode) == typeof(TracedMode)) || typeof(TMode) == typeof(CountingMode) || NeedsInstrumentedLoop(hooks, function))
                        {
                            Value.Copy(ref callerRegisters, in result);
                            if (typeof(TMode) == typeof(TracedMode))
                            {
                                // FrameEntered's steps for the tracing loop, whose caller's registers are at
                                // hand: any change of hooks since it started ended its slice, so its sole
                                // tracer is the one it started with.
                                registers = ref callerRegisters;
                                code = ref RecordCode<TMode>(in frame);
                                instruction = ref Unsafe.Add(ref code, ++frame.Ip); // the caller goes on after its CALL
                                HookEvent.SetFrame(ref tracerEvent, function, Calls.FrameCount);
                                goto TracedResume;
                            }
                            frame.Ip++; // the caller goes on after its CALL
                            goto FrameEntered;
                        }
                        // FrameEntered's steps for a caller the plain loop runs on: its registers are at
                        // hand, and its CALL carries the cost of the block after it (BlockCosts.Apply).
                        // Its Ip stays the CALL's: the plain loop stores the Ip wherever it leaves, may
                        // fail or calls out, before anything reads it. The result goes to r0 once the
                        // block is charged; when the block begins with MOV rX, r0 and an ADD
                        // (SuccessorFusion.MoveThenAdd), to rX in the same copy: the MOV would read back
                        // what was just stored (calls(20M) 0.3197 → 0.3049 s, lower quartiles of
                        // alternating whole-process runs).
                        registers = ref callerRegisters;
                        code = ref RecordCode<TMode>(in frame);
                        ref readonly var call = ref Unsafe.Add(ref code, frame.Ip);
                        countdown -= call.C;
                        instruction = ref After(in call, 1);
                        if (countdown < 0)
                        {
                            Value.Copy(ref callerRegisters, in result);
                            goto OutOfSlice;
                        }
                        if (instruction.Opcode == SuccessorFusion.MoveThenAdd && instruction.B == 0)
                        {
                            Value.CopyToBoth(ref callerRegisters, ref RegisterA<TMode>(ref registers, in instruction), in result);
                            instruction = ref After(in instruction, 1);
                            goto MovedToAdd;
                        }
                        Value.Copy(ref callerRegisters, in result);
                        if (instruction.Opcode == SuccessorFusion.MoveThenAdd)
                        {
                            goto case SuccessorFusion.MoveThenAdd; // the result moved out of r0 and used (calls, closure)
                        }
                        break;
                    }
                    // Where the returning record stands and the live count, for whatever observes the
                    // return (its hooks see the record, and read the count). Without such an observer
                    // the plain and counting loops skip both: nothing reads a popped record's Ip, and the
                    // count is published wherever the loop leaves or may fail.
                    if (typeof(TMode) == typeof(HookedMode) || typeof(TMode) != typeof(TracedMode) && (HooksAtCallOrReturn<TMode>(hooks).Mask & ReturnObservers) != 0)
                    {
                        frame.Ip = IpOf<TMode>(ref code, in instruction, function); // as in CALL
                        PublishCountdown<TMode>(countdown);
                    }
                    else if (typeof(TMode) == typeof(TracedMode))
                    {
                        PublishCountdown<TMode>(countdown); // the tracer's window closes: the return's hooks and observers run (the tracer stored the Ip)
                    }
                    if (instrumented && hooks.Mask.Includes(HookEventKind.AfterInstructionExecute))
                    {
                        Delivery.FireInstructionEvent(hooks, HookEventKind.AfterInstructionExecute, in frame, _hookIp, instruction);
                    }
                    ref var caller = ref PopFrame(ref frame, in result, _run.StopDepth, HooksAtCallOrReturn<TMode>(hooks));
                    if (Unsafe.IsNullRef(ref caller))
                    {
                        _result = result;
                        PublishCountdown<TMode>(countdown);
                        return RunStatus.Returned;
                    }
                    if (HooksChanged)
                    {
                        // A return hook registered a hook: it sees the caller's next instruction. (A
                        // change from another thread ends the slice here too, a little earlier than
                        // its next service point: testing the mask first cost every return more.)
                        countdown = EndSlice<TMode>(countdown);
                    }
                    // The caller's record is known: no reload of it from the frame array. It goes on
                    // after its CALL, the instruction its Ip names until now (return hooks saw that).
                    frame = ref caller;
                    frame.Ip++;
                    function = frame.Function;
                    goto FrameEntered;
                }
                default:
                    throw new StoffelError(VmErrorKind.TypeError, $"undefined opcode 0x{(byte)instruction.Opcode:X2}");
            }

            if (instrumented && (hooks.Mask & AfterInstructionEvents) != 0)
            {
                AfterInstruction(hooks, in frame, _hookIp, Unsafe.Add(ref code, _hookIp)); // instruction is the next one now
                if (HooksChanged)
                {
                    countdown = EndSlice<TMode>(countdown);
                }
                frame = ref Calls.Frames[Calls.FrameCount - 1];
                registers = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(Calls.Values), frame.Base);
            }
            continue;

        // A bound builtin call (above) returned: instruction is its CALL, which carries the cost of
        // the block after it (BlockCosts.Apply). (The fused call's path, below, does the same steps
        // itself: sent here, it made every program's path 2–4% longer, register allocation in Run.)
        BoundCallReturned:
            countdown -= instruction.C;
            instruction = ref After(in instruction, 1);
            if (countdown < 0)
            {
                goto OutOfSlice;
            }
            continue;

        // A hook that ran before the instruction about to run (the loop's own, or, in the tracing
        // loop, a superinstruction's event for its next part) asked the loop to re-read what it
        // keeps of the frame: it ran nested code, which may have grown the record array or the
        // value stack, or it changed the hooks. Then the instruction runs.
        HookRan:
            countdown = AcknowledgeReload<TMode>(countdown);
            frame = ref Calls.Frames[Calls.FrameCount - 1];
            registers = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(Calls.Values), frame.Base);
            goto Dispatch;

        // The one epilogue of CALL and RET, which change the innermost frame: reload what the loop
        // keeps of it, resume at its Ip (a new frame's first instruction, or the caller's after its
        // CALL: CALL and RET move it there), and leave this copy of the loop when the function now
        // running needs another (a tracing, hooked, counting or plain one).
        FrameChanged:
            frame = ref Calls.Frames[Calls.FrameCount - 1];
            function = frame.Function;
        FrameEntered: // frame and function are the innermost record's
            registers = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(Calls.Values), frame.Base);
            code = ref RecordCode<TMode>(in frame);
            var resumeAt = frame.Ip;
            instruction = ref Unsafe.Add(ref code, resumeAt);
            if (typeof(TMode) == typeof(HookedMode) ? (sites = SitesOf(hooks = Hooks.Table, function)) is null && !_run.Precise
                : typeof(TMode) == typeof(CountingMode) ? (counts = CountsInCountingLoop(hooks = Hooks.Table, function)) is null
                : typeof(TMode) == typeof(TracedMode) ? (hooks = Hooks.Table).SoleTracer is null
                : NeedsInstrumentedLoop(hooks, function))
            {
                PublishCountdown<TMode>(countdown); // frame.Ip is where the other loop starts
                return RunStatus.SwitchLoop;
            }
            if ((typeof(TMode) != typeof(HookedMode) && typeof(TMode) != typeof(TracedMode)))
            {
                countdown -= BlockCost(function, resumeAt);
                if (countdown < 0)
                {
                    goto OutOfSlice;
                }
            }
            else if (typeof(TMode) == typeof(HookedMode) && !frame.Cleared)
            {
                Calls.ClearUnwritten(ref frame); // after-instruction events see registers the record's Ip does not account for
            }
            else if (typeof(TMode) == typeof(TracedMode))
            {
                HookEvent.SetFrame(ref tracerEvent, function, Calls.FrameCount);
            }
        }

    // The hooked and tracing loops: the slice is used up before the instruction about to run.
    ServicePoint:
        frame.Ip = IpOf<TMode>(ref code, in instruction, function);
        _countdown = 0;
        return RunStatus.Service;

    // The plain and counting loops: the block instruction starts does not fit in the rest of the
    // slice. The loop leaves before it, without the charge, for the service point.
    OutOfSlice:
        frame.Ip = IpOf<TMode>(ref code, in instruction, function);
        _countdown = countdown + BlockCost(function, frame.Ip);
        return RunStatus.Service;
    }

    /// <summary>
    /// The hooks a CALL or RET reports to: in the plain and counting loops the table the loop runs
    /// with (<paramref name="hooks"/>), as any change of hooks since ended the slice; in the hooked
    /// and tracing loops the current one, which a hook before this instruction may have changed
    /// (a debugger stepping out at a RET).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private HookTable HooksAtCallOrReturn<TMode>(HookTable hooks) where TMode : struct, IExecutionMode =>
        typeof(TMode) == typeof(HookedMode) || typeof(TMode) == typeof(TracedMode) ? Hooks.Table : hooks;

    /// <summary>
    /// The first instruction of the code a copy of the loop runs for <paramref name="function"/>:
    /// the hooked loop the program's own code, every instruction; the others the plain code, with
    /// its superinstructions (<see cref="FusedCall"/>, <see cref="FusedCompare"/>), from its pinned
    /// address (<see cref="RuntimeFunction.PlainCodeAddress"/>: one load where the array's start is
    /// a load, a null check and an add; fib 268.8 → 266.2 machine instructions per call with
    /// <see cref="ImmediateOperands"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref Instruction CodeStart<TMode>(RuntimeFunction function) where TMode : struct, IExecutionMode =>
        ref typeof(TMode) == typeof(HookedMode)
            ? ref MemoryMarshal.GetArrayDataReference(function.Code)
            : ref Unsafe.AddByteOffset(ref Unsafe.NullRef<Instruction>(), function.PlainCodeAddress);

    /// <summary>
    /// <see cref="CodeStart{TMode}"/> of the function <paramref name="frame"/> runs, for a loop that
    /// takes up a record (a return's caller, a frame entered): the plain code from the record's own
    /// copy of its address (<see cref="ActivationRecord.PlainCodeAddress"/>), one load where the
    /// function's is two.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref Instruction RecordCode<TMode>(in ActivationRecord frame) where TMode : struct, IExecutionMode =>
        ref typeof(TMode) == typeof(HookedMode)
            ? ref CodeStart<TMode>(frame.Function)
            : ref Unsafe.AddByteOffset(ref Unsafe.NullRef<Instruction>(), frame.PlainCodeAddress);

    /// <summary>
    /// Enters <paramref name="callee"/>, a program function the run at <paramref name="run"/>
    /// (<paramref name="pushes"/> PUSHARGs and its CALL, in the innermost record
    /// <paramref name="caller"/>, whose first register is <paramref name="registers"/>) calls with
    /// its arity, as the CALL would: each argument goes to the argument stack and to the callee's
    /// register in one pass (<see cref="PassArguments"/>), from <paramref name="calleeRegisters"/>
    /// (<see cref="Above"/>), then the record after the caller's is filled and counted. The caller
    /// checked the room and that its argument stack is empty (the run's pushes are all the CALL
    /// takes), and stored its <c>Ip</c>. Returns the callee's record.
    /// </summary>
    /// <remarks>
    /// A call of one argument, the commonest (a recursion's), copies it without the loop: fib
    /// 294.7 → 279.7 machine instructions per call (bench/pathlength.sh), at the cost of the test
    /// for the others (calls 292.1 → 299.1 per iteration; the others unchanged). A second case
    /// for two arguments moved the JIT's register allocation in the loop: every program but
    /// calls got longer (loop 152.4 → 164.1, closure 440.5 → 472.7).
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref ActivationRecord EnterDirectly(ref ActivationRecord caller, ref Value registers, ref Value calleeRegisters, in Instruction run, int pushes, RuntimeFunction callee)
    {
        var paramBase = caller.ArgBase; // the argument stack's top: the caller's own stack is empty
        ref var parameters = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(Calls.Arguments), paramBase);
        ref var afterParameters = ref Unsafe.Add(ref calleeRegisters, 1);
        if (pushes == 1)
        {
            Value.CopyToBoth(ref parameters, ref calleeRegisters, in Unsafe.AddByteOffset(ref registers, (nuint)(uint)run.A)); // as PassArguments does each
        }
        else
        {
            afterParameters = ref PassArguments(ref registers, in run, pushes, ref parameters, ref calleeRegisters);
        }
        ref var entered = ref Calls.InitRecord(ref Unsafe.Add(ref caller, 1), callee, ref afterParameters, paramBase, pushes, paramBase, null, closureCall: false);
        Calls.FrameCount++;
        return ref entered;
    }

    /// <summary>
    /// The value stack's top, the first slot above the innermost record, which runs
    /// <paramref name="function"/> with its first register at <paramref name="registers"/>: its
    /// registers and spill slots end there (<see cref="CallStack.InitRecord"/> moves
    /// <see cref="CallStack.ValueTop"/> to the end of the record it fills, and a return back to
    /// it). Where a direct entry writes the callee's registers.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref Value Above(ref Value registers, RuntimeFunction function) =>
        ref Unsafe.Add(ref registers, function.Width);

    /// <summary>The program function a <see cref="BoundBuiltinCall.ProgramCall"/> run in <paramref name="function"/> calls (bound with it: no test).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static RuntimeFunction BoundCallee(RuntimeFunction function, in Instruction run) =>
        Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(function.CalleeFunctions), run.C)!; // C < CalleeFunctions.Length: checked at load

    /// <summary>
    /// Enters the closure <paramref name="closure"/> of <paramref name="callee"/>, which the bound
    /// <c>call_closure</c> run at <paramref name="run"/> (its <paramref name="pushes"/> PUSHARGs, the
    /// closure's first, then its CALL) calls with the callee's arity, in the record after
    /// <paramref name="caller"/>, whose first register is <paramref name="registers"/>: the
    /// arguments go to the argument stack and to the callee's registers at
    /// <paramref name="calleeRegisters"/> in one pass (<see cref="PassArguments"/>), then the record
    /// is filled and counted. The closure's own slot on the argument stack is left as it is: the
    /// return consumes it, and nothing reads it before (the caller's argument stack ends below it,
    /// the callee's starts after its parameters; <see cref="VmInspector.GetArgumentStack"/>). The
    /// caller checked the room and stored its <c>Ip</c>. Returns the callee's record.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref ActivationRecord EnterClosureDirectly(ref ActivationRecord caller, ref Value registers, ref Value calleeRegisters, in Instruction run, int pushes, in Value closure, RuntimeFunction callee)
    {
        var argBase = Calls.ArgumentTop;
        ref var afterParameters = ref pushes > 1
            ? ref PassArguments(ref registers, in After(in run, 1), pushes - 1, ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(Calls.Arguments), argBase + 1), ref calleeRegisters)
            : ref calleeRegisters; // PassArguments copies at least one
        ref var entered = ref Calls.InitRecord(ref Unsafe.Add(ref caller, 1), callee, ref afterParameters, argBase + 1, pushes - 1, argBase, closure.PayloadAs<Closure>(), closureCall: true);
        Calls.FrameCount++;
        return ref entered;
    }

    /// <summary>
    /// A fused run's direct entry: copies the registers its <paramref name="pushes"/> PUSHARGs name
    /// (from <paramref name="firstPush"/> on) to the argument stack at <paramref name="parameters"/>
    /// and to the callee's first registers at <paramref name="calleeRegisters"/>, in one pass.
    /// Returns the callee's register after the last one written.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref Value PassArguments(ref Value registers, in Instruction firstPush, int pushes, ref Value parameters, ref Value calleeRegisters)
    {
        ref var push = ref Unsafe.AsRef(in firstPush);
        ref var end = ref Unsafe.Add(ref push, pushes);
        do
        {
            // One kind test for both copies. A byte offset: only the plain and counting loops fuse runs.
            Value.CopyToBoth(ref parameters, ref calleeRegisters, in Unsafe.AddByteOffset(ref registers, (nuint)(uint)push.A));
            push = ref Unsafe.Add(ref push, 1);
            parameters = ref Unsafe.Add(ref parameters, 1);
            calleeRegisters = ref Unsafe.Add(ref calleeRegisters, 1);
        }
        while (Unsafe.IsAddressLessThan(ref push, ref end));
        return ref calleeRegisters;
    }

    /// <summary>
    /// What a fused run's PUSHARGs do when it does not enter its callee directly: copies the
    /// registers its first <paramref name="pushes"/> PUSHARGs name (from <paramref name="firstPush"/>
    /// on, at least one) onto the argument stack, which the caller checked has room, and moves its
    /// top past them. Pointer walks, both: index loops here kept their offsets in stack slots of the
    /// dispatch loop.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void PushArguments(ref Value registers, in Instruction firstPush, int pushes)
    {
        ref var pushed = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(Calls.Arguments), Calls.ArgumentTop);
        Calls.ArgumentTop += pushes;
        ref var push = ref Unsafe.AsRef(in firstPush);
        ref var end = ref Unsafe.Add(ref push, pushes);
        do
        {
            Value.Copy(ref pushed, in Unsafe.AddByteOffset(ref registers, (nuint)(uint)push.A)); // a byte offset, as in PassArguments
            push = ref Unsafe.Add(ref push, 1);
            pushed = ref Unsafe.Add(ref pushed, 1);
        }
        while (Unsafe.IsAddressLessThan(ref push, ref end));
    }

    /// <summary>
    /// The register <paramref name="instruction"/>'s operand A names, in the frame whose first
    /// register is <paramref name="registers"/>: in the plain and counting loops' code a byte
    /// offset (<see cref="RegisterOffsets"/>), in the program's own code, which the hooked and
    /// tracing loops run, an index. One helper per operand, each given the instruction: given the
    /// operand's value, the JIT loaded it into a temporary first (an inlined argument used in
    /// both arms), one more machine instruction per operand in the hooked and tracing loops.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref Value RegisterA<TMode>(ref Value registers, in Instruction instruction) where TMode : struct, IExecutionMode =>
        ref typeof(TMode) == typeof(HookedMode) ? ref Unsafe.Add(ref registers, instruction.A) : ref Unsafe.AddByteOffset(ref registers, (nuint)(uint)instruction.A);

    /// <summary>Runs <paramref name="move"/>, a <c>MOV</c> (or one of <see cref="SuccessorFusion"/>'s), in the frame whose first register is <paramref name="registers"/>; returns the instruction after it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref readonly Instruction Move<TMode>(ref Value registers, in Instruction move) where TMode : struct, IExecutionMode
    {
        Value.Copy(ref RegisterA<TMode>(ref registers, in move), in RegisterB<TMode>(ref registers, in move));
        return ref After(in move, 1);
    }

    /// <summary>
    /// The I64 fast path of <paramref name="add"/>, an <c>ADD</c> of <see cref="SuccessorFusion"/>'s:
    /// writes the sum and returns true when both operands are I64 and the sum does not overflow;
    /// otherwise writes nothing and returns false, for the <c>ADD</c>'s own case to run it.
    /// </summary>
    /// <remarks>
    /// The <c>ADD</c>'s case keeps its own copy of these lines: written through this helper (its
    /// overflow and other kinds after it), every program but fib took 1–2% more machine
    /// instructions (loop 151.3 → 153.4, calls 302.0 → 304.2, closure 455.5 → 459.5,
    /// bench/pathlength.sh), register allocation in <c>Run</c> again.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryAddIntegers<TMode>(ref Value registers, in Instruction add) where TMode : struct, IExecutionMode
    {
        ref var left = ref RegisterB<TMode>(ref registers, in add);
        ref var right = ref RegisterC<TMode>(ref registers, in add);
        if (left.Kind != ValueKind.I64 || right.Kind != ValueKind.I64)
        {
            return false;
        }
        var sum = unchecked(left.Bits + right.Bits);
        if (((left.Bits ^ sum) & (right.Bits ^ sum)) < 0)
        {
            return false; // the ADD's case reports the overflow
        }
        RegisterA<TMode>(ref registers, in add) = Value.FromI64(sum);
        return true;
    }

    /// <summary>
    /// The I64 fast path of <paramref name="subtract"/>, a <c>SUB</c> whose operand C is the
    /// immediate <paramref name="constant"/> (<see cref="ImmediateOperands"/>): writes the
    /// difference and returns true when operand B is an I64 and the difference does not overflow;
    /// otherwise writes nothing and returns false, for the pair to run with its load.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TrySubtractImmediate<TMode>(ref Value registers, in Instruction subtract, long constant) where TMode : struct, IExecutionMode
    {
        ref var left = ref RegisterB<TMode>(ref registers, in subtract);
        var difference = unchecked(left.Bits - constant);
        if (left.Kind != ValueKind.I64 || ((left.Bits ^ constant) & (left.Bits ^ difference)) < 0)
        {
            return false;
        }
        RegisterA<TMode>(ref registers, in subtract) = Value.FromI64(difference);
        return true;
    }

    /// <summary>Runs <paramref name="load"/>, an <c>LDI</c> from <paramref name="function"/>'s constant pool (or <see cref="SuccessorFusion.LoadThenCall"/>), in the frame whose first register is <paramref name="registers"/>; returns the instruction after it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref readonly Instruction LoadConstant<TMode>(RuntimeFunction function, ref Value registers, in Instruction load) where TMode : struct, IExecutionMode
    {
        // The pool read here: a local would cost every call and return a load and a stack slot. No
        // bounds check: the loader checked every constant operand (ProgramBuilder).
        Value.CopyKeepingSameReference(ref RegisterA<TMode>(ref registers, in load),
            in Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(function.Constants), load.B));
        return ref After(in load, 1);
    }

    /// <summary><see cref="LoadConstant{TMode}"/> of a String constant (<see cref="SuccessorFusion.LoadThenCall"/>), which a register holding the same string object is left alone for, with no other test (<see cref="Value.CopyStringKeepingSame"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref readonly Instruction LoadStringConstant<TMode>(RuntimeFunction function, ref Value registers, in Instruction load) where TMode : struct, IExecutionMode
    {
        Value.CopyStringKeepingSame(ref RegisterA<TMode>(ref registers, in load),
            in Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(function.Constants), load.B));
        return ref After(in load, 1);
    }

    /// <summary>Runs <paramref name="load"/>, an <see cref="InlineConstant"/> load (or one of <see cref="ConstantOperand"/>'s), in the frame whose first register is <paramref name="registers"/>; returns the instruction after it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref readonly Instruction LoadInlineConstant<TMode>(ref Value registers, in Instruction load) where TMode : struct, IExecutionMode
    {
        RegisterA<TMode>(ref registers, in load) = Value.FromI64(InlineConstant.Value(in load));
        return ref After(in load, 1);
    }

    /// <summary>The register operand B names (<see cref="RegisterA{TMode}"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref Value RegisterB<TMode>(ref Value registers, in Instruction instruction) where TMode : struct, IExecutionMode =>
        ref typeof(TMode) == typeof(HookedMode) ? ref Unsafe.Add(ref registers, instruction.B) : ref Unsafe.AddByteOffset(ref registers, (nuint)(uint)instruction.B);

    /// <summary>The register operand C names (<see cref="RegisterA{TMode}"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref Value RegisterC<TMode>(ref Value registers, in Instruction instruction) where TMode : struct, IExecutionMode =>
        ref typeof(TMode) == typeof(HookedMode) ? ref Unsafe.Add(ref registers, instruction.C) : ref Unsafe.AddByteOffset(ref registers, (nuint)(uint)instruction.C);

    /// <summary>The register the <paramref name="index"/>-th PUSHARG of the fused run at <paramref name="run"/> names.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref Value Pushed<TMode>(ref Value registers, in Instruction run, int index) where TMode : struct, IExecutionMode =>
        ref RegisterA<TMode>(ref registers, in After(in run, index));

    /// <summary>
    /// Whether the plain loop may run a bound builtin call's common case (<see cref="BoundBuiltinCall"/>)
    /// for the fused run <paramref name="run"/> in <paramref name="function"/> (whose pushes are all
    /// the CALL takes: only such runs are bound, <see cref="EmptyArgumentStack"/>): no hook in
    /// <paramref name="hooks"/>, the table the loop runs with, observes the call; in the recording
    /// loop, whose call observers count the call (<see cref="RecordingMode"/>), the call is
    /// counted first (<see cref="CountBoundCall"/>), to be taken back if the case declines after
    /// all (<see cref="UncountDeclinedBoundCall{TMode}"/>). The counting loop never does: it runs
    /// the fused call it stands for; the tracing loop takes the case after the run's events
    /// (<see cref="RunBoundCallInPlace"/>). Its callers test the loop's type first (see
    /// <see cref="TracePart"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool TakesBoundCall<TMode>(HookTable hooks, RuntimeFunction function, in Instruction run) where TMode : struct, IExecutionMode =>
        typeof(TMode) == typeof(RecordingMode) ? CountBoundCall(hooks, function, in run) : !ObservesIntrinsics(hooks);

    /// <summary>
    /// The tracing loop's common case of the bound builtin call whose run starts at
    /// <paramref name="run"/> (<see cref="BoundBuiltinCall"/>), once the run's parts have had their
    /// events and nothing observes the call: what the plain loop's case runs, from the registers
    /// its PUSHARGs name. True with the result in r0 (<paramref name="registers"/>); false, changing
    /// nothing, when the call is not the common case.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool RunBoundCallInPlace(ref Value registers, in ActivationRecord frame, in Instruction run) =>
        run.Opcode switch
        {
            BoundBuiltinCall.GetField => TryGetFieldFast(ref registers, in Pushed<TracedMode>(ref registers, in run, 0), in Pushed<TracedMode>(ref registers, in run, 1)),
            BoundBuiltinCall.SetField => TrySetFieldFast(ref registers, in Pushed<TracedMode>(ref registers, in run, 0), in Pushed<TracedMode>(ref registers, in run, 1), in Pushed<TracedMode>(ref registers, in run, 2)),
            BoundBuiltinCall.GetUpvalue => TryGetUpvalueFast(ref registers, in frame, in Pushed<TracedMode>(ref registers, in run, 0)),
            _ => TrySetUpvalueFast(ref registers, in frame, in Pushed<TracedMode>(ref registers, in run, 0), in Pushed<TracedMode>(ref registers, in run, 1)),
        };

    /// <summary>
    /// Counts the call of the bound builtin run <paramref name="run"/> in <paramref name="function"/>
    /// that the recording loop is about to run (<see cref="RecordingMode"/>), as
    /// <see cref="RunCounted{TPath}"/> counts first, when the count goes in without handing
    /// records over, so without running an observer (<see cref="HookDelivery.TryCountInPlace"/>);
    /// false, counting nothing, otherwise (the fused call then counts it). Remembers what to take
    /// back (<see cref="_countedBoundCall"/>). Inlined into the recording copy of the loop alone,
    /// as <see cref="RecordFusedCall"/> is: `--profile` object 314.8 → 280.8 machine instructions
    /// per iteration, closure 917.9 → 887.7, array 517.7 → 500.6.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool CountBoundCall(HookTable hooks, RuntimeFunction function, in Instruction run) =>
        Delivery.TryCountInPlace(this, hooks, function.Callees[run.C]!, Calls.FrameCount + 1, out _countedBoundCall); // a fused run's C: its CALL's target

    /// <summary>
    /// Where a bound builtin case declines (its common case does not apply) and runs the fused
    /// call instead, which reports the call itself: in the recording loop, the count
    /// <see cref="CountBoundCall"/> added taken back.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void UncountDeclinedBoundCall<TMode>() where TMode : struct, IExecutionMode
    {
        if (typeof(TMode) == typeof(RecordingMode))
        {
            UncountBoundCall();
        }
    }

    /// <summary><see cref="UncountDeclinedBoundCall{TMode}"/>'s work, out of the loop: the count <see cref="CountBoundCall"/> added, if it added one, taken back.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void UncountBoundCall()
    {
        if (_countedBoundCall >= 0)
        {
            Delivery.UncountInlineBuiltinCall(_countedBoundCall);
            _countedBoundCall = -1;
        }
    }

    /// <summary>The spill slot <paramref name="operand"/> names (LDS, STS): as <see cref="RegisterA{TMode}"/>, after <paramref name="function"/>'s registers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref Value SpillSlot<TMode>(RuntimeFunction function, ref Value registers, int operand) where TMode : struct, IExecutionMode =>
        ref typeof(TMode) == typeof(HookedMode) ? ref Unsafe.Add(ref registers, function.RegisterCount + operand) : ref Unsafe.AddByteOffset(ref registers, (nuint)(uint)operand);

    /// <summary>
    /// The index of <paramref name="instruction"/>, of <paramref name="function"/>'s code this copy
    /// of the loop runs: the hooked loop's from <paramref name="code"/>, where that code starts; the
    /// others' from the function's plain code, whose start they do not keep (<see cref="RelativeJumps"/>):
    /// the tracing loop from its fixed address (<see cref="RuntimeFunction.PlainCodeAddress"/>:
    /// one load, where the array's start is a load, a null check and an add; when it computed the
    /// index for every instruction, under a no-op tracer fib 560.0 → 529.9 machine instructions per
    /// call, loop 296.2 → 278.2, calls 544.4 → 517.3, bench/pathlength.sh --hook), as its event
    /// does when a hook reads the index (<see cref="RuntimeFunction.PlainIndexAt"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int IpOf<TMode>(ref Instruction code, in Instruction instruction, RuntimeFunction function) where TMode : struct, IExecutionMode =>
        typeof(TMode) == typeof(TracedMode)
            ? RuntimeFunction.PlainIndexAt(function.PlainCodeAddress, RuntimeFunction.AddressOf(in instruction))
            : IpOf(ref typeof(TMode) == typeof(HookedMode) ? ref code : ref MemoryMarshal.GetArrayDataReference(function.PlainCode), in instruction);

    /// <summary>
    /// The index of the CALL <paramref name="pushes"/> instructions after
    /// <paramref name="instruction"/> (a fused run's first push, or the CALL itself): in the plain
    /// code the CALL's operand B, which holds it (<see cref="CallIndexes"/>), in the program's
    /// code computed from <paramref name="code"/>, where it starts (<see cref="IpOf(ref Instruction, in Instruction)"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int CallIp<TMode>(ref Instruction code, in Instruction instruction, int pushes) where TMode : struct, IExecutionMode =>
        typeof(TMode) == typeof(HookedMode) ? IpOf(ref code, in instruction) + pushes : After(in instruction, pushes).B;

    /// <summary>The index of <paramref name="instruction"/> in the code that starts at <paramref name="code"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int IpOf(ref Instruction code, in Instruction instruction) =>
        (int)((nuint)Unsafe.ByteOffset(ref code, ref Unsafe.AsRef(in instruction)) / (nuint)Unsafe.SizeOf<Instruction>());

    /// <summary>The instruction <paramref name="count"/> places after <paramref name="instruction"/> (within its code: every run, jump and the sentinel RET were checked at load).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref readonly Instruction After(in Instruction instruction, int count) =>
        ref Unsafe.Add(ref Unsafe.AsRef(in instruction), count);

    /// <summary>In the counting loop, counts the <paramref name="more"/> instructions after <paramref name="ip"/> that a superinstruction there runs (the loop counted <paramref name="ip"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CountFused(long[] counts, int ip, int more)
    {
        for (var i = 1; i <= more; i++)
        {
            Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(counts), ip + i)++; // within the run, before the sentinel
        }
    }

    /// <summary>
    /// The tracing loop's work before an instruction: the sole tracer's BeforeInstructionExecute,
    /// the one of the table the loop started with (<paramref name="tracing"/>, Run's local): the loop
    /// starts only with a table whose sole tracer is of its type and leaves at the service point
    /// that follows any change. No hook runs meanwhile: the loop never starts inside one
    /// (<see cref="RunInLoopFor"/>; a run nested in a hook, which fires no hooks, takes another
    /// loop), and every delivery on its way ends before the next instruction. Inlined: as a call,
    /// its saved registers and arguments were a tenth of a no-op tracer's machine instructions.
    /// </summary>
    /// <remarks>
    /// The tracing loop keeps its countdown in <see cref="_countdown"/> alone, where the tracer
    /// reads it: it tests it there, and decrements it in place after the tracer. Its local
    /// countdown is not used (<see cref="PublishCountdown{TMode}"/> stores nothing,
    /// <see cref="EndSlice{TMode}"/> reads the field): kept in the local, the countdown was
    /// spilled across the call, reloaded, decremented into a second slot and stored to the field
    /// again on every instruction. What the tracer's call needs beyond the instruction (the
    /// tracer, the hook context, the in-hook flag) are fields of the state, which the loop has in
    /// a register: passed in, each was kept in a stack slot, stored and reloaded on every
    /// instruction; read through the table, two or three dependent loads each; read from the
    /// delivery, one load before the call and one after it. Delivered without exception handling,
    /// which would cost every instruction a frame that saves six registers: a callback that
    /// throws leaves <see cref="HookRunning"/> set, and <see cref="RunTraced"/> ends the hook and
    /// wraps the failure. The event's function and call depth are written where the loop enters a
    /// frame (<see cref="HookEvent.SetFrame"/>), not per instruction (fib 857.0 → 778.1 machine
    /// instructions per call, loop 448.5 → 392.7 per iteration, bench/pathlength.sh --hook). The
    /// instruction's index is written once, into the event: the record the loop runs holds it only
    /// where the loop calls out or stops (a CALL, a failure, the service point), as the plain loop's
    /// records do, and whatever reads records inside the tracer takes it from the event first
    /// (<see cref="PublishTracedRecord"/>). No-op hook on fib(35), Native AOT host, alternating:
    /// 0.88 → 0.85 s minimum (75.1 → 63.2 stores per call, with the CALL's window below).
    /// <para>The tracer's window: the in-hook flag is set before the tracer and left set after it,
    /// through the instruction's own code, until the loop next publishes its countdown
    /// (<see cref="PublishCountdown{TMode}"/>, which the plain loop does wherever it leaves, may
    /// fail or calls out: there the tracing loop clears the flag), or leaves
    /// (<see cref="RunTraced"/>). Only code that calls out reads the flag, and every event,
    /// foreign function and nested run is past such a point, so each sees what it saw when the
    /// flag was cleared after every tracer; an error the loop's own code throws while the flag is
    /// set is a VM error and goes on as it is. The loop sets the flag where an instruction's
    /// dispatch starts (<see cref="OpenTracerWindow"/>: its head, and a CALL's observer branch),
    /// not before each part of a superinstruction (<see cref="TracePart"/>): a part follows
    /// the one before it in the same dispatch, whose work calls nothing. A CALL that enters a
    /// program function without call observers keeps the window open into the callee's first
    /// instruction (it closed it where it started and opened it again where it entered, until the
    /// twenty-fifth session); an observer's notice and a builtin close it, since the flag keeps
    /// events and call records from them, and the observer's branch opens it again. No-op hook on fib(35), whole
    /// process, Native AOT (bench/hookpath.sh's host, medians of 15 alternating runs): 0.79 s with
    /// the flag set and cleared around each tracer, 0.77 s set before each, 0.77 s as now (no
    /// store at all, which is not correct, 0.75 s); bench/pathlength.sh --hook 482.1 → 473.1 →
    /// 467.1 → 466.1 (not set again after a common return) machine instructions per call, 75.1
    /// stores where 91.1 were. The flag set only when clear (a load and a branch for the store)
    /// was slower: 0.82 s. (The Debug build asserts the window open at every tracer call.)</para>
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Trace<THook>(TracingLoop<THook> tracing, ref HookEvent tracerEvent, in Instruction instruction) where THook : struct, IInstructionHook
    {
        Debug.Assert(_hookState == InTracerWindow, "the tracer's window is open"); // the loop's head or a CALL's direct entry opened it; the hook's thread is the loop's, which UseTracer stored
        HookEvent.SetInstructionInFrame(ref tracerEvent, in instruction); // the frame's part: HookEvent.SetFrame, where the loop enters a frame; the instruction is read from the code
        if (typeof(THook) == typeof(CallbackHook))
        {
            Tracer!(in tracerEvent, TracerContext!); // a delegate: from the state, one load from the call (through tracing, two: fib(35) 4% slower)
        }
        else
        {
            tracing.Hook.BeforeInstructionExecute(in tracerEvent, TracerContext!); // direct: inlined where the compiler can (TracingLoop)
        }
        _countdown--; // after the hook, which read the instruction as not executed yet; the tracing loop's local countdown is not used
    }

    /// <summary>
    /// In the tracing loop, the event of a superinstruction's next part, <paramref name="part"/>,
    /// which runs in the same dispatch as the part before it (<see cref="SuccessorFusion"/>,
    /// <see cref="ConstantOperand"/>, <see cref="FusedCompare"/>, a <see cref="FusedCall"/>'s
    /// PUSHARGs and CALL): what the loop's head does before
    /// any instruction, once the caller saw that the slice has room for it. The event names the
    /// part, and where the hook sees the run stand (<see cref="PublishTracedRecord"/>). Returns whether the hook
    /// asked for a reload (<see cref="ReloadAfterHook"/>): the caller then goes through the loop's
    /// reload before it runs the part.
    /// </summary>
    /// <remarks>
    /// Without it, every part went back to the loop's head and its switch (nine machine
    /// instructions a dispatch): fib 609.6 → 560.0 machine instructions per call under a no-op
    /// tracer, loop 306.3 → 296.2 per iteration, calls 598.7 → 544.4, object 775.1 → 675.2
    /// (bench/pathlength.sh --hook; plain unchanged). The fused calls alone: object 727.1 → 675.2,
    /// calls 563.4 → 544.4, fib 564.6 → 560.0, loop 292.2 → 296.2 (code placement: four more
    /// jumps). Its callers test <c>typeof(TMode) == typeof(TracedMode)</c>, as every mode test in
    /// the loop does (<see cref="IExecutionMode"/>): the JIT folds a type test as it imports the
    /// code, so the other loops' copies never import these calls, which would spend their inlining
    /// room (the plain loop lost its inlining of <c>Value.Copy</c>: fib 294.7 → 399.4).
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool TracePart<THook>(TracingLoop<THook> tracing, ref HookEvent tracerEvent, in Instruction part) where THook : struct, IInstructionHook
    {
        Trace(tracing, ref tracerEvent, in part);
        return ReloadAfterHook;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void BeforeInstruction(HookTable hooks, in ActivationRecord frame, int ip, in Instruction instruction, int thread)
    {
        if (hooks.SoleInstructionHook is { } sole)
        {
            // What the general path does for this table, without its lookups: the mask,
            // EveryInstruction, the registration list and the sole callback are known.
            if (!HookRunning)
            {
                Delivery.FireSoleBeforeInstruction(sole, in frame, ip, in instruction, thread);
            }
        }
        else
        {
            BeforeInstructionGeneral(hooks, in frame, ip, in instruction, thread);
        }
    }

    // Out of line: its registers and stack would make every instruction's call to BeforeInstruction save and restore them.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void BeforeInstructionGeneral(HookTable hooks, in ActivationRecord frame, int ip, in Instruction instruction, int thread)
    {
        var mask = hooks.Mask;
        if (mask.Includes(HookEventKind.BeforeInstructionExecute) && (hooks.EveryInstruction || frame.Function.Sites?[ip] == true) && !HookRunning)
        {
            Delivery.FireBeforeInstruction(hooks, in frame, ip, in instruction, thread);
        }
        if (mask.Includes(HookEventKind.RegisterRead))
        {
            Delivery.FireRegisterReads(hooks, in frame, ip, instruction);
        }
        if (mask.Includes(HookEventKind.RegisterWrite) && OpcodeTable.Get(instruction.Opcode).WritesRegisterA)
        {
            _hookOldValue = Calls.Values[frame.Base + instruction.A];
        }
    }

    /// <summary>The events <see cref="AfterInstruction"/> raises; without them an instrumented instruction skips it.</summary>
    private const HookEventMask AfterInstructionEvents = HookEventMask.RegisterWrite | HookEventMask.AfterInstructionExecute;

    /// <summary>The events a RET raises (<see cref="PopFrame"/>): with none of them subscribed, the plain and counting loops' RET publishes neither its Ip nor the count.</summary>
    private const HookEventMask ReturnObservers = HookEventMask.AfterFunctionCall | HookEventMask.RegisterWrite;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void AfterInstruction(HookTable hooks, in ActivationRecord frame, int ip, Instruction instruction)
    {
        if (hooks.Mask.Includes(HookEventKind.RegisterWrite) && OpcodeTable.Get(instruction.Opcode).WritesRegisterA)
        {
            Delivery.FireRegisterWrite(hooks, in frame, ip, instruction, _hookOldValue);
        }
        if (hooks.Mask.Includes(HookEventKind.AfterInstructionExecute))
        {
            Delivery.FireInstructionEvent(hooks, HookEventKind.AfterInstructionExecute, in frame, ip, instruction);
        }
    }

    /// <summary>The 64-bit product of two I64 factors, at least one of them wider than 32 bits, or null when it overflows.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static long? WideProduct(long left, long right)
    {
        var high = Math.BigMul(left, right, out var low);
        return high == (low >> 63) ? low : null;
    }

    /// <summary>The error for an I64 fast path that detected overflow: the checked slow path raises it.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Exception OverflowOf(Opcode opcode, Value left, Value right)
    {
        Arithmetic.Binary(opcode, left, right);
        return new InvalidOperationException($"{opcode} overflow was detected but not confirmed");
    }

    /// <summary>
    /// Whether <paramref name="function"/> must run in the hooked copy of the loop: only when some
    /// hook needs per-instruction work in it. Every other event (calls, returns, tables, closures,
    /// errors) comes from shared routines both copies use, so a function without breakpoint sites
    /// runs at full speed even while a debugger is attached.
    /// </summary>
    /// <remarks>
    /// The plain loop tests the hook table it started with: a change made since (from another
    /// thread, or by a foreign function) forces a service point, where the loop is chosen afresh.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool NeedsHookedLoop(HookTable hooks, RuntimeFunction function) =>
        hooks.IsActive && SitesOf(hooks, function) is not null;

    /// <summary>
    /// Whether the plain loop must hand <paramref name="function"/> to the hooked or the counting
    /// loop. With hooks active, a function found to run plain under this table
    /// (<see cref="RuntimeFunction.PlainUnder"/>) costs its calls and returns one comparison, not
    /// the site lookup (a debugger attached with breakpoints elsewhere: fib 557.9 → 511.9 machine
    /// instructions per call against 503.7 with no hooks, bench/pathlength.sh --debugger).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool NeedsInstrumentedLoop(HookTable hooks, RuntimeFunction function) =>
        hooks.IsActive && !ReferenceEquals(function.PlainUnder, hooks) && NeedsInstrumentedLoopUnder(hooks, function);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool NeedsInstrumentedLoopUnder(HookTable hooks, RuntimeFunction function)
    {
        var needs = hooks.CountsInstructions || SitesOf(hooks, function) is not null;
        if (!needs)
        {
            function.PlainUnder = hooks;
        }
        return needs;
    }

    /// <summary>The counters the counting loop uses for <paramref name="function"/>, or null when it belongs in another loop (counting is off, or some hook needs its instructions).</summary>
    private static long[]? CountsInCountingLoop(HookTable hooks, RuntimeFunction function) =>
        hooks.CountsInstructions && SitesOf(hooks, function) is null ? CountsOf(function) : null;

    private static bool[]? SitesOf(HookTable hooks, RuntimeFunction function)
    {
        if (!ReferenceEquals(function.SitesTable, hooks))
        {
            function.Sites = hooks.Sites.GetValueOrDefault(function.Source);
            function.SitesTable = hooks;
        }
        return hooks.PerInstruction ? function.AllSites : function.Sites;
    }

    /// <summary>
    /// A binary instruction without an inline fast path for its operands: narrow integer
    /// arithmetic (<see cref="Arithmetic.TryNarrow"/>) here, without the general path's stack
    /// frame and by-value copies, everything else in <see cref="BinaryGeneral"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void BinarySlow(Opcode opcode, ref Value destination, in Value left, in Value right)
    {
        if (Arithmetic.TryNarrow(opcode, in left, in right, out var narrow))
        {
            destination = narrow;
            return;
        }
        destination = BinaryGeneral(opcode, left, right);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private Value BinaryGeneral(Opcode opcode, Value left, Value right)
    {
        var result = Arithmetic.Binary(opcode, left, right);
        if (result.Kind == ValueKind.String)
        {
            ChargeString(result.AsString);
        }
        return result;
    }

    /// <summary>
    /// A CALL whose name was not registered when the run began: look again (a host may have
    /// registered it since), else fail at this CALL as upstream does (<c>vm_state/Calls.rs</c>).
    /// </summary>
    private CallTarget ResolveLate(RuntimeFunction caller, int calleeIndex)
    {
        var name = caller.Program.Program.CalleeNames[calleeIndex];
        var target = FindTarget(name) ?? throw (MpcBuiltins.Contains(name)
            ? new StoffelError(VmErrorKind.MpcRequired, $"this program needs MPC, which Stoffel for .NET does not implement: it calls {name} (an MPC builtin)")
            : new StoffelError(VmErrorKind.FunctionNotFound, $"function '{name}' not found"));
        caller.Program.Callees[calleeIndex] = target;
        return target;
    }
}
