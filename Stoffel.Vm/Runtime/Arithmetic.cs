using System.Runtime.CompilerServices;
using Stoffel.Vm.Instructions;
using Stoffel.Vm.Values;

namespace Stoffel.Vm.Runtime;

/// <summary>
/// Arithmetic, bitwise and shift instructions on clear values, exactly as upstream HEAD
/// (<c>runtime_value_ops/arithmetic.rs</c>, <c>bitwise.rs</c>): same integer kind on both sides;
/// Float with Float or I64; String + String; Bool for AND/OR/XOR/NOT. Integer ADD/SUB/MUL are
/// checked; DIV/MOD truncate and reject a zero divisor and <c>MIN / -1</c>. The full table is in
/// docs/semantics.md.
/// </summary>
public static class Arithmetic
{
    /// <summary>Applies a binary opcode (ADD … XOR, SHL, SHR).</summary>
    /// <exception cref="StoffelError">Type error, overflow, zero divisor or bad shift amount.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="opcode"/> is not a binary arithmetic opcode.</exception>
    public static Value Binary(Opcode opcode, Value left, Value right)
    {
        if (opcode is Opcode.SHL or Opcode.SHR)
        {
            return Shift(opcode, left, right);
        }
        if (TryNarrow(opcode, in left, in right, out var narrow))
        {
            return narrow;
        }
        if (left.Kind.IsInteger() && left.Kind == right.Kind)
        {
            return left.Kind.IsUnsigned()
                ? Unsigned(opcode, left.Kind, left.AsU64, right.AsU64)
                : Signed(opcode, left.Kind, left.AsI64, right.AsI64);
        }
        if (IsFloatPair(left, right) && opcode is >= Opcode.ADD and <= Opcode.MOD)
        {
            return Float(opcode, ToDouble(left), ToDouble(right));
        }
        if (left.Kind == ValueKind.String && right.Kind == ValueKind.String && opcode == Opcode.ADD)
        {
            return Value.FromString(string.Concat(left.AsString, right.AsString));
        }
        if (left.Kind == ValueKind.Bool && right.Kind == ValueKind.Bool && opcode is Opcode.AND or Opcode.OR or Opcode.XOR)
        {
            return Value.FromBool(opcode switch
            {
                Opcode.AND => left.AsBool & right.AsBool,
                Opcode.OR => left.AsBool | right.AsBool,
                _ => left.AsBool ^ right.AsBool,
            });
        }
        throw TypeError(opcode, left, right);
    }

    /// <summary>NOT: bitwise complement of an integer (kept in its kind) or logical not of a Bool.</summary>
    /// <exception cref="StoffelError">Any other kind.</exception>
    public static Value Not(Value operand)
    {
        if (operand.Kind == ValueKind.Bool)
        {
            return Value.FromBool(!operand.AsBool);
        }
        if (operand.Kind.IsInteger())
        {
            return Normalise(operand.Kind, ~operand.Bits);
        }
        throw new StoffelError(VmErrorKind.TypeError, $"NOT needs an integer or a boolean, got {ValueFormatter.Describe(operand)}");
    }

    /// <summary>Truncates raw bits to <paramref name="kind"/>: sign-extends signed kinds, zero-extends unsigned ones.</summary>
    public static Value Normalise(ValueKind kind, long raw) => Value.FromIntegerBits(kind, kind switch
    {
        ValueKind.I8 => (sbyte)raw,
        ValueKind.I16 => (short)raw,
        ValueKind.I32 => (int)raw,
        ValueKind.U8 => (byte)raw,
        ValueKind.U16 => (ushort)raw,
        ValueKind.U32 => (uint)raw,
        _ => raw,
    });

    private static bool IsFloatPair(Value left, Value right) =>
        (left.Kind == ValueKind.Float && right.Kind is ValueKind.Float or ValueKind.I64)
        || (left.Kind == ValueKind.I64 && right.Kind == ValueKind.Float);

    private static double ToDouble(Value value) => value.Kind == ValueKind.Float ? value.AsFloat : value.AsI64;

    /// <summary>
    /// ADD, SUB, MUL, DIV or MOD of two values of one narrow integer kind (I32 … I8, U8 … U32)
    /// whose result fits the kind: the short path for these kinds, as the dispatch loop's inline
    /// one is for I64. Their bits are sign- or zero-extended to 64 (<see cref="Normalise"/>), so
    /// a sum, difference or truncated quotient or remainder is exact in a <c>long</c>, and so is
    /// a product except U32 × U32 above 2^63, which wraps to a negative number and fails the fit
    /// test like every other result outside the kind. False for anything else — overflow, a
    /// divisor of 0 or -1 (upstream's checked <c>MIN % -1</c>) — where <see cref="Binary"/>
    /// applies the full rules and builds the error.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool TryNarrow(Opcode opcode, in Value left, in Value right, out Value result)
    {
        var kind = left.Kind;
        if (kind != right.Kind || !kind.IsNarrowInteger() || opcode is < Opcode.ADD or > Opcode.MOD
            || (opcode >= Opcode.DIV && right.Bits is 0 or -1))
        {
            result = default;
            return false;
        }
        var exact = unchecked(opcode switch
        {
            Opcode.ADD => left.Bits + right.Bits,
            Opcode.SUB => left.Bits - right.Bits,
            Opcode.MUL => left.Bits * right.Bits,
            Opcode.DIV => left.Bits / right.Bits,
            _ => left.Bits % right.Bits,
        });
        result = Value.FromIntegerBits(kind, exact);
        return exact == kind switch
        {
            ValueKind.I32 => (int)exact,
            ValueKind.I16 => (short)exact,
            ValueKind.I8 => (sbyte)exact,
            ValueKind.U8 => (byte)exact,
            ValueKind.U16 => (ushort)exact,
            _ => (long)(uint)exact,
        };
    }

    private static Value Signed(Opcode opcode, ValueKind kind, long x, long y)
    {
        Int128 result = opcode switch
        {
            Opcode.ADD => (Int128)x + y,
            Opcode.SUB => (Int128)x - y,
            Opcode.MUL => (Int128)x * y,
            Opcode.DIV => y == 0 ? throw DivisionByZero(kind) : (Int128)x / y,
            Opcode.MOD => y == 0 ? throw ModuloByZero(kind) : y == -1 ? CheckedRemainderByMinusOne(kind, x) : x % y,
            Opcode.AND => x & y,
            Opcode.OR => x | y,
            Opcode.XOR => x ^ y,
            _ => throw new ArgumentOutOfRangeException(nameof(opcode), opcode, "not a binary arithmetic opcode"),
        };
        var (min, max) = SignedRange(kind);
        if (result < min || result > max)
        {
            throw Overflow(opcode, kind, x.ToString(System.Globalization.CultureInfo.InvariantCulture), y.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        return Value.FromIntegerBits(kind, (long)result);
    }

    // Upstream uses checked_rem: MIN % -1 is an overflow although the remainder would be 0.
    private static Int128 CheckedRemainderByMinusOne(ValueKind kind, long x) =>
        x == SignedRange(kind).Min ? SignedRange(kind).Max + (Int128)1 : 0;

    private static Value Unsigned(Opcode opcode, ValueKind kind, ulong x, ulong y)
    {
        UInt128 result = opcode switch
        {
            Opcode.ADD => (UInt128)x + y,
            Opcode.SUB => x < y ? UInt128.MaxValue : (UInt128)(x - y),
            Opcode.MUL => (UInt128)x * y,
            Opcode.DIV => y == 0 ? throw DivisionByZero(kind) : (UInt128)(x / y),
            Opcode.MOD => y == 0 ? throw ModuloByZero(kind) : (UInt128)(x % y),
            Opcode.AND => x & y,
            Opcode.OR => x | y,
            Opcode.XOR => x ^ y,
            _ => throw new ArgumentOutOfRangeException(nameof(opcode), opcode, "not a binary arithmetic opcode"),
        };
        if (result > UnsignedMax(kind))
        {
            throw Overflow(opcode, kind, x.ToString(System.Globalization.CultureInfo.InvariantCulture), y.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        return Value.FromIntegerBits(kind, unchecked((long)(ulong)result));
    }

    private static Value Float(Opcode opcode, double x, double y) => Value.FromFloat(opcode switch
    {
        Opcode.ADD => x + y,
        Opcode.SUB => x - y,
        Opcode.MUL => x * y,
        Opcode.DIV => y == 0.0 ? throw DivisionByZero(ValueKind.Float) : x / y,
        _ => y == 0.0 ? throw ModuloByZero(ValueKind.Float) : x % y,
    });

    private static Value Shift(Opcode opcode, Value value, Value amount)
    {
        if (!value.Kind.IsInteger() || value.Kind != amount.Kind)
        {
            throw TypeError(opcode, value, amount);
        }
        var width = value.Kind.BitWidth();
        // Upstream converts the amount to a u32 count first: a negative amount, or one above
        // u32::MAX, is invalid; the one exception is a U64 amount above i64::MAX, which it
        // reports as out of range.
        var invalid = amount.Kind == ValueKind.U64
            ? amount.AsU64 is > uint.MaxValue and <= long.MaxValue
            : amount.AsI64 is < 0 or > uint.MaxValue;
        if (invalid)
        {
            throw new StoffelError(VmErrorKind.InvalidShiftAmount, $"invalid shift amount {amount}: must be a count from 0 to {uint.MaxValue}");
        }
        if (amount.AsU64 >= (ulong)width)
        {
            throw new StoffelError(VmErrorKind.ShiftOutOfRange, $"shift amount {amount} is out of range for {value.Kind.TypeName()} (must be below {width})");
        }
        var count = (int)amount.AsU64;
        if (opcode == Opcode.SHL)
        {
            return Normalise(value.Kind, value.Bits << count);
        }
        return value.Kind.IsUnsigned()
            ? Value.FromIntegerBits(value.Kind, unchecked((long)(value.AsU64 >> count)))
            : Value.FromIntegerBits(value.Kind, value.AsI64 >> count);
    }

    internal static (long Min, long Max) SignedRange(ValueKind kind) => kind switch
    {
        ValueKind.I8 => (sbyte.MinValue, sbyte.MaxValue),
        ValueKind.I16 => (short.MinValue, short.MaxValue),
        ValueKind.I32 => (int.MinValue, int.MaxValue),
        _ => (long.MinValue, long.MaxValue),
    };

    internal static ulong UnsignedMax(ValueKind kind) => kind switch
    {
        ValueKind.U8 => byte.MaxValue,
        ValueKind.U16 => ushort.MaxValue,
        ValueKind.U32 => uint.MaxValue,
        _ => ulong.MaxValue,
    };

    private static string Symbol(Opcode opcode) => opcode switch
    {
        Opcode.ADD => "+",
        Opcode.SUB => "-",
        Opcode.MUL => "*",
        Opcode.DIV => "/",
        Opcode.MOD => "%",
        Opcode.AND => "&",
        Opcode.OR => "|",
        Opcode.XOR => "^",
        Opcode.SHL => "<<",
        _ => ">>",
    };

    private static StoffelError Overflow(Opcode opcode, ValueKind kind, string x, string y) =>
        new(VmErrorKind.IntegerOverflow, $"integer overflow: {x} {Symbol(opcode)} {y} does not fit in {kind.TypeName()}");

    private static StoffelError DivisionByZero(ValueKind kind) =>
        new(VmErrorKind.DivisionByZero, $"division by zero ({kind.TypeName()})");

    private static StoffelError ModuloByZero(ValueKind kind) =>
        new(VmErrorKind.ModuloByZero, $"modulo by zero ({kind.TypeName()})");

    internal static StoffelError TypeError(Opcode opcode, Value left, Value right) =>
        new(VmErrorKind.TypeError, $"{opcode} cannot combine {ValueFormatter.Describe(left)} and {ValueFormatter.Describe(right)}"
            + (left.Kind.IsInteger() && right.Kind.IsInteger() ? ": integer operands must have the same kind" : ""));
}
