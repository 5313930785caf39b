using System.Runtime.CompilerServices;

namespace Stoffel.Hooks.Profiling;

/// <summary>
/// Trace mode's shadow call stack: turns call and return events into call-tree nodes,
/// per-function times and instruction counts (raw timestamps), and, optionally, an event log.
/// Instructions executed between two events belong to the innermost open program frame. Call
/// events do not always pair up, so:
/// <list type="bullet">
/// <item>A frame left open below an event's depth never got its return (a VM error unwound it,
/// or a foreign function like <c>call_closure</c> handed its result over to a closure it pushed):
/// it is closed as an orphan; a foreign one at the return of its last callee, if any.</item>
/// <item>A call at the same depth as an open foreign frame that has not yet seen a callee return
/// is that function calling back into the VM, so it nests.</item>
/// </list>
/// </summary>
internal sealed class CallTimeline(CallNode root, EventLog? log)
{
    private const long NoReturn = long.MinValue;

    private OpenFrame[] _open = new OpenFrame[64];
    private int _depth;
    private long _instructionsAt;

    /// <summary>Instructions attributed so far.</summary>
    public long Instructions { get; private set; }

    /// <summary>A call of <paramref name="frame"/> at <paramref name="depth"/> started at <paramref name="now"/>, with the VM's instruction count at <paramref name="instructions"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Call(FrameStats frame, int depth, long now, long instructions)
    {
        Attribute(instructions);
        while (_depth > 0 && Top.Depth >= depth && !(Top.Depth == depth && Top.Frame.Frame.IsForeign && Top.ChildReturnedAt == NoReturn))
        {
            CloseOrphan(now);
        }
        var parent = _depth > 0 ? Top.Node : root;
        var node = parent.Child(frame, root);
        node.Calls++;
        frame.Calls++;
        frame.Active++;
        log?.Open(frame.Id, now, OpenIds());
        if (_depth == _open.Length)
        {
            Array.Resize(ref _open, _depth * 2);
        }
        _open[_depth++] = new OpenFrame { Frame = frame, Node = node, Depth = depth, Start = now, ChildReturnedAt = NoReturn };
    }

    /// <summary><paramref name="frame"/> at <paramref name="depth"/> returned at <paramref name="now"/>; ignored when it is not open.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Return(FrameStats frame, int depth, long now, long instructions)
    {
        Attribute(instructions);
        while (_depth > 0 && (Top.Depth > depth || (Top.Depth == depth && !ReferenceEquals(Top.Frame, frame))))
        {
            CloseOrphan(now);
        }
        if (_depth > 0 && ReferenceEquals(Top.Frame, frame) && Top.Depth == depth)
        {
            CloseTop(now);
        }
    }

    /// <summary>Closes every open frame (a finished or failed run).</summary>
    public void CloseAll(long now, long instructions)
    {
        Attribute(instructions);
        while (_depth > 0)
        {
            CloseOrphan(now);
        }
    }

    private ref OpenFrame Top => ref _open[_depth - 1];

    private IEnumerable<int> OpenIds()
    {
        for (var i = 0; i < _depth; i++)
        {
            yield return _open[i].Frame.Id;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Attribute(long instructions)
    {
        var delta = instructions - _instructionsAt;
        _instructionsAt = instructions;
        if (delta <= 0)
        {
            return;
        }
        // VM instructions never run in a foreign function itself: after a call_closure's closure
        // returned, they are its caller's (the CALL completed), and inside a host function they
        // are its callees', which open their own frames.
        var at = _depth - 1;
        while (at >= 0 && _open[at].Frame.Frame.IsForeign)
        {
            at--;
        }
        if (at >= 0)
        {
            _open[at].Node.Instructions += delta;
            _open[at].Frame.Instructions += delta;
            Instructions += delta;
        }
    }

    // A foreign frame's work ended when the closure it handed over to returned; anything else
    // (a frame a VM error unwound) ran until now.
    private void CloseOrphan(long now) => CloseTop(Top.Frame.Frame.IsForeign && Top.ChildReturnedAt != NoReturn ? Top.ChildReturnedAt : now);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void CloseTop(long at)
    {
        var frame = _open[--_depth];
        var inclusive = at - frame.Start;
        var self = inclusive - frame.ChildTime;
        frame.Node.Inclusive += inclusive;
        frame.Node.Self += self;
        frame.Frame.Exclusive += self;
        // A recursive function's time counts once, for its outermost activation.
        if (--frame.Frame.Active == 0)
        {
            frame.Frame.Inclusive += inclusive;
        }
        if (_depth > 0)
        {
            Top.ChildTime += inclusive;
            Top.ChildReturnedAt = at;
        }
        log?.Close(frame.Frame.Id, at);
    }

    private struct OpenFrame
    {
        public FrameStats Frame;
        public CallNode Node;
        public int Depth;
        public long Start;
        public long ChildTime;
        public long ChildReturnedAt;
    }
}
