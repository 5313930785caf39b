using Stoffel.Vm.Values;

namespace Stoffel.Vm.Runtime;

/// <summary>
/// CMP semantics (docs/semantics.md "CMP"): numbers of any kinds compare mathematically exactly (no
/// rounding; NaN is an error), strings by their UTF-8 bytes (= code point order), bools
/// false &lt; true; anything else, Unit included, cannot be compared.
/// </summary>
public static class Comparison
{
    /// <summary>Compares two values.</summary>
    /// <returns>The flag CMP sets.</returns>
    /// <exception cref="StoffelError"><see cref="VmErrorKind.CannotCompare"/> for incomparable kinds or NaN.</exception>
    public static CompareFlag Compare(Value left, Value right)
    {
        if (left.Kind == right.Kind && left.Kind is >= ValueKind.I64 and <= ValueKind.U32)
        {
            // One signed kind or one narrow unsigned kind: the bits, sign- or zero-extended, are the values.
            return ToFlag(left.Bits.CompareTo(right.Bits));
        }
        if (left.Kind.IsNumeric() && right.Kind.IsNumeric())
        {
            return ToFlag(CompareNumbers(left, right));
        }
        if (left.Kind == ValueKind.String && right.Kind == ValueKind.String)
        {
            return ToFlag(CompareCodePoints(left.AsString, right.AsString));
        }
        if (left.Kind == ValueKind.Bool && right.Kind == ValueKind.Bool)
        {
            return ToFlag(left.AsBool.CompareTo(right.AsBool));
        }
        throw new StoffelError(VmErrorKind.CannotCompare, $"cannot compare {ValueFormatter.Describe(left)} with {ValueFormatter.Describe(right)}");
    }

    /// <summary>Compares strings in Unicode code point order, which is the order of their UTF-8 bytes.</summary>
    public static int CompareCodePoints(string left, string right)
    {
        var length = Math.Min(left.Length, right.Length);
        for (var i = 0; i < length; i++)
        {
            if (left[i] != right[i])
            {
                return CodePointOrderKey(left[i]) - CodePointOrderKey(right[i]);
            }
        }
        return left.Length - right.Length;
    }

    // UTF-16 code-unit order differs from code point order only between surrogates and
    // U+E000..U+FFFF; moving surrogates above that range fixes it.
    private static int CodePointOrderKey(char c) => c switch
    {
        >= '\uD800' and <= '\uDFFF' => c + 0x2000,
        >= '\uE000' => c - 0x800,
        _ => c,
    };

    private static int CompareNumbers(Value left, Value right)
    {
        if (left.Kind != ValueKind.Float && right.Kind != ValueKind.Float)
        {
            return ToInt128(left).CompareTo(ToInt128(right));
        }
        if (left.Kind == ValueKind.Float && right.Kind == ValueKind.Float)
        {
            return CheckNaN(left.AsFloat).CompareTo(CheckNaN(right.AsFloat));
        }
        return left.Kind == ValueKind.Float
            ? CompareFloatWithInteger(CheckNaN(left.AsFloat), ToInt128(right))
            : -CompareFloatWithInteger(CheckNaN(right.AsFloat), ToInt128(left));
    }

    private static Int128 ToInt128(Value value) => value.Kind == ValueKind.U64 ? (Int128)value.AsU64 : value.AsI64;

    // Exact: compare the integral part as a 128-bit integer, then the fraction's sign.
    private static int CompareFloatWithInteger(double x, Int128 n)
    {
        const double TwoTo65 = 36893488147419103232.0;
        if (x >= TwoTo65)
        {
            return 1;
        }
        if (x <= -TwoTo65)
        {
            return -1;
        }
        var integral = Math.Truncate(x);
        var byIntegral = ((Int128)integral).CompareTo(n);
        return byIntegral != 0 ? byIntegral : (x - integral).CompareTo(0.0);
    }

    private static double CheckNaN(double x) => double.IsNaN(x)
        ? throw new StoffelError(VmErrorKind.CannotCompare, "cannot compare NaN")
        : x;

    private static CompareFlag ToFlag(int order) => order < 0 ? CompareFlag.Less : order > 0 ? CompareFlag.Greater : CompareFlag.Equal;
}
