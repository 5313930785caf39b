using Stoffel.Vm.Instructions;
using Stoffel.Vm.Runtime;
using static Stoffel.Vm.Tests.Semantics.Samples;

namespace Stoffel.Vm.Tests.Semantics;

/// <summary>
/// The dispatch loop computes Float ADD/SUB/MUL and CMP of two Floats inline. Every pair of a set of edge
/// values — signed zeros, subnormals, the extremes, infinities, NaN — is run through it (and the
/// hooked loop and the slow path: the harness insists all three agree, bit for bit) and checked
/// against IEEE 754 double arithmetic, which upstream's f64 operations are.
/// </summary>
[TestClass]
public sealed class FloatFastPathTests
{
    private static readonly double[] EdgeValues =
    [
        double.NegativeInfinity, double.MinValue, -1e308, -2.5, -1.0, -double.Epsilon, -0.0, 0.0,
        double.Epsilon, 1e-310, 0.1, 1.0, 2.5, 1e308, double.MaxValue, double.PositiveInfinity, double.NaN,
    ];

    [TestMethod]
    [DataRow(Opcode.ADD)]
    [DataRow(Opcode.SUB)]
    [DataRow(Opcode.MUL)]
    public void EdgeValuePairsMatchIeeeArithmetic(Opcode opcode)
    {
        foreach (var left in EdgeValues)
        {
            foreach (var right in EdgeValues)
            {
                var expected = opcode switch
                {
                    Opcode.ADD => left + right,
                    Opcode.SUB => left - right,
                    _ => left * right,
                };
                InstructionHarness.AssertResult(opcode, F(left), F(right), F(expected));
            }
        }
    }

    [TestMethod]
    public void EdgeValuePairsCompareAsDoublesAndNaNFails()
    {
        foreach (var left in EdgeValues)
        {
            foreach (var right in EdgeValues)
            {
                if (double.IsNaN(left) || double.IsNaN(right))
                {
                    InstructionHarness.AssertError(Opcode.CMP, F(left), F(right), VmErrorKind.CannotCompare);
                    continue;
                }
                var expected = left < right ? CompareFlag.Less : left > right ? CompareFlag.Greater : CompareFlag.Equal;
                InstructionHarness.AssertCompare(F(left), F(right), expected);
            }
        }
    }
}
