using Stoffel.Vm.Runtime;
using Stoffel.Vm.Values;

namespace Stoffel.Vm.Recording;

/// <summary>
/// A snapshot of a run between two instructions, taken by an <see cref="ExecutionRecording"/>:
/// activation records, registers, argument stacks, the tables, closures and upvalues they reach
/// (unchanged ones shared with earlier checkpoints), the instruction count, the store's id
/// counter, the host-call log position and the recording tool's own state. Restore one with
/// <see cref="VirtualMachine.Rewind"/>.
/// </summary>
public sealed class Checkpoint
{
    private readonly ActivationRecord[] _frames;

    internal Checkpoint(long run, long position, ActivationRecord[] frames, Value[] stack, Value[] arguments, FrozenTable[] tables,
        ObjectStore.Counters counters, int hostCallCursor, object? toolState, long copiedBytes)
    {
        Run = run;
        Position = position;
        _frames = frames;
        Stack = stack;
        Arguments = arguments;
        Tables = tables;
        StoreCounters = counters;
        HostCallCursor = hostCallCursor;
        ToolState = toolState;
        Bytes = OwnBytes + copiedBytes;
    }

    /// <summary>Instructions executed before this point (<see cref="VmInspector.InstructionsExecuted"/> when it was taken).</summary>
    public long Position { get; }

    /// <summary>Activation records alive at this point.</summary>
    public int CallDepth => _frames.Length;

    /// <summary>
    /// The activation records, outermost first (index 0 is call depth 1). The innermost frame's
    /// <see cref="FrameInfo.InstructionIndex"/> is the next instruction to run; a caller's is its CALL.
    /// </summary>
    public IReadOnlyList<FrameInfo> Frames => _frames.Select(frame => new FrameInfo(
        frame.Function.Source, frame.Ip, frame.Function.Source.SourceLineAt(frame.Ip), frame.Flag, frame.Closure)).ToArray();

    /// <summary>What <see cref="ExecutionRecording.CaptureToolState"/> returned when this checkpoint was taken (a debugger's breakpoint hit counts), or null.</summary>
    public object? ToolState { get; }

    /// <summary>Approximate bytes this checkpoint added to the recording when it was taken (its frames and registers, and the table contents it copied rather than shared).</summary>
    public long Bytes { get; }

    internal long Run { get; }

    internal ReadOnlySpan<ActivationRecord> ActivationRecords => _frames;

    internal Value[] Stack { get; }

    internal Value[] Arguments { get; }

    internal FrozenTable[] Tables { get; }

    internal ObjectStore.Counters StoreCounters { get; }

    internal int HostCallCursor { get; }

    /// <summary>Bytes held by the checkpoint itself, not counting the table copies it may share.</summary>
    internal long OwnBytes => 128 + (_frames.Length * 64L) + ((Stack.Length + Arguments.Length) * HeapWalker.ElementBytes) + (Tables.Length * 8L);
}
