using Stoffel.Vm.Instructions;
using Stoffel.Vm.Runtime;
using static Stoffel.Vm.Tests.Semantics.Samples;

namespace Stoffel.Vm.Tests.Semantics;

/// <summary>
/// The dispatch loop computes I64 ADD/SUB/MUL, DIV/MOD by a positive divisor and CMP inline. Every
/// pair of a set of edge values is run through it (and the hooked loop and the slow path — the
/// harness insists all three agree) and checked against exact 128-bit arithmetic.
/// </summary>
[TestClass]
public sealed class I64FastPathTests
{
    private static readonly long[] EdgeValues =
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
    public void EdgeValuePairsMatchExactArithmetic(Opcode opcode)
    {
        foreach (var left in EdgeValues)
        {
            foreach (var right in EdgeValues)
            {
                var actual = InstructionHarness.Evaluate(opcode, I64(left), I64(right));
                Assert.AreEqual(Expected(opcode, left, right), actual, $"{opcode} {left}, {right}");
            }
        }
    }

    private static Outcome Expected(Opcode opcode, Int128 x, Int128 y)
    {
        if (opcode == Opcode.CMP)
        {
            return Outcome.Of((CompareFlag)Math.Sign(x.CompareTo(y)));
        }
        if (y == 0 && opcode is Opcode.DIV or Opcode.MOD)
        {
            return Outcome.Failed(opcode == Opcode.DIV ? VmErrorKind.DivisionByZero : VmErrorKind.ModuloByZero);
        }
        var exact = opcode switch
        {
            Opcode.ADD => x + y,
            Opcode.SUB => x - y,
            Opcode.MUL => x * y,
            Opcode.DIV => x / y,
            // Upstream's checked remainder also fails where the quotient overflows (MIN % -1).
            _ => x / y > long.MaxValue ? x / y : x % y,
        };
        return exact < long.MinValue || exact > long.MaxValue
            ? Outcome.Failed(VmErrorKind.IntegerOverflow)
            : Outcome.Of(I64((long)exact));
    }
}
