using System.Runtime.CompilerServices;
using Stoffel.Vm.Hooks;
using Stoffel.Vm.Instructions;
using Stoffel.Vm.Values;

namespace Stoffel.Vm.Runtime;

// Building and delivering hook events. Every method here runs only when the hook table says
// someone listens; events raised while a hook runs are suppressed (Lua's allowhook).
internal sealed partial class VMState
{
    private bool _inHook;
    private int _hookThread; // the managed thread running the hook while _inHook (VMState.HostWrites.cs)

    /// <summary>Delivers <paramref name="hookEvent"/> to the enabled hooks for its kind, highest priority first.</summary>
    private void Fire(HookTable table, in HookEvent hookEvent)
    {
        var registrations = table.ByKind[(int)hookEvent.Kind];
        if (registrations.Length == 0 || _inHook)
        {
            return;
        }
        _inHook = true;
        _hookThread = Environment.CurrentManagedThreadId;
        HookRegistration? current = null;
        try
        {
            foreach (var registration in registrations)
            {
                current = registration;
                if (registration.Sites is { } sites
                    && hookEvent.Kind == HookEventKind.BeforeInstructionExecute
                    && !sites.Contains(new InstructionSite(hookEvent.Function!, hookEvent.InstructionIndex)))
                {
                    continue;
                }
                if (registration.Predicate is { } predicate && !predicate(in hookEvent))
                {
                    continue;
                }
                registration.Callback(in hookEvent, HookContext);
            }
        }
        catch (Exception e) when (e is not StoffelError and not VmException and not OutOfMemoryException and not RewindSignal)
        {
            throw new StoffelError(VmErrorKind.HookError, $"hook {current?.Id.Value} failed on {hookEvent.Kind}: {e.Message}", e);
        }
        finally
        {
            _inHook = false;
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)] // keeps the event's stack space out of the callers' prologues
    private void FireInstructionEvent(HookTable table, HookEventKind kind, in ActivationRecord frame, int ip, Instruction instruction)
    {
        if (!_inHook)
        {
            var hookEvent = new HookEvent(kind, frame.Function.Source, ip, instruction, _frameCount); // constructed in place, not copied
            Fire(table, in hookEvent);
        }
    }

    private void FireRegisterReads(HookTable table, in ActivationRecord frame, int ip, Instruction instruction)
    {
        if (_inHook)
        {
            return;
        }
        foreach (var operand in OpcodeTable.Get(instruction.Opcode).ReadRegisterOperands)
        {
            var register = operand switch { 0 => instruction.A, 1 => instruction.B, _ => instruction.C };
            Fire(table, EventAtInstruction(HookEventKind.RegisterRead, in frame, ip, instruction) with
            {
                Register = register,
                NewValue = _stack[frame.Base + register],
            });
        }
    }

    private void FireRegisterWrite(HookTable table, in ActivationRecord frame, int ip, Instruction instruction, Value old)
    {
        if (!_inHook)
        {
            Fire(table, EventAtInstruction(HookEventKind.RegisterWrite, in frame, ip, instruction) with
            {
                Register = instruction.A,
                OldValue = old,
                NewValue = _stack[frame.Base + instruction.A],
            });
        }
    }

    private HookEvent EventAtInstruction(HookEventKind kind, in ActivationRecord frame, int ip, Instruction instruction) =>
        new(kind, frame.Function.Source, ip, instruction, _frameCount);

    private void FireStackPush(HookTable table, in ActivationRecord frame, int ip, Value value)
    {
        if (!_inHook)
        {
            Fire(table, new HookEvent { Kind = HookEventKind.StackPush, Function = frame.Function.Source, InstructionIndex = ip, CallDepth = _frameCount, NewValue = value });
        }
    }

    /// <summary>StackPop per argument taken, then BeforeFunctionCall, then VariableWrite per parameter bound.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)] // keeps the events' stack space out of PushFrame's prologue
    private void FireCallEvents(HookTable table, RuntimeFunction callee, ReadOnlySpan<Value> arguments)
    {
        FireForeignCallEvent(table, callee.Name, arguments);
        if (table.Mask.Includes(HookEventKind.VariableWrite))
        {
            for (var i = 0; i < arguments.Length; i++)
            {
                Fire(table, new HookEvent { Kind = HookEventKind.VariableWrite, Function = callee.Source, CallDepth = _frameCount + 1, Name = callee.Source.Parameters[i], NewValue = arguments[i] });
            }
        }
    }

    private void FireForeignCallEvent(HookTable table, string name, ReadOnlySpan<Value> arguments)
    {
        var caller = _frameCount > 0 ? _frames[_frameCount - 1].Function.Source : null;
        var ip = _frameCount > 0 ? _frames[_frameCount - 1].Ip : 0;
        if (table.Mask.Includes(HookEventKind.StackPop))
        {
            for (var i = arguments.Length - 1; i >= 0; i--)
            {
                Fire(table, new HookEvent { Kind = HookEventKind.StackPop, Function = caller, InstructionIndex = ip, CallDepth = _frameCount, OldValue = arguments[i] });
            }
        }
        if (table.Mask.Includes(HookEventKind.BeforeFunctionCall))
        {
            Fire(table, new HookEvent { Kind = HookEventKind.BeforeFunctionCall, Function = caller, InstructionIndex = ip, CallDepth = _frameCount, Name = name, Arguments = arguments.ToArray() });
        }
    }

    private void FireTableEvent(HookEventKind kind, Value table, Value key, Value old, Value value)
    {
        var hooks = Hooks.Table;
        if (hooks.Mask.Includes(kind) && !_inHook)
        {
            Fire(hooks, EventAtCurrentFrame(kind) with { Table = table, Key = key, OldValue = old, NewValue = value });
        }
    }

    private void FireNamedEvent(HookEventKind kind, string name, Value old, Value value)
    {
        var hooks = Hooks.Table;
        if (hooks.Mask.Includes(kind) && !_inHook)
        {
            Fire(hooks, EventAtCurrentFrame(kind) with { Name = name, OldValue = old, NewValue = value });
        }
    }

    /// <summary>An event of <paramref name="kind"/> located at the innermost frame's current instruction (or nowhere when idle).</summary>
    private HookEvent EventAtCurrentFrame(HookEventKind kind)
    {
        var hasFrame = _frameCount > 0;
        return new HookEvent
        {
            Kind = kind,
            Function = hasFrame ? _frames[_frameCount - 1].Function.Source : null,
            InstructionIndex = hasFrame ? _frames[_frameCount - 1].Ip : 0,
            CallDepth = _frameCount,
        };
    }

    /// <summary>ExecutionError, with the failing frame still on the stack; a hook that throws here replaces nothing: the original error wins.</summary>
    private void FireExecutionError(StoffelError error)
    {
        var hooks = Hooks.Table;
        if (!hooks.Mask.Includes(HookEventKind.ExecutionError) || _inHook)
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
}
