using System.Numerics;
using Stoffel.Vm.Runtime;
using Stoffel.Vm.Values;

namespace Stoffel.Stdlib;

/// <summary>
/// The <see cref="StdlibModules.Math"/> module, beyond upstream
/// (docs/host-api.md "Standard library beyond upstream"). Integer results keep the operand's kind
/// and are checked like ADD/SUB/MUL (docs/semantics.md "Arithmetic"): overflow is an
/// <see cref="VmErrorKind.IntegerOverflow"/>, never wrap-around. Comparisons are CMP's
/// (docs/semantics.md "CMP").
/// </summary>
internal static class MathBuiltins
{
    public static void Register(VirtualMachine vm)
    {
        vm.RegisterBuiltin("abs", Abs);
        vm.RegisterBuiltin("min", Min);
        vm.RegisterBuiltin("max", Max);
        vm.RegisterBuiltin("pow", Pow);
        vm.RegisterBuiltin("sqrt", Sqrt);
        vm.RegisterBuiltin("floor", Floor);
        vm.RegisterBuiltin("ceil", Ceil);
        vm.RegisterBuiltin("round", Round);
    }

    // abs(x): same kind; abs of a signed kind's minimum does not fit and is an overflow.
    private static Value Abs(ForeignFunctionContext context)
    {
        context.ExpectArgumentCount(1);
        var x = context[0];
        if (x.Kind == ValueKind.Float)
        {
            return Value.FromFloat(Math.Abs(x.AsFloat));
        }
        var value = Arguments.Integer(context, 0);
        return Checked(context, x.Kind, BigInteger.Abs((BigInteger)value), $"abs({x})");
    }

    // min(a, b, ...) / max(a, b, ...), or min(list) / max(list): the first least (greatest) value,
    // kind preserved, ordered as CMP orders (numbers of any kinds exactly, strings, bools).
    private static Value Min(ForeignFunctionContext context) => Extreme(context, CompareFlag.Less);

    private static Value Max(ForeignFunctionContext context) => Extreme(context, CompareFlag.Greater);

    private static Value Extreme(ForeignFunctionContext context, CompareFlag wanted)
    {
        Arguments.AtLeast(context, 1);
        IReadOnlyList<Value> candidates = context.ArgumentCount == 1
            ? ArrayAccess.ReadAll(context, context[0].AsArray ?? throw Arguments.TypeError(context, 0, "an array or at least 2 values"))
            : context.Arguments.ToArray();
        if (candidates.Count == 0)
        {
            throw Arguments.Error(context, VmErrorKind.ForeignFunctionError, "the list is empty");
        }
        var best = candidates[0];
        try
        {
            // Compared with itself first, so a lone NaN or Unit is rejected too.
            Comparison.Compare(best, best);
            foreach (var candidate in candidates.Skip(1))
            {
                if (Comparison.Compare(candidate, best) == wanted)
                {
                    best = candidate;
                }
            }
        }
        catch (StoffelError error)
        {
            throw Arguments.Named(context, error);
        }
        return best;
    }

    // pow(base, exponent): an integer base with a non-negative exponent of any integer kind keeps
    // the base's kind (checked); Float with Float or I64 (either side) gives Float, as for ADD.
    private static Value Pow(ForeignFunctionContext context)
    {
        context.ExpectArgumentCount(2);
        var (x, y) = (context[0], context[1]);
        if (x.Kind.IsInteger() && y.Kind.IsInteger())
        {
            var exponent = Arguments.Integer(context, 1);
            if (exponent < 0)
            {
                throw Arguments.Error(context, VmErrorKind.ForeignFunctionError, $"negative exponent {y} for an integer base (use a float base)");
            }
            var @base = (BigInteger)Arguments.Integer(context, 0);
            // |base| >= 2 overflows every kind beyond exponent 64; 0, 1 and -1 only need the parity.
            var power = BigInteger.Abs(@base) <= 1
                ? BigInteger.Pow(@base, exponent == 0 ? 0 : 2 - (int)(exponent % 2))
                : BigInteger.Pow(@base, (int)Int128.Min(exponent, 65));
            return Checked(context, x.Kind, power, $"pow({x}, {y})");
        }
        if (IsFloatOperand(x, y) && IsFloatOperand(y, x))
        {
            return Value.FromFloat(Math.Pow(ToDouble(x), ToDouble(y)));
        }
        throw Arguments.Error(context, VmErrorKind.TypeError,
            $"cannot raise {ValueFormatter.Describe(x)} to {ValueFormatter.Describe(y)}: use integers, or a float with a float or int64");
    }

    private static bool IsFloatOperand(Value value, Value other) =>
        value.Kind == ValueKind.Float || (value.Kind == ValueKind.I64 && other.Kind == ValueKind.Float);

    // sqrt(x): any number → Float; a negative argument is an error rather than NaN.
    private static Value Sqrt(ForeignFunctionContext context)
    {
        context.ExpectArgumentCount(1);
        var x = Number(context, 0);
        return x < 0
            ? throw Arguments.Error(context, VmErrorKind.ForeignFunctionError, $"negative argument {ValueFormatter.Describe(context[0])}")
            : Value.FromFloat(Math.Sqrt(x));
    }

    private static double Number(ForeignFunctionContext context, int index)
    {
        var value = context[index];
        if (value.Kind == ValueKind.Float)
        {
            return value.AsFloat;
        }
        return Arguments.TryInteger(value, out var integer) ? (double)integer : throw Arguments.TypeError(context, index, "a number");
    }

    // floor(x), ceil(x), round(x): a Float becomes the I64 of the integral result (round: half away
    // from zero, like Rust's f64::round); NaN, ±inf or a result outside int64 is an overflow.
    // Integers are returned unchanged.
    private static Value Floor(ForeignFunctionContext context) => Rounded(context, Math.Floor);

    private static Value Ceil(ForeignFunctionContext context) => Rounded(context, Math.Ceiling);

    private static Value Round(ForeignFunctionContext context) => Rounded(context, x => Math.Round(x, MidpointRounding.AwayFromZero));

    private static Value Rounded(ForeignFunctionContext context, Func<double, double> round)
    {
        context.ExpectArgumentCount(1);
        var x = context[0];
        if (x.Kind.IsInteger())
        {
            return x;
        }
        if (x.Kind != ValueKind.Float)
        {
            throw Arguments.TypeError(context, 0, "a number");
        }
        var result = round(x.AsFloat);
        // -2^63 and 2^63 are exact doubles: int64 is [-2^63, 2^63).
        return result >= -9223372036854775808.0 && result < 9223372036854775808.0
            ? Value.FromI64((long)result)
            : throw Arguments.Error(context, VmErrorKind.IntegerOverflow, $"{ValueFormatter.Describe(x)} has no int64 value");
    }

    private static double ToDouble(Value value) => value.Kind == ValueKind.Float ? value.AsFloat : value.AsI64;

    // The value if it fits kind, else an IntegerOverflow naming the operation.
    private static Value Checked(ForeignFunctionContext context, ValueKind kind, BigInteger value, string operation)
    {
        var width = kind.BitWidth();
        var (min, max) = kind.IsUnsigned()
            ? (BigInteger.Zero, (BigInteger.One << width) - 1)
            : (-(BigInteger.One << (width - 1)), (BigInteger.One << (width - 1)) - 1);
        return value >= min && value <= max
            ? Value.FromIntegerBits(kind, kind == ValueKind.U64 ? unchecked((long)(ulong)value) : (long)value)
            : throw Arguments.Error(context, VmErrorKind.IntegerOverflow, $"{operation} overflows {kind.TypeName()}");
    }
}
