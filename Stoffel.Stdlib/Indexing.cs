using Stoffel.Vm.Runtime;
using Stoffel.Vm.Values;

namespace Stoffel.Stdlib;

// Python-style index arithmetic for get_field/set_field (a negative key counts from the end:
// docs/semantics.md "Value kinds"), the list methods and slice.
// Integers of every kind count as indices; arithmetic is done in Int128 so no bound overflows.
internal static class Indexing
{
    /// <summary>
    /// A negative integer key becomes <c>I64(length + key)</c>; every other key is returned
    /// unchanged (so a non-negative U64 key still goes to the side map).
    /// </summary>
    public static Value NormaliseArrayKey(ForeignFunctionContext context, Value key, int length)
    {
        if (!Arguments.TryInteger(key, out var index) || index >= 0)
        {
            return key;
        }
        var resolved = index + length;
        return resolved >= 0 ? Value.FromI64((long)resolved) : throw OutOfRange(context, "array", index, length);
    }

    /// <summary>
    /// Resolves an index argument against a sequence of <paramref name="length"/> (a negative index
    /// counts from the end); out of range is an error naming <paramref name="what"/> ("string", "array").
    /// </summary>
    public static int ElementIndex(ForeignFunctionContext context, int argument, int length, string what)
    {
        var index = Arguments.Integer(context, argument);
        var resolved = index < 0 ? index + length : index;
        if (resolved < 0 || resolved >= length)
        {
            throw OutOfRange(context, what, index, length);
        }
        return (int)resolved;
    }

    /// <summary>
    /// A position argument clamped Python-style into 0..<paramref name="length"/> (negative counts
    /// from the end), as <c>list.insert</c> and the <c>list.index</c> window use it; a missing
    /// argument is <paramref name="omitted"/>.
    /// </summary>
    public static int ClampedPosition(ForeignFunctionContext context, int argument, int length, int omitted)
    {
        if (argument >= context.ArgumentCount)
        {
            return omitted;
        }
        var position = Arguments.Integer(context, argument);
        return (int)Int128.Clamp(position < 0 ? position + length : position, 0, length);
    }

    public static StoffelError OutOfRange(ForeignFunctionContext context, string what, Int128 index, int length) =>
        Arguments.Error(context, VmErrorKind.IndexOutOfRange, $"{what} index {index} out of range (length {length})");

    /// <summary>
    /// The positions <c>seq[start:stop:step]</c> selects in a sequence of <paramref name="length"/>
    /// (Python's rules). Arguments 1..3 of the call are start, stop and the optional step; a bound
    /// of Unit or <c>I64::MAX</c> is omitted.
    /// </summary>
    public static List<int> SliceIndices(ForeignFunctionContext context, int length)
    {
        var step = context.ArgumentCount > 3 ? Arguments.Integer(context, 3) : 1;
        if (step == 0)
        {
            throw Arguments.Error(context, VmErrorKind.IndexOutOfRange, "slice step cannot be zero");
        }
        var (low, high) = step > 0 ? (Int128.Zero, (Int128)length) : (Int128.NegativeOne, (Int128)length - 1);
        var start = SliceBound(context, 1, length, step > 0 ? low : high, low, high);
        var stop = SliceBound(context, 2, length, step > 0 ? high : low, low, high);
        var indices = new List<int>();
        for (var i = start; step > 0 ? i < stop : i > stop; i += step)
        {
            indices.Add((int)i);
        }
        return indices;
    }

    private static Int128 SliceBound(ForeignFunctionContext context, int argument, int length, Int128 omitted, Int128 low, Int128 high)
    {
        var value = context[argument];
        if (value.IsUnit || (value.Kind == ValueKind.I64 && value.AsI64 == long.MaxValue))
        {
            return omitted;
        }
        if (!Arguments.TryInteger(value, out var raw))
        {
            throw Arguments.TypeError(context, argument, "an integer or ()");
        }
        return Int128.Clamp(raw < 0 ? raw + length : raw, low, high);
    }
}
