using Stoffel.Vm.Values;

namespace Stoffel.Vm.Runtime;

/// <summary>
/// Measures a VM's live heap: a mark walk (like a collector's) from the roots it is given, over
/// tables and closures, counting each once. The byte figures are estimates of the .NET objects
/// behind each value, close enough to bound memory, not to account for it exactly.
/// </summary>
internal sealed class HeapWalker
{
    /// <summary>A table's own objects (the table, its field map or element list, their array headers).</summary>
    internal const long TableBytes = 128;

    /// <summary>A new object table: <see cref="TableBytes"/> and the room for its first fields.</summary>
    internal const long NewObjectBytes = TableBytes + FieldMap.InitialCapacity * FieldBytes;

    /// <summary>One dense element slot, register or argument-stack slot: a <see cref="Value"/> (kind, payload, reference).</summary>
    internal const long ElementBytes = 24;

    /// <summary>One field slot (an object's map has room for more fields than it holds): key, value, hash, chain link and bucket.</summary>
    internal const long FieldBytes = 60;

    /// <summary>One side entry of an array, in a .NET dictionary.</summary>
    internal const long SideEntryBytes = 72;

    /// <summary>A closure's own object; its cells count as elements.</summary>
    internal const long ClosureBytes = 64;

    /// <summary>A string's object header and length; its characters add two bytes each.</summary>
    internal const long StringBytes = 48;

    /// <summary>Shorter strings are not counted: they are mostly constants the program shares.</summary>
    private const int CountedStringLength = 32;

    private readonly HashSet<object> _seen = new(ReferenceEqualityComparer.Instance);
    private readonly Stack<object> _pending = new();
    private long _tables;
    private long _bytes;

    /// <summary>Marks what <paramref name="roots"/> reach (call <see cref="Finish"/> after the last root).</summary>
    public void AddRoots(ReadOnlySpan<Value> roots)
    {
        foreach (ref readonly var value in roots)
        {
            Visit(value);
        }
    }

    /// <summary>Counts the slots in use of a value stack or argument stack, and marks what they reach.</summary>
    public void AddStack(ReadOnlySpan<Value> slots)
    {
        CountSlots(slots.Length);
        AddRoots(slots);
    }

    /// <summary>Counts <paramref name="count"/> stack slots in use (their roots added one by one: <see cref="AddValue"/>).</summary>
    public void CountSlots(int count) => _bytes += count * ElementBytes;

    /// <summary>Marks what <paramref name="value"/> reaches.</summary>
    public void AddValue(in Value value) => Visit(in value);

    /// <summary>Marks <paramref name="root"/>: a table, closure or string, or null for none.</summary>
    public void AddRoot(object? root)
    {
        switch (root)
        {
            case StoffelObject or StoffelArray or Closure when _seen.Add(root):
                _pending.Push(root);
                break;
            case string text:
                CountString(text);
                break;
        }
    }

    /// <summary>Walks everything marked so far and returns the totals.</summary>
    public HeapUsage Finish()
    {
        while (_pending.TryPop(out var item))
        {
            switch (item)
            {
                case StoffelObject table:
                    _tables++;
                    _bytes += TableBytes + table.Fields.Capacity * FieldBytes;
                    foreach (var (key, value) in table.Fields)
                    {
                        Visit(key);
                        Visit(value);
                    }
                    break;
                case StoffelArray array:
                    _tables++;
                    var elements = array.Elements;
                    _bytes += TableBytes + elements.StorageBytes;
                    if (elements.HoldsReferences) // an I64-only array reaches nothing
                    {
                        for (var i = 0; i < elements.Count; i++)
                        {
                            Visit(elements[i]);
                        }
                    }
                    if (array.HasSideEntries)
                    {
                        _bytes += array.SideMap.Count * SideEntryBytes;
                        foreach (var (key, value) in array.SideMap)
                        {
                            Visit(key);
                            Visit(value);
                        }
                    }
                    break;
                case Closure closure:
                    _bytes += ClosureBytes + closure.Cells.Length * ElementBytes;
                    AddRoots(closure.Cells);
                    break;
            }
        }
        return new HeapUsage(_tables, _bytes);
    }

    private void Visit(in Value value)
    {
        switch (value.Kind)
        {
            case ValueKind.Object or ValueKind.Array or ValueKind.Closure:
                AddRoot(value.Payload);
                break;
            case ValueKind.String:
                CountString(value.PayloadAs<VmString>().Text);
                break;
        }
    }

    private void CountString(string text)
    {
        if (text.Length >= CountedStringLength && _seen.Add(text))
        {
            _bytes += StringBytes + 2L * text.Length;
        }
    }
}
