using System.Runtime.CompilerServices;

namespace Stoffel.Hooks.Profiling;

/// <summary>
/// A node of the aggregated call tree: one distinct call stack (the path from the root). Every
/// activation of the same stack adds to the same node, so the tree grows with the number of
/// distinct stacks, never with the number of calls. Children are found by the callee's name,
/// the last one found first, so a call event costs a string comparison, not a lookup in the
/// function table. Times in raw clock ticks. Written on the VM thread only; another thread may
/// read the counters and walk <see cref="Children"/> (a child is published after it is complete,
/// and each counter is a 64-bit field only ever replaced whole).
/// </summary>
internal sealed class CallNode(FrameRow? frame)
{
    // Past this many children a node also indexes them by name (linear search below it).
    private const int IndexThreshold = 8;

    private CallNode[] _children = [];
    private int _childCount;
    private CallNode? _recent;
    private Dictionary<string, CallNode>? _index;

    /// <summary>The function, or null for the root.</summary>
    public FrameRow? Frame { get; } = frame;

    /// <summary>The function's name (empty for the root).</summary>
    public string Name { get; } = frame?.Frame.Name ?? "";

    /// <summary>True for a foreign function.</summary>
    public bool IsForeign { get; } = frame?.Frame.IsForeign ?? false;

    /// <summary>
    /// True for a foreign function and for the root (no function): time with either on top shows
    /// in no instruction count, so trace mode reads the clock when one comes or goes (<see cref="TimeWindow"/>).
    /// </summary>
    public bool ForcesRead { get; } = frame is null || frame.Frame.IsForeign;

    /// <summary>Activations (trace mode).</summary>
    public long Calls;

    /// <summary>Time as the innermost frame (raw ticks); a node's inclusive time is this plus its children's.</summary>
    public long Self;

    /// <summary>Instructions these activations executed themselves (trace mode).</summary>
    public long Instructions;

    /// <summary>Samples with this stack innermost (sample mode).</summary>
    public long Samples;

    /// <summary>Instructions in the current <see cref="TimeWindow"/> (trace mode), not yet turned into time.</summary>
    public long WindowInstructions;

    /// <summary>The callees so far, in first-call order.</summary>
    public ReadOnlySpan<CallNode> Children
    {
        get
        {
            var count = Volatile.Read(ref _childCount); // then the array, which holds at least that many
            return Volatile.Read(ref _children).AsSpan(0, count);
        }
    }

    /// <summary>
    /// The child named by the very string <paramref name="name"/>, or null: what <see cref="Child"/>
    /// finds when the name is the instance the node was made with (the VM passes each function's
    /// same string every time), without string comparisons, an index or a store. The one found
    /// last is tried first.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public CallNode? ChildNamedBy(string name)
    {
        if (_recent is { } recent && ReferenceEquals(recent.Name, name))
        {
            return recent;
        }
        foreach (var child in _children.AsSpan(0, _childCount)) // the VM thread's own view: no volatile reads (Children)
        {
            if (ReferenceEquals(child.Name, name))
            {
                return child;
            }
        }
        return null;
    }

    /// <summary>The child for the function called <paramref name="name"/>, added (with its row in <paramref name="frames"/>) on first call.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public CallNode Child(string name, FrameTable frames) =>
        _recent is { } recent && recent.IsNamed(name) ? recent : FindOrAddChild(name, frames);

    /// <summary>Whether this is the node of the function called <paramref name="name"/>; call events pass the same string each time, so most answers take a reference comparison.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsNamed(string name) => ReferenceEquals(Name, name) || string.Equals(Name, name);

    private CallNode FindOrAddChild(string name, FrameTable frames)
    {
        var node = Find(name);
        if (node is null)
        {
            node = new CallNode(frames.Get(name));
            var children = _children;
            if (_childCount == children.Length)
            {
                children = new CallNode[Math.Max(2, _childCount * 2)];
                _children.CopyTo(children, 0);
            }
            children[_childCount] = node;
            Volatile.Write(ref _children, children);
            Volatile.Write(ref _childCount, _childCount + 1);
            if (_index is not null || _childCount > IndexThreshold)
            {
                _index ??= Children.ToArray().ToDictionary(c => c.Name, StringComparer.Ordinal);
                _index[name] = node;
            }
        }
        return _recent = node;
    }

    private CallNode? Find(string name)
    {
        if (_index is not null)
        {
            return _index.GetValueOrDefault(name);
        }
        if (ChildNamedBy(name) is { } same)
        {
            return same; // no string comparison with the others
        }
        foreach (var child in Children)
        {
            if (string.Equals(child.Name, name))
            {
                return child;
            }
        }
        return null;
    }
}
