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
    /// zero in the prologue). The dispatch loop calls <see cref="InitFrame"/> itself for the
    /// common call (<see cref="CanEnterDirectly"/>) and comes here for everything else.
    /// </remarks>
    private void PushFrame(RuntimeFunction callee, int paramBase, int argCount, int returnArgTop, Closure? closure)
    {
        if (argCount != callee.ParameterCount)
        {
            throw ArityMismatch(callee, argCount);
        }
        if (_frameCount >= _maxCallDepth)
        {
            throw CallDepthExceeded(callee);
        }
        var top = _stackTop + callee.Width;
        if (top > _stack.Length)
        {
            GrowStack(top); // before the call events, as the checks above: a call the limits refuse is not reported
        }
        var table = Hooks.Table;
        if ((table.Mask & HookTable.CallEvents) != 0 && !_inHook)
        {
            FireCallEvents(table, callee, new ReadOnlySpan<Value>(_args, paramBase, argCount));
        }
        if (_frameCount == _frames.Length)
        {
            Array.Resize(ref _frames, _frames.Length * 2);
        }
        ref var frame = ref InitFrame(callee, paramBase, argCount, returnArgTop);
        if (closure is not null)
        {
            frame.Closure = closure;
            frame.Upvalues = closure.Cells;
            frame.UpvalueNames = closure.Names;
        }
        else if (callee.UpvalueNames is { } names)
        {
            frame.Upvalues = CaptureUpvalues(names); // before the frame counts: capture searches the callers
            frame.UpvalueNames = names;
        }
        if (table.CountsInstructions)
        {
            CountsOf(callee)[^1]++;
        }
        _frameCount++;
    }

    /// <summary>
    /// Whether a CALL of <paramref name="callee"/> with the innermost frame's whole argument stack
    /// can take <see cref="InitFrame"/> straight from the dispatch loop: right arity, depth, room
    /// in the value stack and frame array, no upvalues to capture and no hook on call events (call
    /// observers alone the loop notifies itself).
    /// Everything else goes through <see cref="PushFrame"/>, which checks, grows and reports.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool CanEnterDirectly(RuntimeFunction callee, int argCount) =>
        argCount == callee.ParameterCount
        && _frameCount < _maxCallDepth
        && _frameCount < _frames.Length
        && _stackTop + callee.Width <= _stack.Length
        && callee.UpvalueNames is null
        && Hooks.Table is { DirectCalls: true } or { CallsObservedOnly: true };

    /// <summary>
    /// Fills the activation record at <c>_frameCount</c> for a call whose room and arity were
    /// checked: copies the arguments to r0..n-1, clears the other registers and spill slots,
    /// and moves the value-stack and argument-stack tops. The caller sets upvalues (a new record
    /// has none: popped records are cleared) and then counts the frame.
    /// </summary>
    /// <remarks>
    /// Element loops without bounds checks (the arguments lie below <c>_argTop</c>; the stack has
    /// room) rather than <c>Span.Clear</c>/<c>CopyTo</c>, whose helper calls cost more than the
    /// handful of slots a frame has.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref ActivationRecord InitFrame(RuntimeFunction callee, int paramBase, int argCount, int returnArgTop)
    {
        var newBase = _stackTop;
        var width = callee.Width;
        ref var registers = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_stack), newBase);
        ref var arguments = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_args), paramBase);
        var i = 0;
        for (; i < argCount; i++)
        {
            Value.Copy(ref Unsafe.Add(ref registers, i), in Unsafe.Add(ref arguments, i));
        }
        for (; i < width; i++)
        {
            Unsafe.Add(ref registers, i) = default;
        }
        ref var frame = ref _frames[_frameCount];
        frame.Function = callee;
        frame.Base = newBase;
        frame.Ip = 0;
        frame.Flag = CompareFlag.Equal;
        frame.ParamBase = paramBase;
        frame.ArgBase = paramBase + argCount;
        frame.ReturnArgTop = returnArgTop;
        _stackTop = newBase + width;
        _argTop = paramBase + argCount;
        return ref frame;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static StoffelError ArityMismatch(RuntimeFunction callee, int count) =>
        new(VmErrorKind.FunctionArityMismatch,
            $"{callee.Name} expects {callee.ParameterCount} argument{(callee.ParameterCount == 1 ? "" : "s")}, got {count}");

    [MethodImpl(MethodImplOptions.NoInlining)]
    private StoffelError CallDepthExceeded(RuntimeFunction callee) =>
        new(VmErrorKind.CallDepthExceeded,
            $"call depth limit of {_maxCallDepth} frames reached calling {callee.Name} (unbounded recursion?)");

    /// <summary>Pops the innermost frame; returns whether a caller below <paramref name="stopDepth"/> remains to receive the value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool PopFrame(in Value result, int stopDepth)
    {
        var table = Hooks.Table;
        ref var frame = ref _frames[_frameCount - 1];
        if (table.Mask.Includes(HookEventKind.AfterFunctionCall) && !_inHook)
        {
            FireReturnEvent(table, in frame, result); // the frame still exists: a hook can read its registers
        }
        _argTop = frame.ReturnArgTop;
        _stackTop = frame.Base;
        frame = default; // also what a reused record's Closure and upvalue fields must start as
        _frameCount--;
        if (_frameCount < stopDepth)
        {
            return false;
        }
        WriteReturnRegister(result);
        return true;
    }

    /// <summary>Writes a call's result into the innermost frame's r0 (SEMANTICS.md §3.5), firing RegisterWrite.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void WriteReturnRegister(in Value result)
    {
        ref var caller = ref _frames[_frameCount - 1];
        ref var r0 = ref _stack[caller.Base];
        var table = Hooks.Table;
        if (table.Mask.Includes(HookEventKind.RegisterWrite) && !_inHook)
        {
            var old = r0;
            r0 = result;
            FireReturnRegisterWrite(table, in caller, old, result);
            return;
        }
        Value.Copy(ref r0, in result);
    }

    // Out of line, as FireReturnEvent: a HookEvent local inlined into PopFrame made its prologue
    // zero 300+ bytes of stack on every return.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void FireReturnRegisterWrite(HookTable table, in ActivationRecord caller, Value old, Value result) =>
        Fire(table, new HookEvent
        {
            Kind = HookEventKind.RegisterWrite,
            Function = caller.Function.Source,
            InstructionIndex = caller.Ip,
            CallDepth = _frameCount,
            FrameIndex = InnermostFrame,
            Register = 0,
            OldValue = old,
            NewValue = result,
        });

    /// <summary>
    /// Calls a foreign function with the innermost frame's argument stack. Unless the function
    /// pushed a frame (call_closure), its result goes to the caller's r0 and the arguments are
    /// consumed; on error they stay on the stack (upstream restores them).
    /// </summary>
    /// <returns>True when the function pushed a frame.</returns>
    private bool CallForeign(CallTarget target)
    {
        var argBase = _frames[_frameCount - 1].ArgBase;
        var arguments = new ReadOnlySpan<Value>(_args, argBase, _argTop - argBase);
        var table = Hooks.Table;
        if ((table.Mask & HookTable.CallEvents) != 0 && !_inHook)
        {
            FireCallSiteEvents(table, target.Name, arguments);
        }
        var depth = _frameCount;
        _framePushedByForeign = false;
        var result = InvokeForeign(target, arguments);
        if (_framePushedByForeign && _frameCount > depth)
        {
            return true;
        }
        _argTop = argBase;
        if (table.Mask.Includes(HookEventKind.AfterFunctionCall) && !_inHook)
        {
            FireForeignReturnEvent(table, target.Name, result);
        }
        WriteReturnRegister(result);
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
        catch (Exception e) when (e is not StoffelError and not VmException and not OutOfMemoryException and not RewindSignal)
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
        var paramBase = _argTop;
        foreach (var argument in arguments)
        {
            PushArgument(argument);
        }
        PushFrame(function, paramBase, arguments.Length, _frames[_frameCount - 1].ArgBase, closure);
        _framePushedByForeign = true;
    }

    /// <summary>The program function <paramref name="closure"/> runs in this VM, or null when none has its name.</summary>
    private RuntimeFunction? ClosureFunction(Closure closure)
    {
        if (closure.Binding is { } binding && ReferenceEquals(binding.State, this))
        {
            return binding.Function;
        }
        if (FindTarget(closure.FunctionName)?.Function is not { } function)
        {
            return null;
        }
        closure.Binding = new ClosureBinding(this, function); // program functions are never replaced, so the binding stays right
        return function;
    }
}
