using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Stoffel.Vm.Hooks;

namespace Stoffel.Hooks.Profiling;

/// <summary>
/// Trace mode's shadow call stack: turns call and return events into calls, times and
/// instruction counts on call-tree nodes (raw timestamps from <see cref="EventClock"/>; the
/// per-function totals are sums over the tree, <see cref="CallTreeTotals"/>) and, optionally,
/// an event log. Events name the callee and its depth; the function table is
/// consulted only when a call reaches a new call-tree node.
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
internal sealed class CallTimeline(CallNode root, FrameTable frames, EventClock clock, EventLog? log)
{
    private const long NoReturn = long.MinValue;

    // The open frames, outermost first. _open[0] is the root, a sentinel at depth 0 below every
    // call (events have depth 1 or more), so there is always a top.
    private OpenFrame[] _open = [new OpenFrame { Node = root, ChildReturnedAt = NoReturn }, .. new OpenFrame[63]];
    private int _count = 1;
    private long _instructionsAt;

    /// <summary>The BeforeFunctionCall hook: a call starts.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // runs millions of times from the start: no tier-0 phase
    public void OnCall(in HookEvent e, HookContext context) => Call(e.Name!, CalleeDepth.Of(e), context.InstructionsExecuted);

    /// <summary>The AfterFunctionCall hook: a call returned.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void OnReturn(in HookEvent e, HookContext context) => Return(e.Name!, CalleeDepth.Of(e), context.InstructionsExecuted);

    /// <summary>A call of the function called <paramref name="name"/> at <paramref name="depth"/> started, with the VM's instruction count at <paramref name="instructions"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Call(string name, int depth, long instructions)
    {
        ref var top = ref Top;
        Attribute(top.Node, instructions);
        if (top.Depth >= depth && !CallsBack(in top, depth))
        {
            CloseOrphans(depth, null, instructions);
            top = ref Top;
        }
        var node = top.Node.Child(name, frames);
        var now = clock.Now(instructions, read: node.IsForeign);
        node.Calls++;
        if (log is not null)
        {
            log.Open(node.Frame!.Id, now, OpenIds());
        }
        if (_count == _open.Length)
        {
            Array.Resize(ref _open, _count * 2);
        }
        ref var opened = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_open), _count++); // _count < _open.Length
        if (!ReferenceEquals(opened.Node, node))
        {
            opened.Node = node; // a reference store costs a write barrier; a slot mostly gets the node it had
        }
        opened.Depth = depth;
        opened.Start = now;
        opened.ChildTime = 0;
        opened.ChildReturnedAt = NoReturn;
    }

    /// <summary>The function called <paramref name="name"/> at <paramref name="depth"/> returned; ignored when it is not open.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Return(string name, int depth, long instructions)
    {
        ref var top = ref Top;
        var node = top.Node;
        Attribute(node, instructions);
        if (top.Depth == depth && node.IsNamed(name))
        {
            CloseTop(clock.Now(instructions, read: node.IsForeign));
            return;
        }
        var now = CloseOrphans(depth, name, instructions);
        if (Top.Depth == depth)
        {
            CloseTop(now);
        }
    }

    /// <summary>Closes every open frame (a finished or failed run) at <paramref name="now"/>.</summary>
    public void CloseAll(long now, long instructions)
    {
        Attribute(Top.Node, instructions);
        while (_count > 1)
        {
            CloseOrphan(now);
        }
    }

    private ref OpenFrame Top
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_open), _count - 1); // 1 <= _count <= _open.Length
    }

    /// <summary>A call at the depth of an open foreign frame (<paramref name="top"/>) that has not yet seen a callee return is that function calling back into the VM: it nests.</summary>
    private static bool CallsBack(in OpenFrame top, int depth) => top.Depth == depth && top.Node.IsForeign && top.ChildReturnedAt == NoReturn;

    /// <summary>
    /// Closes the frames an event at <paramref name="depth"/> shows were left open: deeper ones,
    /// and for a call (<paramref name="returning"/> null) the one at its depth unless it calls
    /// back, for a return one at its depth that is another function. Rare, so the clock is read.
    /// </summary>
    /// <returns>The time they closed at.</returns>
    [MethodImpl(MethodImplOptions.NoInlining)] // keeps the common paths of Call and Return short
    private long CloseOrphans(int depth, string? returning, long instructions)
    {
        var now = clock.Now(instructions, read: true);
        while (returning is null
            ? Top.Depth >= depth && !CallsBack(in Top, depth)
            : Top.Depth > depth || (Top.Depth == depth && !Top.Node.IsNamed(returning)))
        {
            CloseOrphan(now);
        }
        return now;
    }

    private IEnumerable<int> OpenIds()
    {
        for (var i = 1; i < _count; i++)
        {
            yield return _open[i].Node.Frame!.Id;
        }
    }

    /// <summary>
    /// Gives the instructions executed since the last event to the innermost open program frame
    /// (the root when there is none, which no profile reports): VM instructions never run in a
    /// foreign function itself. After a call_closure's closure returned they are its caller's
    /// (the CALL completed), and inside a host function they are its callees', which open their
    /// own frames.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Attribute(CallNode top, long instructions)
    {
        var delta = instructions - _instructionsAt;
        _instructionsAt = instructions;
        if (delta <= 0)
        {
            return;
        }
        (top.IsForeign ? InnermostProgramNode() : top).Instructions += delta;
    }

    private CallNode InnermostProgramNode()
    {
        var at = _count - 1;
        while (_open[at].Node.IsForeign)
        {
            at--;
        }
        return _open[at].Node;
    }

    // A foreign frame's work ended when the closure it handed over to returned; anything else
    // (a frame a VM error unwound) ran until now.
    private void CloseOrphan(long now) => CloseTop(Top.Node.IsForeign && Top.ChildReturnedAt != NoReturn ? Top.ChildReturnedAt : now);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void CloseTop(long at)
    {
        var count = --_count;
        ref var open = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_open), count); // 1 <= count < _open.Length
        ref var parent = ref Unsafe.Add(ref open, -1);
        var node = open.Node;
        var inclusive = at - open.Start;
        node.Inclusive += inclusive;
        node.Self += inclusive - open.ChildTime;
        parent.ChildTime += inclusive;
        parent.ChildReturnedAt = at;
        if (log is not null)
        {
            log.Close(node.Frame!.Id, at);
        }
    }

    private struct OpenFrame
    {
        public CallNode Node;
        public int Depth;
        public long Start;
        public long ChildTime;
        public long ChildReturnedAt;
    }
}
