using Stoffel.Vm.Programs;
using Stoffel.Vm.Runtime;
using Stoffel.Vm.Values;

namespace Stoffel.Vm.Hooks;

/// <summary>
/// What a hook callback can read of the VM at the event (DESIGN.md §7), computed lazily: call
/// depth, the current function, instruction and source line, any frame's registers, the
/// compare flag, the argument stack and the object store. Frame index 0 is the innermost frame.
/// Valid only during the callback.
/// </summary>
public sealed class HookContext
{
    internal HookContext(VMState state) => State = state;

    /// <summary>The VM state (frames, objects, hooks).</summary>
    public VMState State { get; }

    /// <summary>Frames alive (1 = only the entry function).</summary>
    public int CallDepth => State.CallDepth;

    /// <summary>The innermost frame's function, or null when no frame is active.</summary>
    public CompiledFunction? CurrentFunction => CallDepth > 0 ? State.GetFrame(0).Function : null;

    /// <summary>The innermost frame's current instruction index, or -1.</summary>
    public int InstructionIndex => CallDepth > 0 ? State.GetFrame(0).InstructionIndex : -1;

    /// <summary>The current 1-based source line, or 0 when unknown.</summary>
    public int SourceLine => CallDepth > 0 ? State.GetFrame(0).SourceLine : 0;

    /// <summary>The innermost frame's compare flag.</summary>
    public CompareFlag CompareFlag => CallDepth > 0 ? State.GetFrame(0).CompareFlag : CompareFlag.Equal;

    /// <summary>The innermost frame's argument stack, bottom first.</summary>
    public IReadOnlyList<Value> ArgumentStack => CallDepth > 0 ? State.GetArgumentStack(0) : [];

    /// <summary>The object store.</summary>
    public ObjectStore Objects => State.Objects;

    /// <summary>Describes a frame.</summary>
    /// <exception cref="ArgumentOutOfRangeException">No such frame.</exception>
    public FrameInfo GetFrame(int frameIndex) => State.GetFrame(frameIndex);

    /// <summary>Reads a register of the innermost frame.</summary>
    /// <exception cref="ArgumentOutOfRangeException">No frame or no such register.</exception>
    public Value GetRegister(int register) => State.GetRegister(0, register);

    /// <summary>Reads a register of any frame.</summary>
    /// <exception cref="ArgumentOutOfRangeException">No such frame or register.</exception>
    public Value GetRegister(int frameIndex, int register) => State.GetRegister(frameIndex, register);

    /// <summary>The Stoffel call stack, innermost first.</summary>
    public IReadOnlyList<StackFrameInfo> GetCallStack() => State.CaptureStackTrace();
}
