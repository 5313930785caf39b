using System.Collections.ObjectModel;

namespace Stoffel.Vm.Values;

/// <summary>
/// An array table (docs/semantics.md "Value kinds", "Tables"): dense 0-based storage addressed by
/// non-negative I64 keys, plus a side map for every other key (which does not affect the length).
/// Read-only outside the VM: it changes only through routines that fire
/// <see cref="Hooks.HookEventKind.ArrayElementWrite"/> (the table operations of
/// <see cref="Runtime.ForeignFunctionContext"/>, <see cref="Runtime.VirtualMachine.WriteTable"/>).
/// </summary>
public sealed class StoffelArray
{
    private static readonly ReadOnlyDictionary<Value, Value> NoSideEntries = new(new Dictionary<Value, Value>());

    private Dictionary<Value, Value>? _side;
    private ReadOnlyDictionary<Value, Value>? _sideView;

    /// <summary>Creates an empty array with store id <paramref name="id"/> and a capacity hint (the object store does).</summary>
    internal StoffelArray(long id, int capacity = 0)
    {
        Id = id;
        Elements = new ValueList(Math.Max(0, capacity));
    }

    /// <summary>The store id (the payload of <c>Array(id)</c>).</summary>
    public long Id { get; }

    /// <summary>The dense elements (read-only); the array's length is <c>Elements.Count</c>.</summary>
    public ValueList Elements { get; }

    /// <summary>Entries whose key is not a non-negative I64 (read-only; empty until the first is written).</summary>
    public IReadOnlyDictionary<Value, Value> SideEntries => _side is null ? NoSideEntries : _sideView ??= new(_side);

    /// <summary>True when at least one side entry exists.</summary>
    public bool HasSideEntries => _side is { Count: > 0 };

    /// <summary>The number of dense elements.</summary>
    public int Length => Elements.Count;

    /// <summary>A copy of the side entries, or null when there are none.</summary>
    internal Dictionary<Value, Value>? CopySideEntries() => HasSideEntries ? new Dictionary<Value, Value>(_side!) : null;

    /// <summary>Replaces the side entries with a copy of <paramref name="entries"/> (null for none).</summary>
    internal void RestoreSideEntries(Dictionary<Value, Value>? entries) =>
        _side = entries is null ? null : new Dictionary<Value, Value>(entries);

    /// <summary>The side map the VM writes (created on first use).</summary>
    internal Dictionary<Value, Value> SideMap => _side ??= new();
}
