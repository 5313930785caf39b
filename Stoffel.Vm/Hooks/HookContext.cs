using Stoffel.Vm.Programs;
using Stoffel.Vm.Runtime;
using Stoffel.Vm.Values;

namespace Stoffel.Vm.Hooks;

/// <summary>
/// What a hook callback can read of the VM at the event (docs/hooks.md "Writing a hook"), computed
/// lazily: call depth, the current function, instruction and source line, the instruction count,
/// any frame's registers, the compare flag and the argument stack; everything else through the
/// read-only <see cref="Inspector"/>. Frame index 0 is the innermost frame. Valid only during the
/// callback. A hook cannot change the VM through it: hooks observe.
/// </summary>
public sealed class HookContext
{
    internal HookContext(VmInspector inspector) => Inspector = inspector;

    /// <summary>The read-only view of the VM: frames, locals, upvalues, spill slots, loaded programs, foreign objects.</summary>
    public VmInspector Inspector { get; }

    /// <summary>Frames alive (1 = only the entry function).</summary>
    public int CallDepth => Inspector.CallDepth;

    /// <summary>Instructions executed over the VM's life; exact here, in call and return hooks too (<see cref="VmInspector.InstructionsExecuted"/>).</summary>
    public long InstructionsExecuted => Inspector.InstructionsExecuted;

    /// <summary>The innermost frame's function, or null when no frame is active.</summary>
    public CompiledFunction? CurrentFunction => CallDepth > 0 ? Inspector.GetFrame(0).Function : null;

    /// <summary>The innermost frame's current instruction index, or -1.</summary>
    public int InstructionIndex => CallDepth > 0 ? Inspector.GetFrame(0).InstructionIndex : -1;

    /// <summary>The current 1-based source line, or 0 when unknown.</summary>
    public int SourceLine => CallDepth > 0 ? Inspector.GetFrame(0).SourceLine : 0;

    /// <summary>The innermost frame's compare flag.</summary>
    public CompareFlag CompareFlag => CallDepth > 0 ? Inspector.GetFrame(0).CompareFlag : CompareFlag.Equal;

    /// <summary>The innermost frame's argument stack, bottom first (a copy).</summary>
    public IReadOnlyList<Value> ArgumentStack => CallDepth > 0 ? Inspector.GetArgumentStack(0) : [];

    /// <summary>Describes a frame.</summary>
    /// <exception cref="ArgumentOutOfRangeException">No such frame.</exception>
    public FrameInfo GetFrame(int frameIndex) => Inspector.GetFrame(frameIndex);

    /// <summary>Reads a register of the innermost frame.</summary>
    /// <exception cref="ArgumentOutOfRangeException">No frame or no such register.</exception>
    public Value GetRegister(int register) => Inspector.GetRegister(0, register);

    /// <summary>Reads a register of any frame.</summary>
    /// <exception cref="ArgumentOutOfRangeException">No such frame or register.</exception>
    public Value GetRegister(int frameIndex, int register) => Inspector.GetRegister(frameIndex, register);

    /// <summary>The Stoffel call stack, innermost first.</summary>
    public IReadOnlyList<StackFrameInfo> GetCallStack() => Inspector.GetCallStack();
}
