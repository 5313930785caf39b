using System.Runtime.CompilerServices;
using Stoffel.Vm.Hooks;
using Stoffel.Vm.Values;

namespace Stoffel.Vm.Runtime;

// The one call routine and the one return routine (STYLE.md: one choke point per event kind).
public sealed partial class VMState
{
    private const HookEventMask CallEvents = HookEventMask.StackPop | HookEventMask.BeforeFunctionCall | HookEventMask.VariableWrite;

    private bool _framePushedByForeign;

    /// <summary>
    /// Pushes an activation record for <paramref name="callee"/>: checks arity and depth, grows the
    /// value stack (amortised), clears registers and spill slots, binds arguments to r0..n-1 and
    /// to the by-name locals, captures declared upvalues, and empties the caller's argument stack.
    /// </summary>
    /// <remarks>
    /// Every CALL goes through here, so it stays small: error messages and hook events are built
    /// out of line (no string-builder or event locals to zero in the prologue), and the frame is
    /// filled by element loops rather than <c>Span.Clear</c>/<c>CopyTo</c>, whose helper calls
    /// cost more than the handful of slots a frame has.
    /// </remarks>
    private void PushFrame(RuntimeFunction callee, ReadOnlySpan<Value> arguments, int argBase, Closure? closure)
    {
        if (arguments.Length != callee.ParameterCount)
        {
            throw ArityMismatch(callee, arguments.Length);
        }
        if (_frameCount >= Limits.MaxCallDepth)
        {
            throw CallDepthExceeded(callee);
        }
        var table = Hooks.Table;
        if ((table.Mask & CallEvents) != 0 && !_inHook)
        {
            FireCallEvents(table, callee, arguments);
        }
        var newBase = _stackTop;
        var top = newBase + callee.Width;
        EnsureStack(top);
        var frameSlots = _stack.AsSpan(newBase, callee.Width);
        var parameterBase = callee.ParameterBase;
        for (var i = 0; i < parameterBase; i++)
        {
            frameSlots[i] = default;
        }
        for (var i = 0; i < arguments.Length; i++)
        {
            Value.Copy(ref frameSlots[i], in arguments[i]);
            Value.Copy(ref frameSlots[parameterBase + i], in arguments[i]);
        }

        if (_frameCount == _frames.Length)
        {
            Array.Resize(ref _frames, _frames.Length * 2);
        }
        ref var frame = ref _frames[_frameCount];
        frame.Function = callee;
        frame.Base = newBase;
        frame.Ip = 0;
        frame.Flag = CompareFlag.Equal;
        frame.ArgBase = argBase;
        if (closure is not null)
        {
            frame.Closure = closure;
            frame.Upvalues = closure.Cells;
            frame.UpvalueNames = closure.UpvalueNames;
        }
        else
        {
            frame.Closure = null;
            if (callee.HasUpvalues)
            {
                frame.Upvalues = CaptureUpvalues(callee.Source.Upvalues);
                frame.UpvalueNames = callee.Source.Upvalues;
            }
            else
            {
                frame.Upvalues = null;
                frame.UpvalueNames = null;
            }
        }
        _frameCount++;
        _stackTop = top;
        _argTop = argBase;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static StoffelError ArityMismatch(RuntimeFunction callee, int count) =>
        new(VmErrorKind.FunctionArityMismatch,
            $"{callee.Name} expects {callee.ParameterCount} argument{(callee.ParameterCount == 1 ? "" : "s")}, got {count}");

    [MethodImpl(MethodImplOptions.NoInlining)]
    private StoffelError CallDepthExceeded(RuntimeFunction callee) =>
        new(VmErrorKind.CallDepthExceeded,
            $"call depth limit of {Limits.MaxCallDepth} frames reached calling {callee.Name} (unbounded recursion?)");

    /// <summary>Pops the innermost frame; returns whether a caller below <paramref name="stopDepth"/> remains to receive the value.</summary>
    private bool PopFrame(Value result, int stopDepth)
    {
        var table = Hooks.Table;
        ref var frame = ref _frames[_frameCount - 1];
        if (table.Mask.Includes(HookEventKind.AfterFunctionCall) && !_inHook)
        {
            FireReturnEvent(table, in frame, result);
        }
        _argTop = frame.ArgBase;
        _stackTop = frame.Base;
        frame = default;
        _frameCount--;
        if (_frameCount < stopDepth)
        {
            return false;
        }
        WriteReturnRegister(result);
        return true;
    }

    /// <summary>Writes a call's result into the innermost frame's r0 (SEMANTICS.md §3.5), firing RegisterWrite.</summary>
    private void WriteReturnRegister(Value result)
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

    // The two events above, out of line: a HookEvent local inlined into PopFrame made its
    // prologue zero 300+ bytes of stack on every return.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void FireReturnEvent(HookTable table, in ActivationRecord frame, Value result) =>
        Fire(table, new HookEvent
        {
            Kind = HookEventKind.AfterFunctionCall,
            Function = frame.Function.Source,
            InstructionIndex = frame.Ip,
            CallDepth = _frameCount,
            Name = frame.Function.Name,
            NewValue = result,
        });

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void FireReturnRegisterWrite(HookTable table, in ActivationRecord caller, Value old, Value result) =>
        Fire(table, new HookEvent
        {
            Kind = HookEventKind.RegisterWrite,
            Function = caller.Function.Source,
            InstructionIndex = caller.Ip,
            CallDepth = _frameCount,
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
        if ((table.Mask & CallEvents) != 0 && !_inHook)
        {
            FireForeignCallEvent(table, target.Name, arguments);
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
            Fire(table, new HookEvent { Kind = HookEventKind.AfterFunctionCall, Function = _frames[_frameCount - 1].Function.Source, InstructionIndex = _frames[_frameCount - 1].Ip, CallDepth = _frameCount, Name = target.Name, NewValue = result });
        }
        WriteReturnRegister(result);
        return false;
    }

    private Value InvokeForeign(CallTarget target, ReadOnlySpan<Value> arguments)
    {
        try
        {
            return target.Foreign!(new ForeignFunctionContext(this, target.Name, arguments));
        }
        catch (Exception e) when (e is not StoffelError and not VmException and not OutOfMemoryException)
        {
            throw new StoffelError(VmErrorKind.ForeignFunctionError, $"foreign function '{target.Name}' failed: {e.Message}", e);
        }
    }

    /// <summary>Pushes a closure's frame on behalf of the running foreign function (call_closure).</summary>
    internal void PushClosureFrame(Closure closure, ReadOnlySpan<Value> arguments)
    {
        var target = FindTarget(closure.FunctionName);
        if (target?.Function is not { } function)
        {
            throw new StoffelError(VmErrorKind.FunctionNotFound, $"closure function '{closure.FunctionName}' is not a loaded program function");
        }
        PushFrame(function, arguments, _frames[_frameCount - 1].ArgBase, closure);
        _framePushedByForeign = true;
    }

    private void EnsureStack(int size)
    {
        if (size <= _stack.Length)
        {
            return;
        }
        var capacity = _stack.Length;
        while (capacity < size)
        {
            capacity *= 2;
        }
        Array.Resize(ref _stack, capacity);
    }

    private void PushArgument(Value value)
    {
        if (_argTop == _args.Length)
        {
            if (_args.Length >= Limits.MaxArrayLength)
            {
                throw new StoffelError(VmErrorKind.MemoryLimitExceeded, $"argument stack limit of {Limits.MaxArrayLength} values reached");
            }
            Array.Resize(ref _args, _args.Length * 2);
        }
        _args[_argTop++] = value;
    }
}
