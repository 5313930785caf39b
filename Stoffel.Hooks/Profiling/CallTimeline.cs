using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Stoffel.Vm.Hooks;

namespace Stoffel.Hooks.Profiling;

/// <summary>
/// Trace mode's shadow call stack: turns call and return events into calls, instruction counts
/// and time on call-tree nodes and, optionally, an event log. Events name the callee and its
/// depth; the function table is consulted only when a call reaches a new call-tree node.
/// Instructions executed between two events belong to the innermost open program frame; time
/// comes in windows between clock reads (<see cref="TimeWindow"/>), read every
/// <c>ClockReadEvery</c>-th event and whenever a foreign function, or no function, comes on top
/// or leaves it — but for the builtins the VM ran inline and recorded in a batch (a leaf that ran
/// no instruction, or <c>call_closure</c> entering a closure), which ran no host code and whose
/// time is their caller's. A node's inclusive time and the per-function totals are sums over the tree
/// (<see cref="CallTreeTotals"/>). Call events do not always pair up, so:
/// <list type="bullet">
/// <item>A frame left open below an event's depth never got its return (a VM error unwound it,
/// or a foreign function like <c>call_closure</c> handed its result over to a closure it pushed):
/// it is closed as an orphan.</item>
/// <item>A call at the same depth as an open foreign frame that has not yet seen a callee return
/// is that function calling back into the VM, so it nests.</item>
/// </list>
/// </summary>
internal sealed class CallTimeline(CallNode root, FrameTable frames, TimeWindow window, EventLog? log) : ICallObserver
{
    // The open frames, outermost first. _open[0] is the root, a sentinel at depth 0 below every
    // call (events have depth 1 or more), so there is always a top.
    private OpenFrame[] _open = [new OpenFrame { Node = root }, .. new OpenFrame[63]];
    private int _count = 1;
    private long _instructionsAt;

    // Not inlined into the VM's observer call (Native AOT devirtualizes it): there, inside the
    // VM's exception handling, its locals would live on the stack.

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)] // AggressiveOptimization: no tier-0 phase under the JIT
    public void OnCall(string callee, int calleeDepth, long instructionsExecuted) => Call(callee, calleeDepth, instructionsExecuted, readWhenDue: true);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public void OnReturn(string callee, int calleeDepth, long instructionsExecuted) => Return(callee, calleeDepth, instructionsExecuted, readWhenDue: true);

    /// <summary>
    /// A batch of program calls and returns, handed over after they happened
    /// (<see cref="BatchedCallTimeline"/>): the clock is read once at its end when due (a reading
    /// inside it would give the batch's events the hand-over time), so its windows close at the
    /// last record's instruction count. Runs of program frames calling and returning in order take
    /// <see cref="ReplayProgramFrames"/>; every other record the general path.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Replay(ReadOnlySpan<CallRecord> records, ReadOnlySpan<string> functionNames)
    {
        for (var i = ReplayProgramFrames(records, functionNames, 0); i < records.Length; i = ReplayProgramFrames(records, functionNames, i))
        {
            i = ReplayOne(records, functionNames, i);
        }
        if (records.Length > 0 && window.Due(records.Length))
        {
            window.Read(Top.Node, records[^1].InstructionsExecuted);
        }
    }

    /// <summary>
    /// <see cref="Replay(ReadOnlySpan{CallRecord}, ReadOnlySpan{string})"/> of a batch the VM handed over at the clock reading
    /// <paramref name="handedOverAt"/> (raw ticks, <see cref="TimeWindow.Now(TimeProvider)"/>) and replayed later, on
    /// another thread (<see cref="BackgroundCallTimeline"/>): every clock read it makes gives that
    /// reading, as a replay at the hand-over would have read about then.
    /// </summary>
    public void Replay(ReadOnlySpan<CallRecord> records, ReadOnlySpan<string> functionNames, long handedOverAt)
    {
        window.HeldReading = handedOverAt;
        try
        {
            Replay(records, functionNames);
        }
        finally
        {
            window.HeldReading = null;
        }
    }

    /// <summary>
    /// Replays the records from <paramref name="from"/> on for as long as they take no more than
    /// <see cref="Call"/>, <see cref="LeafCall"/> and <see cref="Return"/> do between program
    /// frames in the common case: no root on top or coming on top and no foreign function but a
    /// builtin's leaf (no clock read inside a batch), no frame left open, no event log, the callee
    /// a child of its caller already (<see cref="CallNode.ChildNamedBy"/>) and room in the open
    /// frames' array; a
    /// <c>call_closure</c> the VM ran inline opens a frame the closure's call nests in, closed by
    /// the next call at its depth as an orphan, both without a clock read (as on the general path,
    /// <see cref="EntersClosure"/>). What is left is
    /// additions and the open frames, in locals rather than fields and with no call on the way but
    /// a node's first entry in the time window (a call would leave the loop's values on the stack:
    /// closure 946.1 → 957.7 machine instructions per iteration under `--profile` for that one);
    /// a profiled recursive program's batch is
    /// almost all such records. Stops at the first record that needs more, having changed nothing
    /// for it but, at most, closed the <c>call_closure</c> frame it showed done, as the general
    /// path would.
    /// </summary>
    /// <returns>The index of the first record not replayed (the batch's length when all were).</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int ReplayProgramFrames(ReadOnlySpan<CallRecord> records, ReadOnlySpan<string> functionNames, int from)
    {
        if (log is not null)
        {
            return from;
        }
        // References rather than indexes (fewer values live in the loop, which keeps them in machine registers).
        ref var first = ref MemoryMarshal.GetReference(records);
        ref var record = ref Unsafe.Add(ref first, from);
        ref var end = ref Unsafe.Add(ref first, records.Length);
        ref var bottom = ref MemoryMarshal.GetArrayDataReference(_open);
        ref var top = ref Unsafe.Add(ref bottom, _count - 1); // 1 <= _count <= _open.Length
        ref var last = ref Unsafe.Add(ref bottom, _open.Length - 1);
        var at = _instructionsAt;
        for (; Unsafe.IsAddressLessThan(ref record, ref end); record = ref Unsafe.Add(ref record, 1))
        {
            if (record.IsCount)
            {
                // Calls of a builtin run inline (Count): a leaf's calls, no frame, no instructions,
                // no time of their own; a call_closure's frame they show done closes first, as
                // for a call at its depth below.
                var countDepth = record.CalleeDepth;
                if (top.Depth == countDepth && top.InlineClosureCall && top.ChildReturned)
                {
                    top = ref Unsafe.Add(ref top, -1);
                    top.ChildReturned = true;
                }
                if (top.Depth != countDepth - 1 || top.Node.ForcesRead || top.Node.ChildNamedBy(functionNames[record.FunctionId]) is not { } counted)
                {
                    break;
                }
                counted.Calls += record.Count;
                top.ChildReturned = true;
                continue;
            }
            var instructions = record.InstructionsExecuted;
            var depth = record.CalleeDepth;
            var caller = top.Node;
            if (caller.ForcesRead)
            {
                // Only call_closure's frame, opened below (the root and other foreign functions
                // take the general path): the closure's call nests in it; once the closure
                // returned, the next call at its depth closes it as CloseOrphans would.
                if (!top.InlineClosureCall || record.IsReturn || top.Depth != depth)
                {
                    break; // its caller's return, or a deeper call: the general path closes it
                }
                if (!top.ChildReturned)
                {
                    var closure = caller.ChildNamedBy(functionNames[record.FunctionId]);
                    if (closure is null || closure.ForcesRead || instructions != at || !Unsafe.IsAddressLessThan(ref top, ref last))
                    {
                        break;
                    }
                    closure.Calls++;
                    top = ref Unsafe.Add(ref top, 1);
                    Open(ref top, closure, depth, inlineClosureCall: false);
                    continue;
                }
                top = ref Unsafe.Add(ref top, -1);
                top.ChildReturned = true; // the frame closed; the call is its caller's
                caller = top.Node;
                if (caller.ForcesRead)
                {
                    break;
                }
            }
            var name = functionNames[record.FunctionId];
            if (record.IsReturn)
            {
                ref var parent = ref Unsafe.Add(ref top, -1); // above the bottom: the root forces reads
                if (top.Depth != depth || !caller.IsNamed(name) || (parent.Node.ForcesRead && !parent.InlineClosureCall))
                {
                    break;
                }
                AddInstructions(caller, instructions - at);
                at = instructions;
                parent.ChildReturned = true;
                top = ref parent;
                continue;
            }
            var node = caller.ChildNamedBy(name);
            if (top.Depth >= depth || node is null || !Unsafe.IsAddressLessThan(ref top, ref last))
            {
                break;
            }
            ref var next = ref Unsafe.Add(ref record, 1);
            var leaf = Unsafe.IsAddressLessThan(ref next, ref end) && Returns(in next, record.FunctionId, depth);
            if (node.ForcesRead && !(leaf && next.InstructionsExecuted == instructions)
                && !(Unsafe.IsAddressLessThan(ref next, ref end) && EntersClosure(in next, depth, instructions)))
            {
                break; // a foreign function's call is taken only as a builtin the VM ran inline: a leaf that ran no instruction, or call_closure
            }
            AddInstructions(caller, instructions - at);
            at = instructions;
            node.Calls++;
            if (leaf)
            {
                AddInstructions(node, next.InstructionsExecuted - at); // a leaf: no frame opened and closed
                at = next.InstructionsExecuted;
                top.ChildReturned = true;
                record = ref next;
                continue;
            }
            top = ref Unsafe.Add(ref top, 1); // at most the last
            Open(ref top, node, depth, inlineClosureCall: node.ForcesRead); // a foreign function here is call_closure (above)
        }
        _count = (int)(Unsafe.ByteOffset(ref bottom, ref top) / Unsafe.SizeOf<OpenFrame>()) + 1;
        _instructionsAt = at;
        return (int)(Unsafe.ByteOffset(ref first, ref record) / Unsafe.SizeOf<CallRecord>());
    }

    /// <summary>
    /// <see cref="Attribute(CallNode, long)"/> for a program frame's <paramref name="node"/>. A node
    /// the window does not hold yet is added to it here (<see cref="TimeWindow.Add"/>), not sent to
    /// the general path: once per node and window, about one record in twenty on fib, each about
    /// 180 machine instructions there (fib 494.7 → 487.4 per call under `--profile`).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void AddInstructions(CallNode node, long instructions)
    {
        if (instructions > 0)
        {
            node.Instructions += instructions;
            window.Add(node, instructions);
        }
    }

    /// <summary>Fills <paramref name="frame"/>, the open frame after the top, for a call of <paramref name="node"/> at <paramref name="depth"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Open(ref OpenFrame frame, CallNode node, int depth, bool inlineClosureCall)
    {
        if (!ReferenceEquals(frame.Node, node))
        {
            frame.Node = node; // a reference store costs a write barrier; a slot mostly gets the node it had
        }
        frame.Depth = depth;
        frame.ChildReturned = false;
        frame.InlineClosureCall = inlineClosureCall;
    }

    /// <summary>
    /// Whether <paramref name="next"/>, after a batch's call of a foreign function at
    /// <paramref name="depth"/> and the instruction count <paramref name="instructions"/>, is a call
    /// at the same depth and count: the foreign function is <c>call_closure</c>, which the VM ran
    /// inline and recorded with the closure's call (<see cref="ICallRecordObserver"/>; a foreign
    /// function the VM does not run inline comes one by one, not in a batch).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool EntersClosure(in CallRecord next, int depth, long instructions) =>
        !next.IsReturn && next.CalleeDepth == depth && next.InstructionsExecuted == instructions;

    /// <summary>Replays the record at <paramref name="index"/> on the general path (with its return, when it is a leaf's call that <see cref="LeafCall"/> takes).</summary>
    /// <returns>The index of the next record.</returns>
    private int ReplayOne(ReadOnlySpan<CallRecord> records, ReadOnlySpan<string> functionNames, int index)
    {
        ref readonly var record = ref records[index];
        var name = functionNames[record.FunctionId];
        if (record.IsCount)
        {
            Count(name, record.CalleeDepth, record.Count);
        }
        else if (record.IsReturn)
        {
            Return(name, record.CalleeDepth, record.InstructionsExecuted, readWhenDue: false);
        }
        else if (index + 1 < records.Length && Returns(in records[index + 1], record.FunctionId, record.CalleeDepth)
            && LeafCall(name, record.CalleeDepth, record.InstructionsExecuted, records[index + 1].InstructionsExecuted))
        {
            return index + 2;
        }
        else
        {
            var inlineClosureCall = index + 1 < records.Length && EntersClosure(in records[index + 1], record.CalleeDepth, record.InstructionsExecuted);
            Call(name, record.CalleeDepth, record.InstructionsExecuted, readWhenDue: false, inlineClosureCall);
        }
        return index + 1;
    }

    /// <summary>Whether <paramref name="record"/>, following a call of the function <paramref name="functionId"/> at <paramref name="depth"/>, is its return: the call was a leaf's.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Returns(in CallRecord record, int functionId, int depth) =>
        record.IsReturn && record.FunctionId == functionId && record.CalleeDepth == depth;

    /// <summary>Closes the last window and every frame still open (a finished or failed run).</summary>
    /// <returns>The clock reading it closed at (raw ticks).</returns>
    public long Finish(long instructions)
    {
        Attribute(Top.Node, instructions);
        window.Read(Top.Node, instructions); // the last window, with what was on top
        while (_count > 1)
        {
            Pop(instructions, readWhenDue: true);
        }
        return window.Read(root, instructions); // also times the closes just logged
    }

    /// <summary>
    /// A call of the function called <paramref name="name"/> at <paramref name="depth"/> started,
    /// with the VM's instruction count at <paramref name="instructions"/>. The clock is read when
    /// a foreign function or the root is involved, and every <c>ClockReadEvery</c>-th event when
    /// <paramref name="readWhenDue"/> (not inside a batch); not for a batch's <c>call_closure</c>
    /// entering a closure (<paramref name="inlineClosureCall"/>, <see cref="EntersClosure"/>),
    /// which ran no host code, nor when its frame closes.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Call(string name, int depth, long instructions, bool readWhenDue, bool inlineClosureCall = false)
    {
        ref var top = ref Top;
        Attribute(top.Node, instructions);
        if (top.Depth >= depth && !CallsBack(in top, depth))
        {
            CloseOrphans(depth, null, instructions);
            top = ref Top;
        }
        var caller = top.Node;
        var node = caller.Child(name, frames);
        if ((readWhenDue && window.Due()) | (caller.ForcesRead & !top.InlineClosureCall) | (node.ForcesRead & !inlineClosureCall))
        {
            window.Read(caller, instructions); // the window so far is the caller's
        }
        node.Calls++;
        if (log is not null)
        {
            log.Open(node.Frame!.Id, instructions, OpenIds());
        }
        if (_count == _open.Length)
        {
            Array.Resize(ref _open, _count * 2);
        }
        Open(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_open), _count++), node, depth, inlineClosureCall); // _count < _open.Length
    }

    /// <summary>
    /// A batch's call of the function called <paramref name="name"/> at <paramref name="depth"/>
    /// whose next record is its return (a leaf: it called nothing), at the instruction counts
    /// <paramref name="called"/> and <paramref name="returned"/>: what <see cref="Call"/> and
    /// <see cref="Return"/> together do, without opening a frame and closing it again. False,
    /// having attributed only the caller's instructions, where they have more to do: frames to
    /// close as orphans, the root involved or a foreign function that took instructions (a clock
    /// read), an event log. A foreign leaf that ran no instruction is a builtin the VM ran inline
    /// and recorded (<see cref="ICallRecordObserver"/>): it is counted and gets no time of its own,
    /// which a clock read inside the batch could not give it (its time is its caller's).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool LeafCall(string name, int depth, long called, long returned)
    {
        ref var top = ref Top;
        Attribute(top.Node, called);
        if (top.Depth >= depth || log is not null)
        {
            return false;
        }
        var caller = top.Node;
        var node = caller.Child(name, frames);
        if (caller.ForcesRead | (node.ForcesRead & returned != called))
        {
            return false;
        }
        node.Calls++;
        Attribute(node, returned);
        top.ChildReturned = true;
        return true;
    }

    /// <summary>Whether the batch's builtins run inline may come as counts (<see cref="CallRecordKind.Count"/>): no event log, which would give each call its events.</summary>
    public bool CountsSuffice => log is null;

    /// <summary>
    /// <paramref name="count"/> calls of the builtin called <paramref name="name"/> at
    /// <paramref name="depth"/>, run inline by the frame below it since the last record (a count
    /// record, <see cref="ICallRecordObserver.CountsInlineBuiltins"/>): each a leaf that ran no
    /// instruction, whose time is its caller's, so the node is only counted, as
    /// <see cref="LeafCall"/> counts one; frames the first of them shows were left open close as
    /// orphans, as for a call. Only without an event log (<see cref="CountsSuffice"/>).
    /// </summary>
    private void Count(string name, int depth, int count)
    {
        Debug.Assert(log is null, "counts come only to a timeline without an event log");
        ref var top = ref Top;
        if (top.Depth >= depth && !CallsBack(in top, depth))
        {
            CloseOrphans(depth, null, _instructionsAt);
            top = ref Top;
        }
        var node = top.Node.Child(name, frames);
        node.Calls += count;
        top.ChildReturned = true;
    }

    /// <summary>The function called <paramref name="name"/> at <paramref name="depth"/> returned; ignored when it is not open. <paramref name="readWhenDue"/> as for <see cref="Call"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Return(string name, int depth, long instructions, bool readWhenDue)
    {
        ref var top = ref Top;
        var node = top.Node;
        Attribute(node, instructions);
        if (top.Depth != depth || !node.IsNamed(name))
        {
            CloseOrphans(depth, name, instructions);
            if (Top.Depth != depth)
            {
                return;
            }
        }
        Pop(instructions, readWhenDue);
    }

    private ref OpenFrame Top
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_open), _count - 1); // 1 <= _count <= _open.Length
    }

    /// <summary>A call at the depth of an open foreign frame (<paramref name="top"/>) that has not yet seen a callee return is that function calling back into the VM: it nests.</summary>
    private static bool CallsBack(in OpenFrame top, int depth) => top.Depth == depth && top.Node.IsForeign && !top.ChildReturned;

    /// <summary>
    /// Closes the frames an event at <paramref name="depth"/> shows were left open: deeper ones,
    /// and for a call (<paramref name="returning"/> null) the one at its depth unless it calls
    /// back, for a return one at its depth that is another function.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)] // keeps the common paths of Call and Return short
    private void CloseOrphans(int depth, string? returning, long instructions)
    {
        while (returning is null
            ? Top.Depth >= depth && !CallsBack(in Top, depth)
            : Top.Depth > depth || (Top.Depth == depth && !Top.Node.IsNamed(returning)))
        {
            Pop(instructions, readWhenDue: true);
        }
    }

    /// <summary>
    /// Closes the innermost open frame at the VM's instruction count <paramref name="instructions"/>,
    /// reading the clock first when it or the frame it returns to is one whose time no instruction
    /// count shows, or when due and <paramref name="readWhenDue"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Pop(long instructions, bool readWhenDue)
    {
        var count = --_count;
        ref var closed = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_open), count); // 1 <= count < _open.Length
        ref var parent = ref Unsafe.Add(ref closed, -1);
        var node = closed.Node;
        if ((readWhenDue && window.Due()) | (node.ForcesRead & !closed.InlineClosureCall) | (parent.Node.ForcesRead & !parent.InlineClosureCall))
        {
            window.Read(node, instructions); // the window so far ends with the returning frame on top
        }
        parent.ChildReturned = true;
        if (log is not null)
        {
            log.Close(node.Frame!.Id, instructions);
        }
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
        var node = top.IsForeign ? InnermostProgramNode() : top;
        node.Instructions += delta;
        window.Add(node, delta);
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

    private struct OpenFrame
    {
        public CallNode Node;
        public int Depth;
        /// <summary>A callee of this frame has returned: a call at its depth is no longer a foreign function calling back.</summary>
        public bool ChildReturned;
        /// <summary>
        /// A <c>call_closure</c> the VM ran inline, opened by <see cref="ReplayProgramFrames"/>: it
        /// ran no host code, so its frame opens and closes without a clock read, as a builtin's
        /// leaf does (a reading inside a batch would give it the hand-over's time).
        /// </summary>
        public bool InlineClosureCall;
    }
}
