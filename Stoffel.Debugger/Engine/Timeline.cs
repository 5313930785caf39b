using Stoffel.Vm.Runtime;

namespace Stoffel.Debugger.Engine;

/// <summary>
/// What a scan replay learns about a stretch of the run before the current stop, one instruction
/// at a time: where the lines of the still-alive frames started, where each alive activation
/// began, the last instruction a stop could land on, and the last breakpoint hit. Positions count
/// instructions executed before the instruction (<c>HookContext.InstructionsExecuted</c> in a
/// before-instruction hook).
/// </summary>
/// <remarks>
/// <para>A position starts a line when it is the first instruction of its frame, or its line
/// differs from the previous instruction executed in the same frame, or it jumps backward in that
/// frame (the same rules a forward line step stops by). Deeper frames that have returned do not
/// count: stepping back by line from a frame goes to the latest line start of that frame, or of
/// its caller when the frame has none before the current position — so it undoes step over and
/// step in exactly, and steps back over calls as a whole.</para>
/// <para>A scan that starts at a checkpoint in the middle of the run is seeded with the frames
/// alive there; what began before the checkpoint (a frame's current line, its activation) is
/// unknown (null) until the scan sees it, and the caller then scans from an earlier checkpoint.</para>
/// </remarks>
internal sealed class Timeline
{
    private const long Unknown = -1;
    private const int NoneYet = -1;
    private const int Ambiguous = -2; // the seeded innermost frame: its previous instruction is not known

    // One track per alive frame (index = call depth - 1), for the frame's current activation.
    private readonly List<FrameTrack> _frames = [];

    /// <summary>A timeline from the start of a run (nothing before it), or seeded with the frames alive at a checkpoint (outermost first).</summary>
    public Timeline(IReadOnlyList<FrameInfo>? seed = null, Func<FrameInfo, int>? lineOf = null)
    {
        if (seed is null)
        {
            return;
        }
        for (var i = 0; i < seed.Count; i++)
        {
            var innermost = i == seed.Count - 1;
            _frames.Add(new FrameTrack
            {
                LineStart = Unknown,
                ActivationStart = Unknown,
                LastIndex = innermost ? Ambiguous : seed[i].InstructionIndex,
                LastLine = innermost ? 0 : lineOf!(seed[i]),
            });
        }
    }

    /// <summary>The latest position observed, or null when none was.</summary>
    public long? PreviousInstruction { get; private set; }

    /// <summary>The latest position at which a breakpoint would have stopped, or null.</summary>
    public long? LastHit { get; private set; }

    /// <summary>Whether <see cref="LastHit"/> is a data breakpoint, which stops inside the instruction at that position.</summary>
    public bool LastHitInside { get; private set; }

    /// <summary>The ids of the breakpoints hit at <see cref="LastHit"/>.</summary>
    public IReadOnlyList<int> LastHitIds { get; private set; } = [];

    /// <summary>Records an executed instruction that a stop could land on.</summary>
    public void Observe(long position, int depth, int line, int index)
    {
        Truncate(depth);
        while (_frames.Count < depth)
        {
            _frames.Add(new FrameTrack { ActivationStart = position });
        }
        var frame = _frames[depth - 1];
        if (frame.LastIndex == Ambiguous)
        {
            frame.LineStart = Unknown; // whether this starts a line depends on what ran before the checkpoint
        }
        else if (frame.LastIndex == NoneYet || (line != 0 && line != frame.LastLine) || index <= frame.LastIndex)
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

    /// <summary>Records a breakpoint hit at <paramref name="position"/>; <paramref name="inside"/> for a data breakpoint (inside that instruction).</summary>
    public void RecordHit(long position, IReadOnlyList<int> ids, bool inside)
    {
        LastHit = position;
        LastHitIds = ids;
        LastHitInside = inside;
    }

    /// <summary>
    /// The latest line start of the frame at <paramref name="depth"/> or, when it has none, its
    /// caller's: the deepest alive frame's (0 when no frame is alive); null when it began before the scan.
    /// </summary>
    public long? PreviousLineStart(int depth)
    {
        Truncate(Math.Max(depth, 0));
        return _frames.Count == 0 ? 0 : Known(_frames[^1].LineStart);
    }

    /// <summary>Where the activation at <paramref name="depth"/> began (its first instruction); null when it began before the scan or is not alive.</summary>
    public long? ActivationStart(int depth) =>
        depth >= 1 && depth <= _frames.Count ? Known(_frames[depth - 1].ActivationStart) : null;

    private static long? Known(long position) => position == Unknown ? null : position;

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
        public long ActivationStart { get; set; }
        public int LastLine { get; set; }
        public int LastIndex { get; set; } = NoneYet;
    }
}
