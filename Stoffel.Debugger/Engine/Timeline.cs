namespace Stoffel.Debugger.Engine;

/// <summary>
/// What a scan replay learns about the run before the current stop, one instruction at a time:
/// where the lines of the still-alive frames started, the last instruction a stop could land on,
/// and the last breakpoint hit. Positions count instructions executed before the instruction
/// (<c>HookContext.InstructionsExecuted</c> in a before-instruction hook), so 0 is the entry's first
/// instruction.
/// </summary>
/// <remarks>
/// A position starts a line when it is the first instruction of its frame, or its line differs
/// from the previous instruction executed in the same frame, or it jumps backward in that frame
/// (the same rules a forward line step stops by). Deeper frames that have returned do not
/// count: stepping back by line from a frame goes to the latest line start of that frame, or of
/// its caller when the frame has none before the current position — so it undoes step over and
/// step in exactly, and steps back over calls as a whole.
/// </remarks>
internal sealed class Timeline
{
    // One track per alive frame (index = call depth - 1), for the frame's current activation.
    private readonly List<FrameTrack> _frames = [];

    /// <summary>The latest position observed (0 when none).</summary>
    public long PreviousInstruction { get; private set; }

    /// <summary>The latest position at which a breakpoint would have stopped, or null.</summary>
    public long? LastHit { get; private set; }

    /// <summary>The ids of the breakpoints hit at <see cref="LastHit"/>.</summary>
    public IReadOnlyList<int> LastHitIds { get; private set; } = [];

    /// <summary>Records an executed instruction that a stop could land on.</summary>
    public void Observe(long position, int depth, int line, int index)
    {
        Truncate(depth);
        while (_frames.Count < depth)
        {
            _frames.Add(new FrameTrack());
        }
        var frame = _frames[depth - 1];
        if (frame.LastIndex < 0 || (line != 0 && line != frame.LastLine) || index <= frame.LastIndex)
        {
            frame.LineStart = position;
        }
        frame.LastIndex = index;
        if (line != 0)
        {
            frame.LastLine = line;
        }
        PreviousInstruction = position;
    }

    /// <summary>Records a breakpoint hit at <paramref name="position"/>.</summary>
    public void RecordHit(long position, IReadOnlyList<int> ids)
    {
        LastHit = position;
        LastHitIds = ids;
    }

    /// <summary>The latest line start of the frame at <paramref name="depth"/> or a caller (0 when none).</summary>
    public long PreviousLineStart(int depth)
    {
        Truncate(Math.Max(depth, 0));
        return _frames.Select(f => f.LineStart).DefaultIfEmpty(0).Max();
    }

    /// <summary>Frames deeper than <paramref name="depth"/> have returned: forget them.</summary>
    private void Truncate(int depth)
    {
        if (_frames.Count > depth)
        {
            _frames.RemoveRange(depth, _frames.Count - depth);
        }
    }

    private sealed class FrameTrack
    {
        public long LineStart { get; set; }
        public int LastLine { get; set; }
        public int LastIndex { get; set; } = -1;
    }
}
