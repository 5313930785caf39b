using Stoffel.Vm.Hooks;
using Stoffel.Vm.Values;

namespace Stoffel.Vm.Runtime;

// Writes from outside the running program — a host, or a debugger's setVariable while the VM is
// paused — reached through VirtualMachine.SetRegister and WriteTable. Each fires the event the
// program's own write fires, so watchpoints, data breakpoints, profilers and recorders see it.
// Hooks do not re-enter: a write a hook callback makes on the VM thread fires nothing, like every
// event raised while a hook runs. A write from another thread while the VM thread waits inside a
// hook (a debugger stopped at a breakpoint) is no re-entry: its event fires, on the writing thread.
internal sealed partial class VMState
{
    /// <summary>
    /// Overwrites a register and fires <see cref="HookEventKind.RegisterWrite"/> located at the
    /// frame's current instruction, with <see cref="HookEvent.FrameIndex"/> = <paramref name="frameIndex"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">No such frame or register.</exception>
    /// <exception cref="StoffelError">A hook failed (<see cref="VmErrorKind.HookError"/>).</exception>
    internal void SetRegister(int frameIndex, int register, Value value)
    {
        ref var frame = ref FrameAt(frameIndex);
        CheckRegister(frame, register);
        ref var slot = ref _stack[frame.Base + register];
        var old = slot;
        slot = value;
        var hooks = Hooks.Table;
        if (!hooks.Mask.Includes(HookEventKind.RegisterWrite))
        {
            return;
        }
        var hookEvent = new HookEvent
        {
            Kind = HookEventKind.RegisterWrite,
            Function = frame.Function.Source,
            InstructionIndex = frame.Ip,
            CallDepth = _frameCount,
            FrameIndex = frameIndex,
            Register = register,
            OldValue = old,
            NewValue = value,
        };
        var pausedHookThread = EnterHostWrite();
        try
        {
            Fire(hooks, in hookEvent); // fires nothing while a hook runs on this thread
        }
        finally
        {
            LeaveHostWrite(pausedHookThread);
        }
    }

    /// <summary>
    /// <see cref="TableAccess.WriteTable"/> for a host: the same growth, limits and
    /// <see cref="HookEventKind.ObjectFieldWrite"/> / <see cref="HookEventKind.ArrayElementWrite"/>
    /// event, which also fires while the VM is paused inside a hook.
    /// </summary>
    /// <exception cref="StoffelError">Not a table, a limit, or a hook failed.</exception>
    internal void WriteTableFromHost(Value table, Value key, Value value)
    {
        var pausedHookThread = EnterHostWrite();
        try
        {
            Tables.WriteTable(table, key, value);
        }
        finally
        {
            LeaveHostWrite(pausedHookThread);
        }
    }

    /// <summary>
    /// When the VM thread is paused inside a hook and this is another thread, lifts the guard
    /// against hooks re-entering for the write about to happen and returns the paused hook's
    /// thread (for <see cref="LeaveHostWrite"/>); otherwise returns 0 and changes nothing.
    /// </summary>
    private int EnterHostWrite()
    {
        if (!_inHook || _hookThread == Environment.CurrentManagedThreadId)
        {
            return 0;
        }
        var paused = _hookThread;
        _inHook = false;
        return paused;
    }

    private void LeaveHostWrite(int pausedHookThread)
    {
        if (pausedHookThread != 0)
        {
            _inHook = true;
            _hookThread = pausedHookThread;
        }
    }
}
