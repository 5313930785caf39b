using Stoffel.Vm.Instructions;
using Stoffel.Vm.Values;

namespace Stoffel.Vm.Tests.Semantics;

/// <summary>
/// The expected outcome class of every instruction for every pair of operand kinds, written
/// directly from upstream's rules (<c>runtime_value_ops/arithmetic.rs</c>, <c>bitwise.rs</c>,
/// <c>compare.rs</c>) — it never calls the implementation. A cell is a
/// short code: the result kind (<c>i64</c> … <c>u64</c>, <c>f64</c>, <c>str</c>, <c>bool</c>),
/// <c>ord</c> for a successful CMP, <c>TE</c> for TypeError, <c>CC</c> for CannotCompare.
/// Value-dependent errors (overflow, zero divisors, shift amounts, NaN) are not cell classes;
/// the value tests cover them.
/// </summary>
internal static class SemanticsOracle
{
    public const string TypeErrorCode = "TE";
    public const string CannotCompareCode = "CC";
    public const string OrderedCode = "ord";

    /// <summary>The 16 kinds in the order the doc's matrices use.</summary>
    public static readonly ValueKind[] AllKinds =
    [
        ValueKind.Unit, ValueKind.Bool, ValueKind.I64, ValueKind.I32, ValueKind.I16, ValueKind.I8,
        ValueKind.U8, ValueKind.U16, ValueKind.U32, ValueKind.U64, ValueKind.Float, ValueKind.String,
        ValueKind.Object, ValueKind.Array, ValueKind.Foreign, ValueKind.Closure,
    ];

    /// <summary>The instructions the doc tabulates, in doc order.</summary>
    public static readonly Opcode[] BinaryOpcodes =
    [
        Opcode.ADD, Opcode.SUB, Opcode.MUL, Opcode.DIV, Opcode.MOD,
        Opcode.AND, Opcode.OR, Opcode.XOR, Opcode.SHL, Opcode.SHR,
    ];

    // §3.3: "I8..I64, U8..U64" — the eight integer kinds.
    public static readonly ValueKind[] IntegerKinds =
    [
        ValueKind.I64, ValueKind.I32, ValueKind.I16, ValueKind.I8,
        ValueKind.U8, ValueKind.U16, ValueKind.U32, ValueKind.U64,
    ];

    // §3.4: "Numeric values of any kinds" — integers and Float.
    private static readonly ValueKind[] NumericKinds = [.. IntegerKinds, ValueKind.Float];

    // §3.3: Float op Float, Float op I64, I64 op Float give a Float for ADD SUB MUL DIV MOD.
    private static readonly (ValueKind Left, ValueKind Right)[] FloatPairs =
    [
        (ValueKind.Float, ValueKind.Float), (ValueKind.Float, ValueKind.I64), (ValueKind.I64, ValueKind.Float),
    ];

    private static readonly Opcode[] NumericArithmetic = [Opcode.ADD, Opcode.SUB, Opcode.MUL, Opcode.DIV, Opcode.MOD];
    private static readonly Opcode[] Logical = [Opcode.AND, Opcode.OR, Opcode.XOR];
    private static readonly Opcode[] Shifts = [Opcode.SHL, Opcode.SHR];

    /// <summary>Expected cell for a binary arithmetic, bitwise or shift instruction.</summary>
    public static string Binary(Opcode opcode, ValueKind left, ValueKind right)
    {
        var sameInteger = left == right && IntegerKinds.Contains(left);
        if (Shifts.Contains(opcode))
        {
            // "v and a must have the same integer kind"; the result keeps it.
            return sameInteger ? CodeOf(left) : TypeErrorCode;
        }
        if (sameInteger && (NumericArithmetic.Contains(opcode) || Logical.Contains(opcode)))
        {
            return CodeOf(left);
        }
        if (NumericArithmetic.Contains(opcode) && FloatPairs.Contains((left, right)))
        {
            return CodeOf(ValueKind.Float);
        }
        if (opcode == Opcode.ADD && left == ValueKind.String && right == ValueKind.String)
        {
            return CodeOf(ValueKind.String);
        }
        if (Logical.Contains(opcode) && left == ValueKind.Bool && right == ValueKind.Bool)
        {
            return CodeOf(ValueKind.Bool);
        }
        return TypeErrorCode;
    }

    /// <summary>Expected cell for NOT: integers keep their kind, Bool gives Bool, anything else is a type error.</summary>
    public static string Not(ValueKind operand) =>
        IntegerKinds.Contains(operand) || operand == ValueKind.Bool ? CodeOf(operand) : TypeErrorCode;

    /// <summary>Expected cell for CMP: numbers of any kinds, String×String and Bool×Bool are ordered.</summary>
    public static string Compare(ValueKind left, ValueKind right)
    {
        var ordered = (NumericKinds.Contains(left) && NumericKinds.Contains(right))
            || (left == ValueKind.String && right == ValueKind.String)
            || (left == ValueKind.Bool && right == ValueKind.Bool);
        return ordered ? OrderedCode : CannotCompareCode;
    }

    /// <summary>Expected cell of any tabulated instruction (NOT ignores <paramref name="right"/>).</summary>
    public static string Expected(Opcode opcode, ValueKind left, ValueKind right) => opcode switch
    {
        Opcode.NOT => Not(left),
        Opcode.CMP => Compare(left, right),
        _ => Binary(opcode, left, right),
    };

    /// <summary>The short code of a result kind.</summary>
    public static string CodeOf(ValueKind kind) => kind switch
    {
        ValueKind.Float => "f64",
        ValueKind.String => "str",
        ValueKind.Bool => "bool",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
