using System.Runtime.CompilerServices;

namespace Stoffel.Hooks.Profiling;

/// <summary>
/// A node of the aggregated call tree: one distinct call stack (the path from the root). Every
/// activation of the same stack adds to the same node, so the tree grows with the number of
/// distinct stacks, never with the number of calls. Times in raw clock ticks. VM thread only.
/// </summary>
internal sealed class CallNode(FrameStats? frame)
{
    // Past this many children a node also indexes them by frame (linear search below it).
    private const int IndexThreshold = 8;

    private CallNode[] _children = [];
    private int _childCount;
    private Dictionary<FrameStats, CallNode>? _index;

    /// <summary>The function, or null for the root.</summary>
    public FrameStats? Frame { get; } = frame;

    public long Calls;
    public long Inclusive;
    public long Self;
    public long Instructions;
    public long Samples;

    /// <summary>Distinct stacks below the root, all levels.</summary>
    public int Descendants { get; private set; }

    public ReadOnlySpan<CallNode> Children => _children.AsSpan(0, _childCount);

    /// <summary>The child for <paramref name="frame"/>, added on first call.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public CallNode Child(FrameStats frame, CallNode root) =>
        _childCount > 0 && ReferenceEquals(_children[0].Frame, frame) ? _children[0] : FindOrAddChild(frame, root);

    private CallNode FindOrAddChild(FrameStats frame, CallNode root)
    {
        if (_index is not null)
        {
            if (_index.TryGetValue(frame, out var indexed))
            {
                return indexed;
            }
        }
        else
        {
            foreach (var child in Children)
            {
                if (ReferenceEquals(child.Frame, frame))
                {
                    return child;
                }
            }
        }
        var node = new CallNode(frame);
        if (_childCount == _children.Length)
        {
            Array.Resize(ref _children, Math.Max(2, _childCount * 2));
        }
        _children[_childCount++] = node;
        if (_index is not null || _childCount > IndexThreshold)
        {
            _index ??= Children.ToArray().ToDictionary(c => c.Frame!);
            _index[frame] = node;
        }
        root.Descendants++;
        return node;
    }
}
