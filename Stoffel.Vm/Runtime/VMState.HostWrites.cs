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
        PublishTracedRecord(); // a write from inside the tracing loop's tracer: the record's Ip says which registers it has written
        ref var slot = ref Calls.RegisterSlot(frameIndex, register);
        ref var frame = ref Calls.FrameAt(frameIndex);
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
            CallDepth = Calls.FrameCount,
            FrameIndex = frameIndex,
            Register = register,
            OldValue = old,
            NewValue = value,
        };
        var pausedHookThread = Delivery.EnterHostWrite();
        try
        {
            Delivery.Fire(hooks, in hookEvent); // fires nothing while a hook runs on this thread
        }
        finally
        {
            Delivery.LeaveHostWrite(pausedHookThread);
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
        var pausedHookThread = Delivery.EnterHostWrite();
        try
        {
            Tables.WriteTable(table, key, value);
        }
        finally
        {
            Delivery.LeaveHostWrite(pausedHookThread);
        }
    }
}
