namespace Stoffel.Hooks.Profiling;

/// <summary>
/// Walks a profile's call tree depth-first (parents before children, children in order) without
/// recursion, giving each node its stack and a place on a synthetic timeline: a node starts where
/// its parent starts plus the inclusive time of its earlier siblings, so the tree reads as a flame
/// chart in trace viewers.
/// </summary>
internal static class CallTreeLayout
{
    /// <summary>A node with its stack (frame indices, outermost first, the node's own last) and its start in nanoseconds.</summary>
    public readonly record struct PlacedNode(ProfileNode Node, int[] Stack, long Start);

    public static IEnumerable<PlacedNode> Walk(IReadOnlyList<ProfileNode> roots)
    {
        var pending = new Stack<PlacedNode>();
        PushChildren(pending, roots, [], 0);
        while (pending.Count > 0)
        {
            var placed = pending.Pop();
            yield return placed;
            PushChildren(pending, placed.Node.Children, placed.Stack, placed.Start);
        }
    }

    private static void PushChildren(Stack<PlacedNode> pending, IReadOnlyList<ProfileNode> children, int[] stack, long start)
    {
        var starts = new long[children.Count];
        for (var i = 0; i < children.Count; i++)
        {
            starts[i] = start;
            start += children[i].InclusiveNanoseconds;
        }
        // Pushed last to first so they come out in order.
        for (var i = children.Count - 1; i >= 0; i--)
        {
            pending.Push(new PlacedNode(children[i], [.. stack, children[i].Frame], starts[i]));
        }
    }
}
