using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Stoffel.Vm.Hooks;
using Stoffel.Vm.Instructions;

namespace Stoffel.Vm.Runtime;

// The in-hook flag, and the tracing loop's window: from where an instruction's dispatch starts,
// through its tracer's call, until the instruction first calls out (PublishCountdown). While the
// window is open the record the tracing loop runs does not hold its Ip: the loop's event does
// (HookEvent's instruction index, written for the tracer anyway), and whatever reads records from
// inside the tracer takes it from there first (PublishTracedRecord). So do the PUSHARGs of a bound
// builtin call's run that have had their events (_pendingPushes).
internal sealed partial class VMState
{
    private const byte NoHook = 0;
    private const byte InHook = 1;
    private const byte InTracerWindow = 2;

    // NoHook, InHook, or InTracerWindow: the tracing loop's own value for the flag, set where an
    // instruction's dispatch starts, so that readers of records can tell the window from a hook
    // that runs after it closed (a call hook, whose CALL stored its record's Ip itself).
    private byte _hookState;

    // The address of the running tracing loop's event (a local of Run<TracedMode>'s frame), read
    // only while the window is open, when that frame is live. RunTraced restores the value it
    // found, for a tracing loop nested in a foreign function the outer one called.
    private nint _tracerEventAddress;

    // The tracing loop's bound builtin call (BoundBuiltinCall) whose run is under way: the address
    // of the run's first PUSHARG in the plain code, or 0. The loop reports each of the run's
    // PUSHARGs and its CALL but writes none of the pushes, and then runs the builtin's common case
    // from the registers, as the plain loop does; whatever reads the argument stack or the
    // registers' history from inside the tracer (the inspector, a host write, a nested run) has
    // the pushes reported so far written first (PublishTracedRecord), and the loop then goes on
    // part by part.
    private nint _pendingPushes;

    /// <summary>
    /// Whether a hook or call observer is running on the VM thread now, so that events raised
    /// meanwhile are not delivered (Lua's <c>allowhook</c>; <see cref="HookDelivery"/> sets it
    /// around its deliveries), or the tracing loop's tracer window is open (<see cref="Trace"/>).
    /// A field of the state, not of the delivery, so that the tracing loop sets it before each
    /// call of its tracer without loading the delivery (fib 629.6 → 609.6 machine instructions
    /// per call with a no-op tracer, bench/pathlength.sh --hook).
    /// </summary>
    internal bool HookRunning
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _hookState != NoHook;
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        set => _hookState = value ? InHook : NoHook;
    }

    /// <summary>Opens the tracing loop's window before an instruction's tracer (<see cref="Trace"/>): one byte store.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void OpenTracerWindow() => _hookState = InTracerWindow;

    /// <summary>
    /// Closes the tracing loop's window where an instruction calls out: the record it runs gets
    /// its <c>Ip</c> from the loop's event first (<see cref="PublishTracedRecord"/>), so that the
    /// code called (event delivery, foreign functions, nested runs) reads the record as the
    /// hooked loop leaves it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void CloseTracerWindow()
    {
        PublishTracedRecord();
        _hookState = NoHook;
    }

    /// <summary>Makes <paramref name="tracerEvent"/>, a local of the tracing loop's frame, the event <see cref="PublishTracedRecord"/> reads.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void UseTracerEvent(ref HookEvent tracerEvent) =>
        _tracerEventAddress = Unsafe.ByteOffset(ref Unsafe.NullRef<HookEvent>(), ref tracerEvent);

    /// <summary>
    /// While the tracing loop's window is open, stores the instruction its event names as the
    /// <c>Ip</c> of the record it runs (the event's call depth says which), where every read of
    /// records finds it: the inspector's reads, host writes and a nested run call this first. A
    /// store the loop would otherwise make before every tracer call: the no-op hook on fib(35) in
    /// a Native AOT host ran 2–3% faster without it (docs/vm-internals.md). Nothing outside the
    /// window: a record then holds its <c>Ip</c> wherever the loop's code called out, as in the
    /// plain loop. Inside a bound builtin call's run, the PUSHARGs before the event's instruction
    /// are written to the argument stack too, and the loop told to go on part by part
    /// (<see cref="ReloadAfterHook"/>; <see cref="_pendingPushes"/>).
    /// </summary>
    internal void PublishTracedRecord()
    {
        if (_hookState == InTracerWindow)
        {
            ref readonly var tracerEvent = ref Unsafe.AddByteOffset(ref Unsafe.NullRef<HookEvent>(), _tracerEventAddress);
            ref readonly var record = ref Calls.Frames[tracerEvent.CallDepth - 1];
            Unsafe.AsRef(in record).Ip = tracerEvent.InstructionIndex;
            if (_pendingPushes != 0)
            {
                WritePendingPushes(tracerEvent.InstructionAddress, in record);
                ReloadAfterHook = true; // the loop runs the event's instruction as it is, and each part after it by itself
            }
        }
    }

    /// <summary>
    /// Starts a bound builtin call's run in the tracing loop: its first PUSHARG,
    /// <paramref name="run"/>, and the parts after it up to its CALL are reported without being
    /// written (<see cref="_pendingPushes"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void BeginPendingPushes(in Instruction run) => _pendingPushes = RuntimeFunction.AddressOf(in run);

    /// <summary>
    /// The first PUSHARG of the bound builtin call's run under way (<see cref="BeginPendingPushes"/>),
    /// which the run's CALL takes from the registers now that nothing read them: the run ends
    /// (<see cref="_pendingPushes"/> 0).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref readonly Instruction EndPendingPushes()
    {
        ref readonly var run = ref Unsafe.AddByteOffset(ref Unsafe.NullRef<Instruction>(), _pendingPushes);
        _pendingPushes = 0;
        return ref run;
    }

    /// <summary>
    /// Writes the PUSHARGs of the bound builtin call's run under way that come before the
    /// instruction at <paramref name="partAddress"/> (the run's part about to run) to the argument
    /// stack, from the registers of <paramref name="record"/>, the record the run belongs to, as
    /// they would have been pushed: nothing between a PUSHARG and now wrote those registers, and a
    /// host write publishes first (<see cref="SetRegister"/>). The loop checked the room before the
    /// run began. Then no run is under way. Nothing when none is.
    /// </summary>
    private void WritePendingPushes(nint partAddress, in ActivationRecord record)
    {
        if (_pendingPushes == 0)
        {
            return;
        }
        var pushes = RuntimeFunction.PlainIndexAt(_pendingPushes, partAddress);
        ref readonly var run = ref EndPendingPushes();
        if (pushes > 0)
        {
            ref var registers = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(Calls.Values), record.Base);
            PushArguments(ref registers, in run, pushes);
        }
    }

    /// <summary>
    /// Clears the in-hook flag for a write from another thread while this VM's thread waits inside
    /// a hook (<see cref="HookDelivery.EnterHostWrite"/>), the traced record published first, and
    /// returns the flag as it stood, the tracer's window included, for
    /// <see cref="PutBackHookFlag"/>.
    /// </summary>
    internal byte LiftHookFlag()
    {
        PublishTracedRecord();
        var flag = _hookState;
        _hookState = NoHook;
        return flag;
    }

    /// <summary>Restores the in-hook flag <see cref="LiftHookFlag"/> returned.</summary>
    internal void PutBackHookFlag(byte flag) => _hookState = flag;

    /// <summary>
    /// <see cref="PublishTracedRecord"/> for <see cref="RunTraced"/>'s exception filter, which runs
    /// before the loop's frame unwinds: true, so that the filter goes on to its other tests.
    /// </summary>
    private bool PublishTracedRecordBeforeUnwinding()
    {
        PublishTracedRecord();
        return true;
    }
}
