using System.Text;
using Stoffel.Vm.Runtime;
using Stoffel.Vm.Values;

namespace Stoffel.Stdlib;

/// <summary>
/// The <see cref="StdlibModules.Arrays"/> module: list construction, length, slicing, membership,
/// concatenation, repetition and equality, as upstream defines them (<c>standard_library.rs</c>).
/// Element reads and writes go through the context, so ArrayElementRead/ArrayElementWrite fire for
/// each element touched.
/// </summary>
internal static class ArrayBuiltins
{
    public static void Register(VirtualMachine vm)
    {
        vm.RegisterBuiltin("create_array", CreateArray);
        vm.RegisterBuiltin("array_push", ArrayPush, Intrinsic.ArrayPush);
        vm.RegisterBuiltin("append", Append);
        vm.RegisterBuiltin("array_length", Length, Intrinsic.ArrayLength);
        vm.RegisterBuiltin("len", Length, Intrinsic.ArrayLength);
        vm.RegisterBuiltin("slice", Slice);
        vm.RegisterBuiltin("contains", Contains);
        vm.RegisterBuiltin("array_concat", Concat);
        vm.RegisterBuiltin("array_repeat", Repeat);
        vm.RegisterBuiltin("array_equals", ArrayEquals);
    }

    // Optional arg0 is a capacity hint (a non-negative integer); further arguments are ignored, as upstream.
    private static Value CreateArray(ForeignFunctionContext context)
    {
        if (context.ArgumentCount == 0)
        {
            return context.Objects.CreateArray();
        }
        var capacity = Arguments.Integer(context, 0);
        return capacity >= 0
            ? context.Objects.CreateArray((long)Int128.Min(capacity, long.MaxValue))
            : throw Arguments.TypeError(context, 0, "a non-negative capacity");
    }

    // Returns the new length as I64 (the compiler's list literals).
    private static Value ArrayPush(ForeignFunctionContext context) => Value.FromI64(PushRest(context));

    // Same as array_push but returns Unit (the user-facing list.append).
    private static Value Append(ForeignFunctionContext context)
    {
        PushRest(context);
        return Value.Unit;
    }

    private static int PushRest(ForeignFunctionContext context)
    {
        Arguments.AtLeast(context, 2);
        var array = Arguments.Array(context, 0);
        for (var i = 1; i < context.ArgumentCount; i++)
        {
            context.Append(array, context[i]);
        }
        return array.Length;
    }

    // array_length and len: exactly one array or string; strings count Unicode scalars.
    private static Value Length(ForeignFunctionContext context)
    {
        context.ExpectArgumentCount(1);
        return context[0] switch
        {
            { Kind: ValueKind.String } text => Value.FromI64(UnicodeText.ScalarCount(text.AsString)),
            { AsArray: { } array } => Value.FromI64(array.Length),
            _ => throw Arguments.TypeError(context, 0, "an array or string"),
        };
    }

    // slice(v, start, stop, step = 1): Python slicing into a new array or string.
    private static Value Slice(ForeignFunctionContext context)
    {
        Arguments.Between(context, 3, 4);
        var target = context[0];
        if (target.Kind == ValueKind.String)
        {
            var scalars = UnicodeText.Scalars(target.AsString);
            var text = new StringBuilder();
            foreach (var index in Indexing.SliceIndices(context, scalars.Length))
            {
                text.Append(scalars[index].ToString());
            }
            return context.CreateString(text.ToString());
        }
        var source = target.AsArray ?? throw Arguments.TypeError(context, 0, "an array or string");
        var indices = Indexing.SliceIndices(context, source.Length);
        var result = context.Objects.CreateArray(indices.Count);
        foreach (var index in indices)
        {
            context.Append(result.AsArray!, context.GetElement(source, index));
        }
        return result;
    }

    // contains(container, needle): substring, deep element equality, or object key presence.
    private static Value Contains(ForeignFunctionContext context)
    {
        context.ExpectArgumentCount(2);
        var container = context[0];
        var needle = context[1];
        switch (container.Kind)
        {
            case ValueKind.String:
                return Value.FromBool(container.AsString.Contains(Arguments.String(context, 1), StringComparison.Ordinal));
            case ValueKind.Array:
                return Value.FromBool(ArrayAccess.IndexOf(context, container.AsArray!, needle) >= 0);
            case ValueKind.Object:
                // The read fires ObjectFieldRead; presence, not the value, decides (a field may hold Unit).
                context.ReadTable(container, needle);
                return Value.FromBool(container.AsObject!.Fields.ContainsKey(needle));
            default:
                throw Arguments.TypeError(context, 0, "a string, array or object");
        }
    }

    // array_concat(left, right): a new array, left's elements then right's.
    private static Value Concat(ForeignFunctionContext context)
    {
        context.ExpectArgumentCount(2);
        var left = Arguments.Array(context, 0);
        var right = Arguments.Array(context, 1);
        var result = context.Objects.CreateArray(left.Length + (long)right.Length);
        var elements = ArrayAccess.ReadAll(context, left);
        elements.AddRange(ArrayAccess.ReadAll(context, right));
        AppendAll(context, result.AsArray!, elements, 1);
        return result;
    }

    // array_repeat(list, n): a new array holding list's elements max(n, 0) times.
    private static Value Repeat(ForeignFunctionContext context)
    {
        context.ExpectArgumentCount(2);
        var source = Arguments.Array(context, 0);
        var count = Int128.Max(Arguments.Integer(context, 1), 0);
        var limit = context.Inspector.Limits.MaxArrayLength;
        if (source.Length * count > limit)
        {
            throw Arguments.Error(context, VmErrorKind.MemoryLimitExceeded,
                $"{source.Length} elements repeated {count} times exceed the array length limit of {limit}");
        }
        var result = context.Objects.CreateArray((long)(source.Length * count));
        AppendAll(context, result.AsArray!, ArrayAccess.ReadAll(context, source), source.Length == 0 ? 0 : (int)count);
        return result;
    }

    // array_equals(left, right): element-wise, nested arrays recursively (depth limit 64).
    private static Value ArrayEquals(ForeignFunctionContext context)
    {
        context.ExpectArgumentCount(2);
        return Value.FromBool(ValueEquality.ArraysEqual(context, Arguments.Array(context, 0), Arguments.Array(context, 1)));
    }

    private static void AppendAll(ForeignFunctionContext context, StoffelArray target, List<Value> values, int times)
    {
        for (var t = 0; t < times; t++)
        {
            foreach (var value in values)
            {
                context.Append(target, value);
            }
        }
    }
}
