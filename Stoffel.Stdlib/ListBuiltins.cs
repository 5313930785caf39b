using Stoffel.Vm.Runtime;
using Stoffel.Vm.Values;

namespace Stoffel.Stdlib;

/// <summary>
/// The <see cref="StdlibModules.Lists"/> module: upstream's list methods (its <c>standard_library.rs</c>).
/// Equality is value equality (<c>I64(1) != U64(1)</c>, arrays deep). Every element read fires
/// ArrayElementRead and every changed slot ArrayElementWrite (removed slots: old value → Unit).
/// </summary>
internal static partial class ListBuiltins
{
    public static void Register(VirtualMachine vm)
    {
        vm.RegisterBuiltin("extend", Extend);
        vm.RegisterBuiltin("copy", Copy);
        vm.RegisterBuiltin("count", Count);
        vm.RegisterBuiltin("index", Index);
        vm.RegisterBuiltin("pop", Pop);
        vm.RegisterBuiltin("remove", Remove);
        vm.RegisterBuiltin("insert", Insert);
        vm.RegisterBuiltin("delete", Delete);
        vm.RegisterBuiltin("clear", Clear);
        vm.RegisterBuiltin("reverse", Reverse);
        vm.RegisterBuiltin("sort", Sort);
        vm.RegisterBuiltin("range", Range);
    }

    // extend(list, other): other is read completely first, so extend(a, a) doubles a.
    private static Value Extend(ForeignFunctionContext context)
    {
        context.ExpectArgumentCount(2);
        var list = Arguments.Array(context, 0);
        foreach (var value in ArrayAccess.ReadAll(context, Arguments.Array(context, 1)))
        {
            context.Append(list, value);
        }
        return Value.Unit;
    }

    // copy(list): a new array with the same elements (shallow) and side entries.
    private static Value Copy(ForeignFunctionContext context)
    {
        context.ExpectArgumentCount(1);
        var source = Arguments.Array(context, 0);
        var result = context.Objects.CreateArray(source.Length);
        foreach (var value in ArrayAccess.ReadAll(context, source))
        {
            context.Append(result.AsArray!, value);
        }
        if (source.HasSideEntries)
        {
            foreach (var key in source.SideEntries.Keys.ToArray())
            {
                context.WriteTable(result, key, context.ReadTable(context[0], key));
            }
        }
        return result;
    }

    // count(list, v): I64 number of elements equal to v.
    private static Value Count(ForeignFunctionContext context)
    {
        context.ExpectArgumentCount(2);
        var list = Arguments.Array(context, 0);
        var count = 0L;
        for (var i = 0; i < list.Length; i++)
        {
            if (ValueEquality.Equal(context, context.GetElement(list, i), context[1]))
            {
                count++;
            }
        }
        return Value.FromI64(count);
    }

    // index(list, v, start = 0, stop = I64::MAX): the window is normalised like a slice (negative
    // from the end, then clamped to 0..len).
    private static Value Index(ForeignFunctionContext context)
    {
        Arguments.Between(context, 2, 4);
        var list = Arguments.Array(context, 0);
        var start = Indexing.ClampedPosition(context, 2, list.Length, 0);
        var stop = Indexing.ClampedPosition(context, 3, list.Length, list.Length);
        var found = ArrayAccess.IndexOf(context, list, context[1], start, stop);
        return found >= 0 ? Value.FromI64(found) : throw NotInList(context);
    }

    // clear(list): removes every element (side entries stay).
    private static Value Clear(ForeignFunctionContext context)
    {
        context.ExpectArgumentCount(1);
        context.Truncate(Arguments.Array(context, 0), 0);
        return Value.Unit;
    }

    // reverse(list): in place.
    private static Value Reverse(ForeignFunctionContext context)
    {
        context.ExpectArgumentCount(1);
        var list = Arguments.Array(context, 0);
        var values = ArrayAccess.ReadAll(context, list);
        values.Reverse();
        ArrayAccess.Rewrite(context, list, values);
        return Value.Unit;
    }

    // range(start, stop, step = 1): a new array of I64, Python's rules; integers of any kind.
    private static Value Range(ForeignFunctionContext context)
    {
        Arguments.Between(context, 2, 3);
        var start = Arguments.Integer(context, 0);
        var stop = Arguments.Integer(context, 1);
        var step = context.ArgumentCount > 2 ? Arguments.Integer(context, 2) : 1;
        if (step == 0)
        {
            throw Arguments.Error(context, VmErrorKind.ForeignFunctionError, "step cannot be zero");
        }
        var span = step > 0 ? stop - start : start - stop;
        var magnitude = Int128.Abs(step);
        var count = span <= 0 ? 0 : (span + magnitude - 1) / magnitude;
        var limit = context.Inspector.Limits.MaxArrayLength;
        if (count > limit)
        {
            throw Arguments.Error(context, VmErrorKind.MemoryLimitExceeded, $"{count} elements exceed the array length limit of {limit}");
        }
        if (count > 0 && (!FitsI64(start) || !FitsI64(start + (count - 1) * step)))
        {
            throw Arguments.Error(context, VmErrorKind.IntegerOverflow, $"values from {start} to {stop} do not fit int64");
        }
        var result = context.Objects.CreateArray((long)count);
        for (var i = Int128.Zero; i < count; i++)
        {
            context.Append(result.AsArray!, Value.FromI64((long)(start + i * step)));
        }
        return result;
    }

    private static bool FitsI64(Int128 value) => value >= long.MinValue && value <= long.MaxValue;

    private static StoffelError NotInList(ForeignFunctionContext context) =>
        Arguments.Error(context, VmErrorKind.ForeignFunctionError, "value is not in list");
}
