using Stoffel.Vm.Instructions;
using Stoffel.Vm.Runtime;
using Stoffel.Vm.Values;
using static Stoffel.Vm.Tests.Semantics.Samples;

namespace Stoffel.Vm.Tests.Semantics;

/// <summary>
/// The dispatch loop computes I64 ADD/SUB/MUL, DIV/MOD by a positive divisor and CMP inline, and
/// Float ADD/SUB/MUL and CMP of two Floats; <c>Arithmetic</c> and <c>Comparison</c> take a short
/// path for ADD/SUB/MUL/DIV/MOD and CMP of one narrow integer kind. Every pair of a set of edge
/// values is run through it (and the hooked loop and the slow path — the harness insists all
/// three agree, bit for bit) and checked against exact 128-bit arithmetic, or IEEE 754 double
/// arithmetic (upstream's f64).
/// </summary>
[TestClass]
public sealed class FastPathTests
{
    private static readonly long[] I64EdgeValues =
    [
        long.MinValue, long.MinValue + 1, -3037000500, -3037000499, -(1L << 32), -7, -2, -1, 0,
        1, 2, 7, 1L << 32, 3037000499, 3037000500, long.MaxValue - 1, long.MaxValue,
    ];

    [TestMethod]
    [DataRow(Opcode.ADD)]
    [DataRow(Opcode.SUB)]
    [DataRow(Opcode.MUL)]
    [DataRow(Opcode.DIV)]
    [DataRow(Opcode.MOD)]
    [DataRow(Opcode.CMP)]
    public void I64EdgeValuePairsMatchExactArithmetic(Opcode opcode)
    {
        ForEachPair(I64EdgeValues, (left, right) =>
            Assert.AreEqual(Expected(ValueKind.I64, opcode, left, right), InstructionHarness.Evaluate(opcode, I64(left), I64(right)), $"{opcode} {left}, {right}"));
    }

    public static IEnumerable<object[]> NarrowKindsAndOpcodes =>
        from kind in new[] { ValueKind.I32, ValueKind.I16, ValueKind.I8, ValueKind.U8, ValueKind.U16, ValueKind.U32 }
        from opcode in new[] { Opcode.ADD, Opcode.SUB, Opcode.MUL, Opcode.DIV, Opcode.MOD, Opcode.CMP }
        select new object[] { kind, opcode };

    [TestMethod]
    [DynamicData(nameof(NarrowKindsAndOpcodes))]
    public void NarrowEdgeValuePairsMatchExactArithmetic(ValueKind kind, Opcode opcode)
    {
        var (min, max) = (Min(kind), Max(kind));
        var root = (Int128)Math.Sqrt((double)max);
        Int128[] candidates = [min, min + 1, -root - 1, -root, -2, -1, 0, 1, 2, root, root + 1, max / 2, max - 1, max];
        var edges = candidates.Where(value => value >= min && value <= max).Distinct().ToArray();
        ForEachPair(edges, (left, right) =>
            Assert.AreEqual(Expected(kind, opcode, left, right), InstructionHarness.Evaluate(opcode, Int(kind, left), Int(kind, right)), $"{opcode} {left}{kind}, {right}{kind}"));
    }

    // What upstream's rules give for x and y of one integer kind, from exact 128-bit arithmetic.
    private static Outcome Expected(ValueKind kind, Opcode opcode, Int128 x, Int128 y)
    {
        if (opcode == Opcode.CMP)
        {
            return Outcome.Of((CompareFlag)Math.Sign(x.CompareTo(y)));
        }
        if (y == 0 && opcode is Opcode.DIV or Opcode.MOD)
        {
            return Outcome.Failed(opcode == Opcode.DIV ? VmErrorKind.DivisionByZero : VmErrorKind.ModuloByZero);
        }
        var (min, max) = (Min(kind), Max(kind));
        var exact = opcode switch
        {
            Opcode.ADD => x + y,
            Opcode.SUB => x - y,
            Opcode.MUL => x * y,
            Opcode.DIV => x / y,
            // Upstream's checked remainder also fails where the quotient overflows (MIN % -1).
            _ => x / y > max ? x / y : x % y,
        };
        return exact < min || exact > max
            ? Outcome.Failed(VmErrorKind.IntegerOverflow)
            : Outcome.Of(Int(kind, exact));
    }

    private static readonly double[] FloatEdgeValues =
    [
        double.NegativeInfinity, double.MinValue, -1e308, -2.5, -1.0, -double.Epsilon, -0.0, 0.0,
        double.Epsilon, 1e-310, 0.1, 1.0, 2.5, 1e308, double.MaxValue, double.PositiveInfinity, double.NaN,
    ];

    [TestMethod]
    [DataRow(Opcode.ADD)]
    [DataRow(Opcode.SUB)]
    [DataRow(Opcode.MUL)]
    public void FloatEdgeValuePairsMatchIeeeArithmetic(Opcode opcode) =>
        ForEachPair(FloatEdgeValues, (left, right) =>
        {
            var expected = opcode switch
            {
                Opcode.ADD => left + right,
                Opcode.SUB => left - right,
                _ => left * right,
            };
            InstructionHarness.AssertResult(opcode, F(left), F(right), F(expected));
        });

    [TestMethod]
    public void FloatEdgeValuePairsCompareAsDoublesAndNaNFails() =>
        ForEachPair(FloatEdgeValues, (left, right) =>
        {
            if (double.IsNaN(left) || double.IsNaN(right))
            {
                InstructionHarness.AssertError(Opcode.CMP, F(left), F(right), VmErrorKind.CannotCompare);
                return;
            }
            var expected = left < right ? CompareFlag.Less : left > right ? CompareFlag.Greater : CompareFlag.Equal;
            InstructionHarness.AssertCompare(F(left), F(right), expected);
        });

    private static void ForEachPair<T>(T[] values, Action<T, T> check)
    {
        foreach (var left in values)
        {
            foreach (var right in values)
            {
                check(left, right);
            }
        }
    }
}
