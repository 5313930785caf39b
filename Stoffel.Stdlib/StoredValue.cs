using Stoffel.Vm.Runtime;
using Stoffel.Vm.Values;

namespace Stoffel.Stdlib;

/// <summary>
/// A value as <see cref="LocalStore"/> keeps it: a deep, immutable copy detached from any VM, so
/// later changes to the stored table do not reach the store, and a load builds fresh tables.
/// Only unit, booleans, integers, floats, strings and arrays/objects of those can be stored.
/// </summary>
internal abstract record StoredValue
{
    /// <summary>Tables nested deeper than this cannot be stored (as deep as array equality looks).</summary>
    public const int MaxDepth = ValueEquality.MaxDepth;

    /// <summary>
    /// Copies <paramref name="value"/>, reading tables through the context (ArrayElementRead and
    /// ObjectFieldRead fire for every entry copied).
    /// </summary>
    /// <exception cref="StoffelError">A closure or foreign value, a cycle, or nesting beyond <see cref="MaxDepth"/>.</exception>
    public static StoredValue Capture(ForeignFunctionContext context, Value value) =>
        Capture(context, value, new HashSet<object>(ReferenceEqualityComparer.Instance));

    /// <summary>Builds the value in the calling VM: new tables, filled through the context (write events fire).</summary>
    public abstract Value Restore(ForeignFunctionContext context);

    private static StoredValue Capture(ForeignFunctionContext context, Value value, HashSet<object> open)
    {
        if (value.Kind is ValueKind.Closure or ValueKind.Foreign)
        {
            throw Arguments.Error(context, VmErrorKind.TypeError,
                $"cannot store {ValueFormatter.Describe(value)}: only unit, booleans, numbers, strings and arrays or objects of those");
        }
        if (value.Kind is not (ValueKind.Array or ValueKind.Object))
        {
            return new StoredScalar(value);
        }
        var table = (object?)value.AsArray ?? value.AsObject!;
        if (open.Count == MaxDepth)
        {
            throw Arguments.Error(context, VmErrorKind.TypeError, $"cannot store tables nested more than {MaxDepth} deep");
        }
        if (!open.Add(table))
        {
            throw Arguments.Error(context, VmErrorKind.TypeError, $"cannot store an {value.Kind.TypeName()} that contains itself");
        }
        StoredValue result;
        if (value.AsArray is { } array)
        {
            var elements = ArrayAccess.ReadAll(context, array);
            var stored = new StoredValue[elements.Count];
            for (var i = 0; i < stored.Length; i++)
            {
                stored[i] = Capture(context, elements[i], open);
            }
            result = new StoredArray(stored, array.HasSideEntries ? Entries(context, value, array.SideEntries.Keys, open) : []);
        }
        else
        {
            result = new StoredObject(Entries(context, value, value.AsObject!.Fields.Keys, open));
        }
        open.Remove(table);
        return result;
    }

    // The keys are copied first: a hook on the reads may change the table.
    private static StoredEntry[] Entries(ForeignFunctionContext context, Value table, IEnumerable<Value> keys, HashSet<object> open)
    {
        var snapshot = keys.ToArray();
        var entries = new StoredEntry[snapshot.Length];
        for (var i = 0; i < snapshot.Length; i++)
        {
            entries[i] = new StoredEntry(Capture(context, snapshot[i], open), Capture(context, context.ReadTable(table, snapshot[i]), open));
        }
        return entries;
    }
}

/// <summary>Unit, Bool, an integer, Float or String: immutable, kept as the value itself.</summary>
internal sealed record StoredScalar(Value Value) : StoredValue
{
    public override Value Restore(ForeignFunctionContext context) => Value;
}

/// <summary>An array's dense elements and its side entries (keys that are not non-negative I64).</summary>
internal sealed record StoredArray(StoredValue[] Elements, StoredEntry[] Side) : StoredValue
{
    public override Value Restore(ForeignFunctionContext context)
    {
        var result = context.Objects.CreateArray(Elements.Length);
        foreach (var element in Elements)
        {
            context.Append(result.AsArray!, element.Restore(context));
        }
        StoredEntry.WriteAll(context, result, Side);
        return result;
    }
}

/// <summary>An object's fields.</summary>
internal sealed record StoredObject(StoredEntry[] Fields) : StoredValue
{
    public override Value Restore(ForeignFunctionContext context)
    {
        var result = context.Objects.CreateObject();
        StoredEntry.WriteAll(context, result, Fields);
        return result;
    }
}

/// <summary>One key and value of an object or an array's side map.</summary>
internal readonly record struct StoredEntry(StoredValue Key, StoredValue Value)
{
    public static void WriteAll(ForeignFunctionContext context, Value table, StoredEntry[] entries)
    {
        foreach (var (key, value) in entries)
        {
            context.WriteTable(table, key.Restore(context), value.Restore(context));
        }
    }
}
