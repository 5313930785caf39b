namespace Stoffel.Hooks.Profiling;

/// <summary>
/// The profiler's shadow call stack: turns call and return events into balanced open/close
/// events and per-function times, in raw timestamps. Call events do not always pair up, so:
/// <list type="bullet">
/// <item>A frame left open below an event's depth never got its return (a VM error unwound it,
/// or a foreign function like <c>call_closure</c> handed its result over to a closure it pushed):
/// it is closed as an orphan; a foreign one at the return of its last callee, if any.</item>
/// <item>A call at the same depth as an open foreign frame that has not yet seen a callee return
/// is that function calling back into the VM, so it nests.</item>
/// </list>
/// </summary>
internal sealed class CallTimeline
{
    private readonly List<OpenFrame> _open = [];
    private readonly List<FrameTotals> _totals = [];

    /// <summary>Open and close events (timestamps raw).</summary>
    public List<ProfileEvent> Events { get; } = [];

    /// <summary>Totals of <paramref name="frame"/> (times raw); zeros for a frame never called.</summary>
    public FrameTotals TotalsOf(int frame) => frame < _totals.Count ? _totals[frame] : new FrameTotals();

    /// <summary>A call of <paramref name="frame"/> at <paramref name="depth"/> started at <paramref name="now"/>.</summary>
    public void Call(int frame, bool foreign, int depth, long now)
    {
        while (_open.Count > 0 && Top.Depth >= depth && !(Top.Depth == depth && Top.Foreign && Top.ChildReturnedAt is null))
        {
            CloseOrphan(now);
        }
        while (_totals.Count <= frame)
        {
            _totals.Add(new FrameTotals());
        }
        var totals = _totals[frame];
        totals.Calls++;
        totals.Active++;
        _open.Add(new OpenFrame(frame, depth, foreign, now));
        Events.Add(new ProfileEvent(ProfileEventType.Open, frame, now));
    }

    /// <summary><paramref name="frame"/> at <paramref name="depth"/> returned at <paramref name="now"/>; ignored when it is not open.</summary>
    public void Return(int frame, int depth, long now)
    {
        while (_open.Count > 0 && (Top.Depth > depth || (Top.Depth == depth && Top.Frame != frame)))
        {
            CloseOrphan(now);
        }
        if (_open.Count > 0 && Top.Frame == frame && Top.Depth == depth)
        {
            CloseTop(now);
        }
    }

    /// <summary>Closes every open frame (a finished or failed run).</summary>
    public void CloseAll(long now)
    {
        while (_open.Count > 0)
        {
            CloseOrphan(now);
        }
    }

    private OpenFrame Top => _open[^1];

    // A foreign frame's work ended when the closure it handed over to returned; anything else
    // (a frame a VM error unwound) ran until now.
    private void CloseOrphan(long now) => CloseTop(Top.Foreign ? Top.ChildReturnedAt ?? now : now);

    private void CloseTop(long at)
    {
        var frame = Top;
        _open.RemoveAt(_open.Count - 1);
        var inclusive = at - frame.Start;
        var totals = _totals[frame.Frame];
        totals.Exclusive += inclusive - frame.ChildTime;
        // A recursive function's time counts once, for its outermost activation.
        if (--totals.Active == 0)
        {
            totals.Inclusive += inclusive;
        }
        if (_open.Count > 0)
        {
            Top.ChildTime += inclusive;
            Top.ChildReturnedAt = at;
        }
        Events.Add(new ProfileEvent(ProfileEventType.Close, frame.Frame, at));
    }

    private sealed class OpenFrame(int frame, int depth, bool foreign, long start)
    {
        public int Frame { get; } = frame;
        public int Depth { get; } = depth;
        public bool Foreign { get; } = foreign;
        public long Start { get; } = start;
        public long ChildTime { get; set; }
        public long? ChildReturnedAt { get; set; }
    }
}

/// <summary>Running totals of one frame, in raw timestamp units.</summary>
internal sealed class FrameTotals
{
    public long Calls { get; set; }
    public long Active { get; set; }
    public long Inclusive { get; set; }
    public long Exclusive { get; set; }
}
