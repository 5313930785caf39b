using Stoffel.Vm.Values;

namespace Stoffel.Vm.Runtime;

// Read access to activation records, for VmInspector (hooks, debuggers, hosts). Frame index 0 is
// the innermost frame. Callers hold SyncRoot, or run inside a hook on the VM thread.
internal sealed partial class VMState
{
    /// <inheritdoc cref="VmInspector.CallDepth"/>
    public int CallDepth => _frameCount;

    /// <inheritdoc cref="VmInspector.GetFrame"/>
    public FrameInfo GetFrame(int frameIndex)
    {
        ref var frame = ref FrameAt(frameIndex);
        return new FrameInfo(frame.Function.Source, frame.Ip, frame.Function.Source.SourceLineAt(frame.Ip), frame.Flag, frame.Closure);
    }

    /// <inheritdoc cref="VmInspector.GetRegister"/>
    public Value GetRegister(int frameIndex, int register)
    {
        ref var frame = ref FrameAt(frameIndex);
        CheckRegister(frame, register);
        return _stack[frame.Base + register];
    }

    /// <inheritdoc cref="VmInspector.GetSpillSlot"/>
    public Value GetSpillSlot(int frameIndex, int slot)
    {
        ref var frame = ref FrameAt(frameIndex);
        ArgumentOutOfRangeException.ThrowIfNegative(slot);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(slot, frame.Function.Source.SpillSlotCount);
        return _stack[frame.Base + frame.Function.RegisterCount + slot];
    }

    /// <inheritdoc cref="VmInspector.GetArgumentStack"/>
    public IReadOnlyList<Value> GetArgumentStack(int frameIndex)
    {
        ref var frame = ref FrameAt(frameIndex);
        var end = frameIndex == 0 ? _argTop : _frames[_frameCount - frameIndex].ReturnArgTop;
        return _args.AsSpan(frame.ArgBase, Math.Max(0, end - frame.ArgBase)).ToArray();
    }

    /// <inheritdoc cref="VmInspector.GetLocals"/>
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

    /// <inheritdoc cref="VmInspector.GetUpvalues"/>
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

    /// <inheritdoc cref="VmInspector.GetCallStack"/>
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
