namespace Stoffel.Hooks.Profiling;

/// <summary>
/// Per-function totals summed over the call tree, so call and return events update only the
/// node they are about. A function's calls, self time, instructions and samples are the sums
/// over its nodes; its inclusive time counts a recursive function once: only nodes with no
/// ancestor of the same function (its outermost activations) add theirs. Walks without recursion
/// (the tree is as deep as the deepest call stack) and is safe from any thread while the VM
/// writes the tree: nodes of functions added after <c>frameCount</c> are left out.
/// </summary>
internal static class CallTreeTotals
{
    /// <summary>Totals of the functions with ids below <paramref name="frameCount"/>, indexed by id.</summary>
    public static FunctionTotals[] Of(CallNode root, int frameCount)
    {
        var totals = new FunctionTotals[frameCount];
        var onPath = new int[frameCount]; // activations of each function between the root and the node
        var pending = new Stack<(CallNode Node, bool Leaving)>();
        PushChildren(pending, root);
        while (pending.Count > 0)
        {
            var (node, leaving) = pending.Pop();
            var id = node.Frame!.Id;
            if (leaving)
            {
                onPath[id]--;
                continue;
            }
            if (id >= frameCount)
            {
                continue; // a function first seen after the caller's snapshot, and everything below it
            }
            ref var function = ref totals[id];
            function.Calls += Volatile.Read(ref node.Calls);
            function.Exclusive += Volatile.Read(ref node.Self);
            function.Instructions += Volatile.Read(ref node.Instructions);
            function.Samples += Volatile.Read(ref node.Samples);
            if (onPath[id] == 0)
            {
                function.Inclusive += Volatile.Read(ref node.Inclusive);
            }
            onPath[id]++;
            pending.Push((node, true));
            PushChildren(pending, node);
        }
        return totals;
    }

    private static void PushChildren(Stack<(CallNode, bool)> pending, CallNode node)
    {
        foreach (var child in node.Children)
        {
            pending.Push((child, false));
        }
    }
}

/// <summary>One function's totals over the call tree (raw clock ticks for times).</summary>
internal struct FunctionTotals
{
    public long Calls;
    public long Inclusive;
    public long Exclusive;
    public long Instructions;
    public long Samples;
}
