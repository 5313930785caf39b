using System.Runtime.InteropServices;

namespace Stoffel.Hooks.Profiling;

/// <summary>
/// Inclusive times and per-function totals, summed over the call tree, so call and return
/// events update only the node they are about. A node's inclusive time is its self time plus its
/// children's inclusive times. A function's calls, self time, instructions and samples are the
/// sums over its nodes; its inclusive time counts a recursive function once: only nodes with no
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
        Walk(root, frameCount, (node, inclusive, outermost) =>
        {
            ref var function = ref totals[node.Frame!.Id];
            function.Calls += Volatile.Read(ref node.Calls);
            function.Exclusive += Volatile.Read(ref node.Self);
            function.Instructions += Volatile.Read(ref node.Instructions);
            function.Samples += Volatile.Read(ref node.Samples);
            if (outermost)
            {
                function.Inclusive += inclusive;
            }
        });
        return totals;
    }

    /// <summary>
    /// Visits every node below <paramref name="root"/> of a function with an id below
    /// <paramref name="frameCount"/>, children before parents, with its inclusive time and
    /// whether it is its function's outermost activation on its path.
    /// </summary>
    public static void Walk(CallNode root, int frameCount, Action<CallNode, long, bool> visit)
    {
        var onPath = new int[frameCount]; // activations of each function between the root and the node
        var path = new List<Visit> { new(root, Outermost: false) };
        while (path.Count > 0)
        {
            ref var current = ref CollectionsMarshal.AsSpan(path)[^1];
            var children = current.Node.Children;
            if (current.Next < children.Length)
            {
                var child = children[current.Next++];
                var id = child.Frame!.Id;
                if (id >= frameCount)
                {
                    continue; // a function first seen after the caller's snapshot, and everything below it
                }
                path.Add(new Visit(child, onPath[id]++ == 0) { Inclusive = Volatile.Read(ref child.Self) });
                continue;
            }
            var done = current;
            path.RemoveAt(path.Count - 1);
            if (path.Count == 0)
            {
                break; // the root
            }
            onPath[done.Node.Frame!.Id]--;
            CollectionsMarshal.AsSpan(path)[^1].Inclusive += done.Inclusive;
            visit(done.Node, done.Inclusive, done.Outermost);
        }
    }

    private record struct Visit(CallNode Node, bool Outermost)
    {
        public int Next;
        public long Inclusive;
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
