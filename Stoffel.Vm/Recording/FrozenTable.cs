using Stoffel.Vm.Runtime;
using Stoffel.Vm.Values;

namespace Stoffel.Vm.Recording;

/// <summary>
/// The contents of one mutable heap object at a checkpoint: an array table, an object table, or
/// an upvalue cell array (a closure's cells or upvalues captured by name). Immutable once made,
/// so checkpoints share it while the object is unchanged: tables carry a version that every write
/// bumps, and a copy is reused while the table's version is the one it was made (or restored) at.
/// Restoring writes the contents back into the same object, so every value that refers to it
/// — a register, another table, the host-call log — sees the checkpoint's contents again.
/// </summary>
internal sealed class FrozenTable
{
    private const int NeverCurrent = -1;

    private readonly Value[]? _elements;
    private readonly Dictionary<Value, Value>? _side;
    private readonly FieldMap? _fields;
    private int _matchedVersion;

    private FrozenTable(object target, Value[]? elements, Dictionary<Value, Value>? side, FieldMap? fields, int version)
    {
        Target = target;
        _elements = elements;
        _side = side;
        _fields = fields;
        _matchedVersion = version;
        var children = new HashSet<object>(ReferenceEqualityComparer.Instance);
        if (elements is not null)
        {
            AddChildren(children, elements);
        }
        if (side is not null)
        {
            AddChildren(children, side.Keys);
            AddChildren(children, side.Values);
        }
        if (fields is not null)
        {
            AddChildren(children, fields.Keys);
            AddChildren(children, fields.Select(field => field.Value));
        }
        Children = children.ToArray();
        Bytes = HeapWalker.TableBytes + (elements?.Length ?? 0) * HeapWalker.ElementBytes
            + (side?.Count ?? 0) * HeapWalker.SideEntryBytes + (fields?.Capacity ?? 0) * HeapWalker.FieldBytes
            + Children.Length * sizeof(long);
    }

    /// <summary>The object: a <see cref="StoffelArray"/>, a <see cref="StoffelObject"/> or an upvalue cell array (<c>Value[]</c>).</summary>
    public object Target { get; }

    /// <summary>The mutable objects the contents refer to (tables and closures' cell arrays), each once.</summary>
    public object[] Children { get; }

    /// <summary>Approximate bytes this copy holds.</summary>
    public long Bytes { get; }

    /// <summary>True while the object still holds exactly these contents (it was not written since they were copied or restored).</summary>
    public bool IsCurrent => _matchedVersion != NeverCurrent && _matchedVersion == VersionOf(Target);

    /// <summary>Copies the contents of <paramref name="target"/>.</summary>
    public static FrozenTable Freeze(object target) => target switch
    {
        StoffelArray array => new FrozenTable(array, array.Elements.ToArray(), array.CopySideEntries(), null, VersionOf(array)),
        StoffelObject table => new FrozenTable(table, null, null, table.Fields.Clone(), VersionOf(table)),
        Value[] cells => new FrozenTable(cells, (Value[])cells.Clone(), null, null, NeverCurrent),
        _ => throw new ArgumentException($"{target.GetType().Name} is not a recordable heap object", nameof(target)),
    };

    /// <summary>The mutable heap object a value refers to (a closure: its cells), or null for scalars, strings and foreign objects.</summary>
    public static object? TargetOf(in Value value) => value.Kind switch
    {
        ValueKind.Object or ValueKind.Array => value.Payload,
        ValueKind.Closure => value.PayloadAs<Closure>().Cells,
        _ => null,
    };

    /// <summary>Writes the contents back into the object.</summary>
    public void Restore()
    {
        switch (Target)
        {
            case StoffelArray array:
                array.Elements.ReplaceAll(_elements!);
                array.RestoreSideEntries(_side);
                break;
            case StoffelObject table:
                table.Fields.CopyFrom(_fields!);
                break;
            case Value[] cells:
                _elements!.CopyTo(cells, 0);
                break;
        }
        if (_matchedVersion != NeverCurrent)
        {
            _matchedVersion = VersionOf(Target);
        }
    }

    // A table with side entries is never shared: writes to them are not versioned.
    private static int VersionOf(object target) => target switch
    {
        StoffelArray array => array.HasSideEntries ? NeverCurrent : array.Elements.Version,
        StoffelObject table => table.Fields.Version,
        _ => NeverCurrent,
    };

    private static void AddChildren(HashSet<object> children, IEnumerable<Value> values)
    {
        foreach (var value in values)
        {
            if (TargetOf(value) is { } child)
            {
                children.Add(child);
            }
        }
    }
}
