using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Stoffel.Vm.Hooks;
using Stoffel.Vm.Values;

namespace Stoffel.Vm.Runtime;

// The one call routine and the one return routine (one choke point per event kind).
internal sealed partial class VMState
{
    private bool _framePushedByForeign;

    /// <summary>
    /// Pushes an activation record for <paramref name="callee"/> whose <paramref name="argCount"/>
    /// arguments are in the argument buffer from <paramref name="paramBase"/>: checks arity and
    /// depth, grows the value stack (amortised, within the memory limit), fires the call events,
    /// copies the arguments to r0..n-1 and clears the other registers and spill slots, and captures
    /// declared upvalues. The arguments stay where they are as the frame's parameters
    /// (<see cref="ActivationRecord.ParamBase"/>); on return the argument stack is cut back to
    /// <paramref name="returnArgTop"/>.
    /// </summary>
    /// <remarks>
    /// Error messages and hook events are built out of line (no string-builder or event locals to
    /// zero in the prologue). The dispatch loop calls <see cref="CallStack.InitFrame"/> itself for the
    /// common call (<see cref="CanEnterDirectly"/>) and comes here for everything else.
    /// </remarks>
    private void PushFrame(RuntimeFunction callee, int paramBase, int argCount, int returnArgTop, Closure? closure)
    {
        if (argCount != callee.ParameterCount)
        {
            throw ArityMismatch(callee, argCount);
        }
        if (Calls.FrameCount >= Calls.MaxCallDepth)
        {
            throw CallDepthExceeded(callee);
        }
        if (!Calls.HasRoomFor(callee))
        {
            Calls.MakeRoomFor(callee); // before the call events, as the checks above: a call the limits refuse is not reported
            ReloadAfterHook = true;
        }
        var table = Hooks.Table;
        if ((table.Mask & HookTable.CallEvents) != 0 && !HookRunning)
        {
            Delivery.FireCallEvents(table, callee, new ReadOnlySpan<Value>(Calls.Arguments, paramBase, argCount));
        }
        ref var frame = ref Calls.InitFrame(callee, paramBase, argCount, returnArgTop, closure);
        if (closure is null && callee.UpvalueNames is { } names)
        {
            frame.Upvalues = new Closure(callee.Name, CaptureUpvalues(names), names); // before the frame counts: capture searches the callers
        }
        if (table.CountsInstructions)
        {
            CountsOf(callee)[^1]++;
        }
        Calls.FrameCount++;
    }

    /// <summary>
    /// Whether a CALL of <paramref name="callee"/> with the innermost frame's whole argument stack
    /// can take <see cref="CallStack.InitFrame"/> straight from the dispatch loop: right arity, depth, room
    /// in the value stack and frame array, no upvalues to capture and no hook on call events (call
    /// observers alone the loop notifies itself) in <paramref name="hooks"/>, the table the loop
    /// runs with (a change of hooks ends its slice: the next instruction runs with the new table).
    /// Everything else goes through <see cref="PushFrame"/>, which checks, grows and reports.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool CanEnterDirectly(HookTable hooks, RuntimeFunction callee, int argCount) =>
        argCount == callee.DirectArity
        && Calls.CanEnter(callee)
        && hooks.EntersDirectly;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static StoffelError ArityMismatch(RuntimeFunction callee, int count) =>
        new(VmErrorKind.FunctionArityMismatch,
            $"{callee.Name} expects {callee.ParameterCount} argument{(callee.ParameterCount == 1 ? "" : "s")}, got {count}");

    [MethodImpl(MethodImplOptions.NoInlining)]
    private StoffelError CallDepthExceeded(RuntimeFunction callee) =>
        new(VmErrorKind.CallDepthExceeded,
            $"call depth limit of {Calls.MaxCallDepth} frames reached calling {callee.Name} (unbounded recursion?)");

    /// <summary>
    /// Pops the innermost frame, <paramref name="innermost"/>, and writes <paramref name="result"/> to its caller's r0. Returns the
    /// caller's record, the innermost now, or a null ref when no caller at
    /// <paramref name="stopDepth"/> or above remains to receive the value. <paramref name="table"/>: the hooks the loop runs with.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref ActivationRecord PopFrame(ref ActivationRecord innermost, in Value result, int stopDepth, HookTable table)
    {
        if (table.Mask.Includes(HookEventKind.AfterFunctionCall) && !HookRunning)
        {
            Delivery.FireReturnEvent(table, in innermost, in result); // the frame still exists: a hook can read its registers
            table = Hooks.Table; // the hook may have changed the hooks: a RegisterWrite hook it added sees the return's write
            innermost = ref Calls.Innermost; // the hook may have run nested code that grew the frame array
        }
        ref var popped = ref Calls.Pop(ref innermost);
        if (Calls.FrameCount < stopDepth)
        {
            return ref Unsafe.NullRef<ActivationRecord>();
        }
        // The record below the one popped, a live one (FrameCount >= stopDepth >= 1): no reload of the frame array.
        return ref WriteReturnRegister(ref Unsafe.Subtract(ref popped, 1), in result, table);
    }

    /// <summary>
    /// Writes a call's result into the r0 of <paramref name="caller"/>, the innermost record
    /// (docs/vm-internals.md "How a call works"), firing RegisterWrite. Returns the innermost
    /// record: <paramref name="caller"/>, or where it is now when a hook grew the frame array.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref ActivationRecord WriteReturnRegister(ref ActivationRecord caller, in Value result, HookTable table)
    {
        ref var r0 = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(Calls.Values), caller.Base); // a live record's registers are on the stack
        if (table.Mask.Includes(HookEventKind.RegisterWrite) && !HookRunning)
        {
            var old = Calls.SlotValue(in caller, 0);
            r0 = result;
            Delivery.FireReturnRegisterWrite(table, in caller, old, result);
            return ref Calls.Innermost; // the hook may have run nested code that grew the frame array
        }
        Value.Copy(ref r0, in result);
        return ref caller;
    }

    /// <summary>
    /// Calls a foreign function with the innermost frame's argument stack. Unless the function
    /// pushed a frame (call_closure), its result goes to the caller's r0 and the arguments are
    /// consumed; on error they stay on the stack (upstream restores them).
    /// </summary>
    /// <returns>True when the function pushed a frame.</returns>
    private bool CallForeign(CallTarget target)
    {
        var argBase = Calls.Innermost.ArgBase;
        var arguments = new ReadOnlySpan<Value>(Calls.Arguments, argBase, Calls.ArgumentTop - argBase);
        var table = Hooks.Table;
        if ((table.Mask & HookTable.CallEvents) != 0 && !HookRunning)
        {
            Delivery.FireCallSiteEvents(table, target.Name, arguments);
        }
        var depth = Calls.FrameCount;
        _framePushedByForeign = false;
        var result = InvokeForeign(target, arguments);
        if (_framePushedByForeign && Calls.FrameCount > depth)
        {
            return true;
        }
        Calls.ArgumentTop = argBase;
        if (table.Mask.Includes(HookEventKind.AfterFunctionCall) && !HookRunning)
        {
            Delivery.FireForeignReturnEvent(table, target.Name, result);
        }
        WriteReturnRegister(ref Calls.Innermost, in result, Hooks.Table); // the function may have changed the hooks
        return false;
    }

    private Value InvokeForeign(CallTarget target, ReadOnlySpan<Value> arguments)
    {
        return RecordingFor(target) is { } recording ? InvokeRecorded(recording, target, arguments) : InvokeHost(target, arguments);
    }

    private Value InvokeHost(CallTarget target, ReadOnlySpan<Value> arguments)
    {
        try
        {
            return target.Foreign!(new ForeignFunctionContext(this, target.Name, arguments));
        }
        catch (Exception e) when (IsHostFailure(e))
        {
            throw new StoffelError(VmErrorKind.ForeignFunctionError, $"foreign function '{target.Name}' failed: {e.Message}", e);
        }
    }

    /// <summary>
    /// Pushes a closure's frame on behalf of the running foreign function (call_closure). The
    /// arguments are copied to the top of the argument stack (a host may pass any span) and the
    /// frame's return consumes the foreign call's own arguments too.
    /// </summary>
    internal void PushClosureFrame(Closure closure, ReadOnlySpan<Value> arguments)
    {
        var function = ClosureFunction(closure)
            ?? throw new StoffelError(VmErrorKind.FunctionNotFound, $"closure function '{closure.FunctionName}' is not a loaded program function");
        var paramBase = Calls.ArgumentTop;
        foreach (var argument in arguments)
        {
            Calls.PushArgument(argument);
        }
        PushFrame(function, paramBase, arguments.Length, Calls.Innermost.ArgBase, closure);
        _framePushedByForeign = true;
    }

    /// <summary>The program function <paramref name="closure"/> runs in this VM, or null when none has its name.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private RuntimeFunction? ClosureFunction(Closure closure) => BoundFunction(closure) ?? BindClosure(closure);

    /// <summary>The program function <paramref name="closure"/> was bound to in this VM, or null when it is not bound to this VM (yet).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private RuntimeFunction? BoundFunction(Closure closure) =>
        closure.BoundFunction is { } function && ReferenceEquals(function.Owner, this) ? function : null;

    /// <summary><see cref="ClosureFunction"/> for a closure not bound to this VM yet: looks its function up and binds it.</summary>
    private RuntimeFunction? BindClosure(Closure closure)
    {
        if (FindTarget(closure.FunctionName)?.Function is not { } function)
        {
            return null;
        }
        closure.BoundFunction = function; // program functions are never replaced, so the binding stays right
        return function;
    }
}
