using Stoffel.Vm.Values;

namespace Stoffel.Vm.Runtime;

// Read (and debugger write) access to activation records. Frame index 0 is the innermost frame.
// Callers hold SyncRoot, or run inside a hook on the VM thread.
public sealed partial class VMState
{
    /// <summary>Activation records alive now (0 when idle).</summary>
    public int CallDepth => _frameCount;

    /// <summary>Describes frame <paramref name="frameIndex"/> (0 = innermost).</summary>
    /// <exception cref="ArgumentOutOfRangeException">No such frame.</exception>
    public FrameInfo GetFrame(int frameIndex)
    {
        ref var frame = ref FrameAt(frameIndex);
        return new FrameInfo(frame.Function.Source, frame.Ip, frame.Function.Source.SourceLineAt(frame.Ip), frame.Flag, frame.Closure);
    }

    /// <summary>Reads a register of frame <paramref name="frameIndex"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">No such frame or register.</exception>
    public Value GetRegister(int frameIndex, int register)
    {
        ref var frame = ref FrameAt(frameIndex);
        CheckRegister(frame, register);
        return _stack[frame.Base + register];
    }

    /// <summary>Overwrites a register (a debugger's setVariable). Fires no hook event.</summary>
    /// <exception cref="ArgumentOutOfRangeException">No such frame or register.</exception>
    public void SetRegister(int frameIndex, int register, Value value)
    {
        ref var frame = ref FrameAt(frameIndex);
        CheckRegister(frame, register);
        _stack[frame.Base + register] = value;
    }

    /// <summary>Reads spill slot <paramref name="slot"/> of a frame (Unit if never written).</summary>
    /// <exception cref="ArgumentOutOfRangeException">No such frame or slot.</exception>
    public Value GetSpillSlot(int frameIndex, int slot)
    {
        ref var frame = ref FrameAt(frameIndex);
        ArgumentOutOfRangeException.ThrowIfNegative(slot);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(slot, frame.Function.Source.SpillSlotCount);
        return _stack[frame.Base + frame.Function.RegisterCount + slot];
    }

    /// <summary>The frame's argument stack, bottom first (only the innermost frame's can be non-empty).</summary>
    /// <exception cref="ArgumentOutOfRangeException">No such frame.</exception>
    public IReadOnlyList<Value> GetArgumentStack(int frameIndex)
    {
        ref var frame = ref FrameAt(frameIndex);
        var end = frameIndex == 0 ? _argTop : _frames[_frameCount - frameIndex].ReturnArgTop;
        return _args.AsSpan(frame.ArgBase, Math.Max(0, end - frame.ArgBase)).ToArray();
    }

    /// <summary>The frame's named locals: its parameters with the values they were called with (SEMANTICS.md §3.6).</summary>
    /// <exception cref="ArgumentOutOfRangeException">No such frame.</exception>
    public IReadOnlyList<KeyValuePair<string, Value>> GetLocals(int frameIndex)
    {
        ref var frame = ref FrameAt(frameIndex);
        var function = frame.Function;
        var locals = new KeyValuePair<string, Value>[function.ParameterCount];
        for (var i = 0; i < locals.Length; i++)
        {
            locals[i] = new(function.Source.Parameters[i], _args[frame.ParamBase + i]);
        }
        return locals;
    }

    /// <summary>The frame's upvalues (captured by name at call, or its closure's cells).</summary>
    /// <exception cref="ArgumentOutOfRangeException">No such frame.</exception>
    public IReadOnlyList<Upvalue> GetUpvalues(int frameIndex)
    {
        ref var frame = ref FrameAt(frameIndex);
        if (frame.Upvalues is not { } cells)
        {
            return [];
        }
        var names = frame.UpvalueNames!;
        return names.Select((n, i) => new Upvalue(n, cells[i])).ToArray();
    }

    /// <summary>The Stoffel call stack, innermost first.</summary>
    public IReadOnlyList<StackFrameInfo> CaptureStackTrace()
    {
        var trace = new StackFrameInfo[_frameCount];
        for (var i = 0; i < trace.Length; i++)
        {
            ref var frame = ref _frames[_frameCount - 1 - i];
            var source = frame.Function.Source;
            trace[i] = new StackFrameInfo(source.Name, frame.Ip, source.SourceLineAt(frame.Ip), frame.Function.Program.Program.SourcePath);
        }
        return trace;
    }

    private ref ActivationRecord FrameAt(int frameIndex)
    {
        if ((uint)frameIndex >= (uint)_frameCount)
        {
            throw new ArgumentOutOfRangeException(nameof(frameIndex), frameIndex, $"there are {_frameCount} frames");
        }
        return ref _frames[_frameCount - 1 - frameIndex];
    }

    private static void CheckRegister(in ActivationRecord frame, int register)
    {
        if ((uint)register >= (uint)frame.Function.RegisterCount)
        {
            throw new ArgumentOutOfRangeException(nameof(register), register, $"{frame.Function.Name} has {frame.Function.RegisterCount} registers");
        }
    }
}
