using Stoffel.Vm.Recording;

namespace Stoffel.Debugger.Engine;

/// <summary>
/// Decides how a reverse command walks the recorded history (docs/debugger.md, "Reverse
/// execution"): which stretch between checkpoints to scan next and, once a scan has found the
/// target, from which checkpoint to seek to it. Step back and restart frame scan from the
/// checkpoint before the stop and, while the target began before the scanned stretch, from
/// checkpoints twice as far back. Reverse continue scans, latest first, only the stretches where
/// some breakpoint's hit count moved in a way its hit condition could stop on.
/// </summary>
internal sealed class ReversePlanner
{
    private readonly ReverseRequest _request;
    private readonly IReadOnlyList<Checkpoint> _checkpoints;
    private readonly long[] _positions;
    private readonly Queue<int> _candidates = new();
    private int _windowStart;

    /// <param name="request">The command and the stop it starts from.</param>
    /// <param name="checkpoints">The run's checkpoints, oldest first (at least one).</param>
    /// <param name="mayStop">For reverse continue: whether a breakpoint could have stopped between checkpoint <c>i</c> and the next one (or the stop, for the last).</param>
    public ReversePlanner(ReverseRequest request, IReadOnlyList<Checkpoint> checkpoints, Func<int, bool> mayStop)
    {
        _request = request;
        _checkpoints = checkpoints;
        _positions = checkpoints.Select(checkpoint => checkpoint.Position).ToArray();
        _windowStart = LatestBefore(request.From);
        if (request.Kind == ReverseKind.Continue)
        {
            for (var i = _windowStart; i >= 0; i--)
            {
                if (mayStop(i))
                {
                    _candidates.Enqueue(i);
                }
            }
            CandidateCount = _candidates.Count;
        }
    }

    /// <summary>For reverse continue: the stretches that may hold a stop, to scan at most.</summary>
    public int CandidateCount { get; }

    /// <summary>Reverse continue stretches scanned so far.</summary>
    public int Scanned { get; private set; }

    /// <summary>The first phase.</summary>
    public ReversePhase First() => _request.Kind == ReverseKind.Continue ? NextCandidate() : ScanWindow();

    /// <summary>The phase after a scan that produced <paramref name="scan"/>; <paramref name="cancelled"/> returns to the stop instead.</summary>
    public ReversePhase Next(Timeline scan, bool cancelled)
    {
        if (cancelled)
        {
            return _request.From == long.MaxValue
                ? SeekTo(_checkpoints[^1].Position, StopReason.Pause)
                : SeekTo(_request.From, StopReason.Pause);
        }
        switch (_request.Kind)
        {
            case ReverseKind.Continue:
                Scanned++;
                return scan.LastHit is { } hit
                    ? new SeekPhase(_checkpoints[LatestAtOrBefore(hit)], hit, scan.LastHitInside ? StopReason.DataBreakpoint : StopReason.Breakpoint, scan.LastHitIds, scan.LastHitInside)
                    : NextCandidate();
            default:
                var target = _request.Kind == ReverseKind.RestartFrame ? scan.ActivationStart(_request.Depth)
                    : _request.Granularity == StepGranularity.Instruction ? scan.PreviousInstruction
                    : scan.PreviousLineStart(_request.Depth);
                if (target is { } position)
                {
                    return SeekTo(position, _request.Kind == ReverseKind.RestartFrame ? StopReason.Restart : StopReason.Step);
                }
                if (_windowStart == 0)
                {
                    return SeekTo(_checkpoints[0].Position, StopReason.Step); // the recording starts here: nothing earlier to go back to
                }
                var span = LatestBefore(_request.From) - _windowStart + 1;
                _windowStart = Math.Max(0, _windowStart - span);
                return ScanWindow();
        }
    }

    private ReversePhase ScanWindow() => new ScanPhase(_checkpoints[_windowStart], _request.From, IsRunStart(_windowStart));

    private ReversePhase NextCandidate()
    {
        if (!_candidates.TryDequeue(out var index))
        {
            return SeekTo(_checkpoints[0].Position, StopReason.Entry);
        }
        var until = index == LatestBefore(_request.From) ? _request.From : _checkpoints[index + 1].Position;
        return new ScanPhase(_checkpoints[index], until, IsRunStart(index));
    }

    private SeekPhase SeekTo(long position, StopReason reason) =>
        new(_checkpoints[LatestAtOrBefore(position)], position, reason, [], false);

    // A run's first checkpoint, taken before its entry function's first instruction: nothing ran before it.
    private bool IsRunStart(int index) =>
        index == 0 && _checkpoints[0].CallDepth == 1 && _checkpoints[0].Frames[0].InstructionIndex == 0;

    // The latest checkpoint strictly before position (the first when none is): the scan must see an instruction before the stop.
    private int LatestBefore(long position)
    {
        var index = LatestAtOrBefore(position);
        return index > 0 && _checkpoints[index].Position >= position ? index - 1 : index;
    }

    private int LatestAtOrBefore(long position)
    {
        var index = Array.BinarySearch(_positions, position);
        return Math.Max(0, index >= 0 ? index : ~index - 1);
    }
}

/// <summary>What a reverse command asks for.</summary>
internal enum ReverseKind
{
    /// <summary>Step back (by line or instruction).</summary>
    StepBack,
    /// <summary>Reverse continue to the latest earlier breakpoint stop.</summary>
    Continue,
    /// <summary>Go back to the start of an alive activation (DAP restartFrame).</summary>
    RestartFrame,
}

/// <summary>
/// A reverse command from the stop at <paramref name="From"/> (instructions executed;
/// <see cref="long.MaxValue"/> for the end of a failed run) at call depth <paramref name="Depth"/>
/// (for restart frame: the depth of the frame to restart); <paramref name="Inside"/> is the
/// instruction a stop inside an instruction (a data breakpoint) interrupted.
/// </summary>
internal sealed record ReverseRequest(ReverseKind Kind, StepGranularity Granularity, long From, int Depth, StopLocation? Inside);

/// <summary>One replay from a checkpoint.</summary>
internal abstract record ReversePhase(Checkpoint From);

/// <summary>Replays from <paramref name="From"/> up to position <paramref name="Until"/>, building a <see cref="Timeline"/>; <paramref name="RunStart"/> when nothing ran before the checkpoint.</summary>
internal sealed record ScanPhase(Checkpoint From, long Until, bool RunStart) : ReversePhase(From);

/// <summary>Replays from <paramref name="From"/> to position <paramref name="Target"/> and stops there for <paramref name="Reason"/> (inside that instruction's write when <paramref name="Inside"/>).</summary>
internal sealed record SeekPhase(Checkpoint From, long Target, StopReason Reason, IReadOnlyList<int> HitIds, bool Inside) : ReversePhase(From);
