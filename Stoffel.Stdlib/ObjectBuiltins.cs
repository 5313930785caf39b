using Stoffel.Vm.Runtime;
using Stoffel.Vm.Values;

namespace Stoffel.Stdlib;

/// <summary>
/// The <see cref="StdlibModules.Objects"/> module: field access on objects, arrays and strings
/// (docs/semantics.md "Value kinds", "Tables"). Reads and writes go through the context so the
/// object/array hook events fire with the table, the normalised key, and the old and new value.
/// </summary>
internal static class ObjectBuiltins
{
    public static void Register(VirtualMachine vm)
    {
        vm.RegisterBuiltin("create_object", CreateObject);
        vm.RegisterBuiltin("get_field", GetField, Intrinsic.GetField);
        vm.RegisterBuiltin("set_field", SetField, Intrinsic.SetField);
        vm.RegisterBuiltin("get_or_create_array_field", GetOrCreateArrayField);
    }

    // Upstream ignores any arguments.
    private static Value CreateObject(ForeignFunctionContext context) => context.Objects.CreateObject();

    // (target, key): strings index by scalar, arrays bounds-check integer keys, objects and
    // non-integer array keys read Unit when missing, any other target reads Unit.
    private static Value GetField(ForeignFunctionContext context)
    {
        Arguments.AtLeast(context, 2);
        var target = context[0];
        switch (target.Kind)
        {
            case ValueKind.String:
            {
                var scalars = UnicodeText.Scalars(target.AsString);
                return context.CreateString(scalars[Indexing.ElementIndex(context, 1, scalars.Length, "string")].ToString());
            }
            case ValueKind.Array:
                return GetElement(context, target.AsArray!, Indexing.NormaliseArrayKey(context, context[1], target.AsArray!.Length));
            case ValueKind.Object:
                return context.ReadTable(target, context[1]);
            default:
                return Value.Unit;
        }
    }

    private static Value GetElement(ForeignFunctionContext context, StoffelArray array, Value key)
    {
        if (Arguments.TryInteger(key, out var index) && !HasEntry(array, key, index))
        {
            throw Indexing.OutOfRange(context, "array", index, array.Length);
        }
        return context.ReadTable(Value.FromArray(array), key);
    }

    private static bool HasEntry(StoffelArray array, Value key, Int128 index) => key.Kind == ValueKind.I64
        ? index < array.Length
        : array.HasSideEntries && array.SideEntries.ContainsKey(key);

    // (table, key, value): negative array indices are normalised; arrays grow; returns Unit.
    private static Value SetField(ForeignFunctionContext context)
    {
        Arguments.AtLeast(context, 3);
        var table = Arguments.Table(context, 0);
        context.WriteTable(table, Key(context, table), context[2]);
        return Value.Unit;
    }

    // (table, key): the table stored at key, or a new empty array stored there when the slot is missing or Unit.
    private static Value GetOrCreateArrayField(ForeignFunctionContext context)
    {
        Arguments.AtLeast(context, 2);
        var table = Arguments.Table(context, 0);
        var key = Key(context, table);
        var existing = context.ReadTable(table, key);
        if (existing.Kind is ValueKind.Array or ValueKind.Object)
        {
            return existing;
        }
        if (!existing.IsUnit)
        {
            throw Arguments.Error(context, VmErrorKind.TypeError, $"cannot create a nested list in a slot holding {ValueFormatter.Describe(existing)}");
        }
        var created = context.Objects.CreateArray();
        context.WriteTable(table, key, created);
        return created;
    }

    private static Value Key(ForeignFunctionContext context, Value table) =>
        table.AsArray is { } array ? Indexing.NormaliseArrayKey(context, context[1], array.Length) : context[1];
}
