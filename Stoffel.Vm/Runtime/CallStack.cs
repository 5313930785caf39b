using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Stoffel.Vm.Values;

namespace Stoffel.Vm.Runtime;

/// <summary>
/// One VM's call stack: the activation records, the value stack that holds each record's
/// registers and spill slots, and the argument buffer that holds each record's parameters and
/// argument stack (as Lua's <c>lua_State</c> holds its stack and <c>CallInfo</c> list). This type
/// does the mechanics — room, entering and leaving a record, growth within the memory limit,
/// unwinding, restoring a checkpoint — and answers the inspection reads; <see cref="VMState"/>'s
/// call and return routines check arity and depth and fire the events around them.
/// </summary>
/// <remarks>
/// A struct held in a field of <see cref="VMState"/> (never copied: every use goes through the
/// field), so the dispatch loop reads and writes its hot fields at a fixed offset from the state,
/// as it would the state's own fields, and its methods inline with no extra indirection. Frame
/// index 0 in the inspection reads is the innermost frame; callers hold the VM's lock or run on
/// the VM thread inside a hook.
/// </remarks>
internal struct CallStack(HeapBudget heap, Func<ExecutionLimits> limits)
{
    /// <summary>Every activation record's registers, then its spill slots, from its <see cref="ActivationRecord.Base"/>.</summary>
    internal Value[] Values = new Value[InitialValues];

    /// <summary>
    /// <see cref="Values"/>' length, kept beside <see cref="ValueTop"/> (every assignment of the
    /// array sets it): a direct entry's room test (<see cref="CanEnter"/>) reads it without the array
    /// (a load and an instruction less per entry: fib 243.7 → 241.8 machine instructions per call,
    /// calls 284.2 → 282.2 and closure 342.7 → 340.9 per iteration with <see cref="ArgumentLimit"/>).
    /// Never more than the length: the arrays only grow.
    /// </summary>
    internal int ValueLimit = InitialValues;

    /// <summary>The first value-stack slot no record uses.</summary>
    internal int ValueTop;

    /// <summary>The activation records, outermost first.</summary>
    internal ActivationRecord[] Frames = new ActivationRecord[16];

    /// <summary>The records in use: the call depth.</summary>
    internal int FrameCount;

    /// <summary>Every record's parameters and argument stack (<see cref="ActivationRecord.ParamBase"/>, <see cref="ActivationRecord.ArgBase"/>).</summary>
    internal Value[] Arguments = new Value[InitialArguments];

    /// <summary><see cref="Arguments"/>' length, kept as <see cref="ValueLimit"/> is: the dispatch loop's direct entries test their pushes' room against it.</summary>
    internal int ArgumentLimit = InitialArguments;

    private const int InitialValues = 256;
    private const int InitialArguments = 32;

    /// <summary>The top of the innermost record's argument stack.</summary>
    internal int ArgumentTop;

    /// <summary>The innermost activation record.</summary>
    internal ref ActivationRecord Innermost => ref Frames[FrameCount - 1];

    /// <summary>
    /// The depth below which a record may be entered with one comparison: the lesser of the
    /// call-depth limit (<see cref="LimitDepth"/>) and the record array's length.
    /// </summary>
    internal int DirectDepthLimit;

    /// <summary>The call-depth limit (<see cref="ExecutionLimits.MaxCallDepth"/>, set by <see cref="LimitDepth"/>): a call at this depth fails.</summary>
    internal int MaxCallDepth { get; private set; }

    /// <summary>Whether a record for <paramref name="callee"/> fits without growing the record array or the value stack.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal bool HasRoomFor(RuntimeFunction callee) =>
        FrameCount < Frames.Length && ValueTop + callee.Width <= Values.Length;

    /// <summary>
    /// Whether a record for <paramref name="callee"/> may be entered now: below the call-depth
    /// limit, and with room in the record array and the value stack (<see cref="HasRoomFor"/>).
    /// The dispatch loop's direct entries test this; a call that fails it goes the checking way.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal bool CanEnter(RuntimeFunction callee) =>
        FrameCount < DirectDepthLimit && ValueTop + callee.Width <= ValueLimit;

    /// <summary>Sets the call-depth limit that <see cref="CanEnter"/> applies (<see cref="ExecutionLimits.MaxCallDepth"/>).</summary>
    internal void LimitDepth(int maxCallDepth)
    {
        MaxCallDepth = maxCallDepth;
        DirectDepthLimit = Math.Min(maxCallDepth, Frames.Length);
    }

    /// <summary>Grows the record array, the value stack or both to hold a record for <paramref name="callee"/> (refs into the old arrays are stale after it).</summary>
    /// <exception cref="StoffelError"><see cref="VmErrorKind.MemoryLimitExceeded"/>: the frames would pass the memory limit.</exception>
    internal void MakeRoomFor(RuntimeFunction callee)
    {
        var top = ValueTop + callee.Width;
        if (top > Values.Length)
        {
            Values = Grown(Values, top, Arguments.Length, ArgumentTop);
            ValueLimit = Values.Length;
        }
        if (FrameCount == Frames.Length)
        {
            Array.Resize(ref Frames, Frames.Length * 2);
            LimitDepth(MaxCallDepth);
        }
    }

    /// <summary>
    /// Fills the activation record at <see cref="FrameCount"/> for a call of <paramref name="callee"/>
    /// that has room (<see cref="HasRoomFor"/>) and the right arity: copies the
    /// <paramref name="argCount"/> arguments at <paramref name="paramBase"/> to r0..n-1, clears the
    /// other registers and spill slots, and moves the value-stack and argument-stack tops. The
    /// arguments stay where they are as the record's parameters; its return cuts the argument
    /// stack back to <paramref name="returnArgTop"/>. <paramref name="closure"/>: the closure the
    /// record runs, its upvalues (<see cref="ActivationRecord.ClosureCall"/>), or null. The caller then counts the
    /// record (<see cref="FrameCount"/>).
    /// </summary>
    /// <remarks>
    /// Element loops without bounds checks (the arguments lie below <see cref="ArgumentTop"/>; the
    /// stack has room) rather than <c>Span.Clear</c>/<c>CopyTo</c>, whose helper calls cost more
    /// than the handful of slots a frame has.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal ref ActivationRecord InitFrame(RuntimeFunction callee, int paramBase, int argCount, int returnArgTop, Closure? closure)
    {
        // Pointer walks, as the loop's fused entry copies (an index loop here cost each argument
        // four more machine instructions).
        ref var register = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(Values), ValueTop);
        ref var argument = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(Arguments), paramBase);
        ref var end = ref Unsafe.Add(ref argument, argCount);
        for (; Unsafe.IsAddressLessThan(ref argument, ref end); argument = ref Unsafe.Add(ref argument, 1), register = ref Unsafe.Add(ref register, 1))
        {
            Value.Copy(ref register, in argument);
        }
        return ref InitRecord(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(Frames), FrameCount), callee, ref register, paramBase, argCount, returnArgTop, closure, closure is not null); // every entry checked for room first (HasRoomFor, CanEnter)
    }

    /// <summary>
    /// <see cref="InitFrame"/> for a call of one argument, at <paramref name="paramBase"/>, whose
    /// return cuts the argument stack back to it: the argument copied without the loop, as the
    /// dispatch loop's direct entry does (the tracing loop's calls: fib 510.4 → 505.4 machine
    /// instructions per call under a no-op tracer, bench/pathlength.sh --hook). A method of its own
    /// rather than a case inside <see cref="InitFrame"/>: there the other loops' copies of the CALL
    /// changed too, and the plain loop's register allocation with them (fib 246.7 → 247.8, loop
    /// 151.4 → 154.3).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal ref ActivationRecord InitFrameOfOne(RuntimeFunction callee, int paramBase)
    {
        ref var register = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(Values), ValueTop);
        Value.Copy(ref register, in Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(Arguments), paramBase));
        return ref InitRecord(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(Frames), FrameCount), callee, ref Unsafe.Add(ref register, 1), paramBase, 1, paramBase, null, closureCall: false); // checked for room first (CanEnter)
    }

    /// <summary>
    /// <see cref="InitFrame"/> once the <paramref name="argCount"/> arguments (as many as
    /// <paramref name="callee"/> has parameters) are both on the argument stack at
    /// <paramref name="paramBase"/> and in the new record's first registers, as the loop's fused call
    /// writes them in one pass: clears the other registers and spill slots the code may read
    /// unwritten, from <paramref name="afterParameters"/> (the register after the last parameter,
    /// which the caller has at hand), fills <paramref name="record"/> (the one at
    /// <see cref="FrameCount"/>, checked for room) and moves the stack tops.
    /// <paramref name="closureCall"/> is whether <paramref name="closure"/> is not null (the record
    /// runs a closure), which every caller knows without testing it.
    /// </summary>
    /// <remarks>
    /// The dispatch loop's direct entries pass the record after the innermost one, and the
    /// callee's registers as the address after the caller's (the value stack's top): addresses
    /// from the loop's registers, not from <see cref="FrameCount"/> and <see cref="ValueTop"/>,
    /// which the previous call or return has just stored, so that the callee's stores and loads
    /// wait for no load of them: calls(30M) 0.595 → 0.576 s, fib(35) 0.596 → 0.581 s,
    /// closure(30M) 0.792 → 0.777 s (medians of alternating runs), though the path is about as
    /// long (calls 302.1 → 304.1 machine instructions per iteration, fib 300.2 → 298.2 per call,
    /// closure 455.4 → 452.6, bench/pathlength.sh).
    /// <para>
    /// A record popped keeps its upvalues (<see cref="Pop"/>), as the value stack keeps the values
    /// above its top, so that a loop calling the same closure at the same depth stores nothing
    /// there: the upvalues are written only when they differ, and a store of a closure costs a GC
    /// write barrier (closure: 509.5 → 494.6 machine instructions per iteration, bench/pathlength.sh).
    /// </para>
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal ref ActivationRecord InitRecord(ref ActivationRecord record, RuntimeFunction callee, ref Value afterParameters, int paramBase, int argCount, int returnArgTop, Closure? closure, bool closureCall)
    {
        var newBase = ValueTop;
        // A pointer walk to the last slot the code may read unwritten (RegisterAssignment): the loop
        // keeps no index and no bound in a register of its own.
        ref var end = ref Unsafe.Add(ref afterParameters, callee.ClearedAfterParameters);
        for (ref var register = ref afterParameters; Unsafe.IsAddressLessThan(ref register, ref end); register = ref Unsafe.Add(ref register, 1))
        {
            register = default;
        }
        ref var frame = ref record; // a local, not the parameter written to: the compiler lays Run out differently without it (calls 296.1 → 300.3 machine instructions per iteration)
        // Base and Ip, adjacent, in one store (Ip 0); Flag (Equal, 0), ClosureCall, Cleared (false) and
        // the padding byte after them in another (ActivationRecordLayoutTests pins the offsets): fib
        // 255.6 -> 253.5 machine instructions per call, calls 285.1 -> 283.0 per iteration.
        Unsafe.As<int, ulong>(ref frame.Base) = (uint)newBase;
        Unsafe.As<CompareFlag, uint>(ref frame.Flag) = closureCall ? 0x100u : 0u; // closureCall: closure is not null, which the caller knows without a test
        frame.ParamBase = paramBase;
        frame.ArgBase = paramBase + argCount;
        frame.ReturnArgTop = returnArgTop;
        ValueTop = newBase + callee.Width; // read again: a local for it was kept in a stack slot
        ArgumentTop = paramBase + argCount;
        // The references last: a store that changes one calls the GC write barrier, across which
        // the JIT keeps every value still to be stored in a stack slot (closure: 455.6 machine
        // instructions per iteration against 461.6 with them first, bench/pathlength.sh).
        if (!ReferenceEquals(frame.Function, callee))
        {
            frame.PlainCodeAddress = callee.PlainCodeAddress; // with the function, so a reused record keeps both
            frame.Function = callee; // a recursion or a loop of calls reuses the record of the same function
        }
        if (!ReferenceEquals(frame.Upvalues, closure))
        {
            frame.Upvalues = closure; // a GC write barrier when it is a closure
        }
        return ref frame;
    }

    /// <summary>Pops the innermost record, <paramref name="frame"/> (the caller holds it: no lookup in the record array): its registers and argument stack, and the arguments its call consumed. Returns the record popped, which stays in the array for reuse.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal ref ActivationRecord Pop(ref ActivationRecord frame)
    {
        ArgumentTop = frame.ReturnArgTop;
        ValueTop = frame.Base;
        // Its function and upvalues stay: the next call at this depth is often of the same function
        // or closure, and InitRecord then skips the stores (and their GC write barriers).
        FrameCount--;
        return ref frame;
    }

    /// <summary>Pushes <paramref name="value"/> on the innermost argument stack, growing it within the memory limit.</summary>
    /// <exception cref="StoffelError"><see cref="VmErrorKind.MemoryLimitExceeded"/>: the argument stack cannot grow.</exception>
    internal void PushArgument(Value value)
    {
        if (ArgumentTop == Arguments.Length)
        {
            if (Arguments.Length >= limits().MaxArrayLength)
            {
                throw new StoffelError(VmErrorKind.MemoryLimitExceeded, $"argument stack limit of {limits().MaxArrayLength} values reached");
            }
            Arguments = Grown(Arguments, ArgumentTop + 1, Values.Length, ValueTop);
            ArgumentLimit = Arguments.Length;
        }
        Arguments[ArgumentTop++] = value;
    }

    /// <summary>LD: offset 0 is the top of the innermost argument stack; index = len - 1 + offset (docs/assembly.md "Operands").</summary>
    /// <exception cref="StoffelError"><see cref="VmErrorKind.StackIndexOutOfRange"/>: the index is outside the argument stack.</exception>
    internal Value LoadArgument(in ActivationRecord frame, int offset)
    {
        var count = ArgumentTop - frame.ArgBase;
        var index = (long)count - 1 + offset;
        if (index < 0 || index >= count)
        {
            throw new StoffelError(VmErrorKind.StackIndexOutOfRange, $"LD offset {offset} is outside the argument stack (it holds {count} value{(count == 1 ? "" : "s")})");
        }
        return Arguments[frame.ArgBase + (int)index];
    }

    /// <summary>Cuts the stack back to where a run started: <paramref name="frameCount"/> records and the two tops.</summary>
    internal void Unwind(int frameCount, int valueTop, int argumentTop)
    {
        Array.Clear(Frames, frameCount, FrameCount - frameCount);
        FrameCount = frameCount;
        ValueTop = valueTop;
        ArgumentTop = argumentTop;
    }

    /// <summary>Replaces the whole stack with a checkpoint's records, value stack and argument buffer (sizes the run reached before, so within its limits).</summary>
    internal void Restore(ReadOnlySpan<ActivationRecord> frames, Value[] values, Value[] arguments)
    {
        if (Frames.Length < frames.Length)
        {
            Array.Resize(ref Frames, frames.Length);
            LimitDepth(MaxCallDepth);
        }
        Array.Clear(Frames, frames.Length, Math.Max(0, FrameCount - frames.Length));
        frames.CopyTo(Frames);
        FrameCount = frames.Length;
        ValueTop = RestoreSlots(ref Values, ValueTop, values);
        ArgumentTop = RestoreSlots(ref Arguments, ArgumentTop, arguments);
        (ValueLimit, ArgumentLimit) = (Values.Length, Arguments.Length);
    }

    private static int RestoreSlots(ref Value[] stack, int inUse, Value[] saved)
    {
        Array.Clear(stack, 0, inUse);
        if (stack.Length < saved.Length)
        {
            Array.Resize(ref stack, saved.Length);
        }
        saved.CopyTo(stack, 0);
        return saved.Length;
    }

    /// <summary>Adds the slots in use and every record's upvalues and closure to <paramref name="walker"/> as roots of the live heap.</summary>
    internal void AddRoots(HeapWalker walker)
    {
        for (var i = 0; i < FrameCount; i++) // the records' slots are the value stack in use, [0, ValueTop)
        {
            ref readonly var frame = ref Frames[i];
            walker.CountSlots(frame.Function.Width);
            for (var slot = 0; slot < frame.Function.Width; slot++)
            {
                walker.AddValue(SlotValue(in frame, slot)); // not what an unwritten slot still holds
            }
        }
        walker.AddStack(Arguments.AsSpan(0, ArgumentTop));
        for (var i = 0; i < FrameCount; i++)
        {
            ref readonly var frame = ref Frames[i];
            if (frame.Closure is { } closure)
            {
                walker.AddRoot(closure);
            }
            else if (frame.Upvalues is { } captured)
            {
                walker.AddRoots(captured.Cells);
            }
        }
    }

    /// <summary>
    /// Returns a stack grown to hold a number of slots, doubling it (amortised growth) or more,
    /// within the memory limit. A stack's old arrays are garbage only once the collector gets to
    /// them, and each was at most half the next, so a stack of capacity C may still occupy 2C:
    /// the growth must fit twice the old capacity, the new array and twice the other stack in the
    /// limit. That bounds the process even when nothing is collected yet, and leaves the frames
    /// a quarter to a half of the limit. The new array is charged with the tables' growth
    /// (<see cref="HeapBudget"/>) and the slots in use count as live heap
    /// (<see cref="AddRoots"/>), so frames and tables together stay within the limit too.
    /// </summary>
    /// <remarks>Only a push that finds no room comes here: the calls and PUSHARGs that fit pay nothing.</remarks>
    /// <param name="stack">The value stack or the argument stack.</param>
    /// <param name="needed">The slots it must hold.</param>
    /// <param name="otherCapacity">The other stack's length.</param>
    /// <param name="otherInUse">The other stack's slots in use, for the figure the error reports.</param>
    /// <exception cref="StoffelError"><see cref="VmErrorKind.MemoryLimitExceeded"/>: the stack cannot grow to <paramref name="needed"/> within the limit.</exception>
    private Value[] Grown(Value[] stack, int needed, int otherCapacity, int otherInUse)
    {
        var limit = limits().MaxMemoryBytes;
        var capacity = Math.Max(needed, 2L * stack.Length);
        var footprint = 2L * stack.Length + capacity + 2L * otherCapacity;
        if (footprint * HeapWalker.ElementBytes > limit || capacity > Array.MaxLength)
        {
            var slots = (long)needed + otherInUse;
            throw new StoffelError(VmErrorKind.MemoryLimitExceeded, string.Create(CultureInfo.InvariantCulture,
                $"call frames need {ByteSize.Format(slots * HeapWalker.ElementBytes)} ({slots:N0} registers and arguments), and growing the stack to hold them would pass the memory limit of {ByteSize.Format(limit)}"));
        }
        heap.Charge(capacity * HeapWalker.ElementBytes, null);
        Array.Resize(ref stack, (int)capacity);
        return stack;
    }

    /// <inheritdoc cref="VmInspector.GetFrame"/>
    internal FrameInfo GetFrame(int frameIndex)
    {
        ref var frame = ref FrameAt(frameIndex);
        return new FrameInfo(frame.Function.Source, frame.Ip, frame.Function.Source.SourceLineAt(frame.Ip), frame.Flag, frame.Closure);
    }

    /// <inheritdoc cref="VmInspector.GetRegister"/>
    internal Value GetRegister(int frameIndex, int register)
    {
        ref var frame = ref FrameAt(frameIndex);
        CheckRegister(in frame, register);
        return SlotValue(in frame, register);
    }

    /// <summary>
    /// The slot of register <paramref name="register"/> of frame <paramref name="frameIndex"/> (0 =
    /// innermost), to write: the frame's unwritten slots are cleared first (<see cref="ClearUnwritten"/>).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">No such frame or register.</exception>
    internal ref Value RegisterSlot(int frameIndex, int register)
    {
        ref var frame = ref FrameAt(frameIndex);
        CheckRegister(in frame, register);
        ClearUnwritten(ref frame);
        return ref Values[frame.Base + register];
    }

    /// <inheritdoc cref="VmInspector.GetSpillSlot"/>
    internal Value GetSpillSlot(int frameIndex, int slot)
    {
        ref var frame = ref FrameAt(frameIndex);
        ArgumentOutOfRangeException.ThrowIfNegative(slot);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(slot, frame.Function.Source.SpillSlotCount);
        return SlotValue(in frame, frame.Function.RegisterCount + slot);
    }

    /// <summary>
    /// Slot <paramref name="slot"/> (registers, then spill slots) of the live record
    /// <paramref name="frame"/> as the program sees it: Unit while the activation has not written
    /// it, whatever the stack held there (<see cref="RegisterAssignment"/>); the constant a load
    /// the plain loop ran as an immediate operand left there, whatever the slot held before
    /// (<see cref="ImmediateOperands"/>).
    /// </summary>
    internal Value SlotValue(in ActivationRecord frame, int slot)
    {
        if (!frame.Cleared)
        {
            if (frame.Function.Assignment.IsUnwritten(frame.Ip, slot))
            {
                return Value.Unit;
            }
            if (frame.Function.Pending is { } pending && pending.TryGet(frame.Ip, slot, out var constant))
            {
                return constant;
            }
        }
        return Values[frame.Base + slot];
    }

    /// <summary>
    /// Writes Unit into the slots of <paramref name="frame"/> (a live record standing at its
    /// <c>Ip</c>) that its activation has not written yet, and their constants into the registers
    /// the plain loop left pending (<see cref="PendingConstants"/>), so that each holds what the
    /// program would read (<see cref="ActivationRecord.Cleared"/>).
    /// </summary>
    internal void ClearUnwritten(ref ActivationRecord frame)
    {
        if (frame.Cleared)
        {
            return;
        }
        var function = frame.Function;
        // At the first instruction no uncleared slot is written, even when a jump comes back to
        // it: a slot written in the loop would be written on some paths there and not on others,
        // and such slots are cleared by the call (RegisterAssignment).
        var entering = frame.Ip == 0;
        for (var slot = function.ClearEnd; slot < function.Width; slot++)
        {
            if (entering || function.Assignment.IsUnwritten(frame.Ip, slot))
            {
                Values[frame.Base + slot] = default;
            }
        }
        if (function.Pending is { } pending)
        {
            foreach (var (register, constant) in pending.At(frame.Ip))
            {
                Values[frame.Base + register] = Value.FromI64(constant);
            }
        }
        frame.Cleared = true;
    }

    private static void CheckRegister(in ActivationRecord frame, int register)
    {
        if ((uint)register >= (uint)frame.Function.RegisterCount)
        {
            throw new ArgumentOutOfRangeException(nameof(register), register, $"{frame.Function.Name} has {frame.Function.RegisterCount} registers");
        }
    }

    /// <inheritdoc cref="VmInspector.GetArgumentStack"/>
    internal IReadOnlyList<Value> GetArgumentStack(int frameIndex)
    {
        ref var frame = ref FrameAt(frameIndex);
        var end = frameIndex == 0 ? ArgumentTop : Frames[FrameCount - frameIndex].ReturnArgTop;
        return Arguments.AsSpan(frame.ArgBase, Math.Max(0, end - frame.ArgBase)).ToArray();
    }

    /// <inheritdoc cref="VmInspector.GetLocals"/>
    internal IReadOnlyList<KeyValuePair<string, Value>> GetLocals(int frameIndex)
    {
        ref var frame = ref FrameAt(frameIndex);
        var function = frame.Function;
        var locals = new KeyValuePair<string, Value>[function.ParameterCount];
        for (var i = 0; i < locals.Length; i++)
        {
            locals[i] = new(function.Source.Parameters[i], Arguments[frame.ParamBase + i]);
        }
        return locals;
    }

    /// <inheritdoc cref="VmInspector.GetUpvalues"/>
    internal IReadOnlyList<Upvalue> GetUpvalues(int frameIndex)
    {
        ref var frame = ref FrameAt(frameIndex);
        if (frame.Upvalues is not { Cells: var cells, Names: var names })
        {
            return [];
        }
        return names.Select((n, i) => new Upvalue(n, cells[i])).ToArray();
    }

    /// <inheritdoc cref="VmInspector.GetCallStack"/>
    internal IReadOnlyList<StackFrameInfo> CaptureStackTrace()
    {
        var trace = new StackFrameInfo[FrameCount];
        for (var i = 0; i < trace.Length; i++)
        {
            ref var frame = ref Frames[FrameCount - 1 - i];
            var source = frame.Function.Source;
            trace[i] = new StackFrameInfo(source.Name, frame.Ip, source.SourceLineAt(frame.Ip), frame.Function.Program.Program.SourcePath);
        }
        return trace;
    }

    /// <summary>The record of frame <paramref name="frameIndex"/> (0 = innermost).</summary>
    /// <exception cref="ArgumentOutOfRangeException">No such frame.</exception>
    internal ref ActivationRecord FrameAt(int frameIndex)
    {
        if ((uint)frameIndex >= (uint)FrameCount)
        {
            throw new ArgumentOutOfRangeException(nameof(frameIndex), frameIndex, $"there are {FrameCount} frames");
        }
        return ref Frames[FrameCount - 1 - frameIndex];
    }
}
