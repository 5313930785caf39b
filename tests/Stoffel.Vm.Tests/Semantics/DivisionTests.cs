using Stoffel.Vm.Instructions;
using Stoffel.Vm.Runtime;
using Stoffel.Vm.Values;
using static Stoffel.Vm.Tests.Semantics.InstructionHarness;
using static Stoffel.Vm.Tests.Semantics.Samples;

namespace Stoffel.Vm.Tests.Semantics;

/// <summary>DIV truncates toward zero, MOD takes the dividend's sign; a zero divisor (0, 0.0, -0.0, I64 0 with a Float) is an error.</summary>
[TestClass]
public sealed class DivisionTests
{
    [TestMethod]
    [DataRow(ValueKind.I64, -7, 2, -3, -1)]
    [DataRow(ValueKind.I64, 7, -2, -3, 1)]
    [DataRow(ValueKind.I64, -7, -2, 3, -1)]
    [DataRow(ValueKind.I64, 7, 2, 3, 1)]
    [DataRow(ValueKind.I64, -1, 5, 0, -1)]
    [DataRow(ValueKind.I32, -7, 2, -3, -1)]
    [DataRow(ValueKind.I32, 7, -2, -3, 1)]
    [DataRow(ValueKind.I16, -7, 2, -3, -1)]
    [DataRow(ValueKind.I16, -7, -2, 3, -1)]
    [DataRow(ValueKind.I8, -7, 2, -3, -1)]
    [DataRow(ValueKind.I8, 7, -2, -3, 1)]
    public void SignedDivTruncatesAndModFollowsTheDividend(ValueKind kind, int dividend, int divisor, int quotient, int remainder)
    {
        AssertResult(Opcode.DIV, Int(kind, dividend), Int(kind, divisor), Int(kind, quotient));
        AssertResult(Opcode.MOD, Int(kind, dividend), Int(kind, divisor), Int(kind, remainder));
    }

    [TestMethod]
    [DynamicData(nameof(Samples.EveryIntegerKind), typeof(Samples))]
    public void IntegerZeroDivisorIsAnError(ValueKind kind)
    {
        AssertError(Opcode.DIV, Int(kind, 7), Int(kind, 0), VmErrorKind.DivisionByZero);
        AssertError(Opcode.MOD, Int(kind, 7), Int(kind, 0), VmErrorKind.ModuloByZero);
        AssertError(Opcode.DIV, Int(kind, 0), Int(kind, 0), VmErrorKind.DivisionByZero);
        AssertError(Opcode.MOD, Int(kind, 0), Int(kind, 0), VmErrorKind.ModuloByZero);
        AssertResult(Opcode.DIV, Int(kind, 0), Int(kind, 7), Int(kind, 0));
    }

    [TestMethod]
    [DataRow(ValueKind.U8)]
    [DataRow(ValueKind.U16)]
    [DataRow(ValueKind.U32)]
    [DataRow(ValueKind.U64)]
    public void UnsignedDivAndModOfMax(ValueKind kind)
    {
        var max = Max(kind);
        AssertResult(Opcode.DIV, Int(kind, max), Int(kind, 2), Int(kind, max / 2));
        AssertResult(Opcode.MOD, Int(kind, max), Int(kind, 2), Int(kind, 1));
        AssertResult(Opcode.DIV, Int(kind, max), Int(kind, max), Int(kind, 1));
    }

    public static IEnumerable<object[]> ZeroFloatDivisors =>
    [
        [F(7.5), F(0.0)],
        [F(7.5), F(-0.0)],
        [F(0.0), F(0.0)],
        [F(double.NaN), F(0.0)],
        [F(7.5), I64(0)],
        [I64(7), F(0.0)],
        [I64(7), F(-0.0)],
    ];

    [TestMethod]
    [DynamicData(nameof(ZeroFloatDivisors))]
    public void FloatZeroDivisorIsAnErrorNotInfinity(Value dividend, Value divisor)
    {
        AssertError(Opcode.DIV, dividend, divisor, VmErrorKind.DivisionByZero);
        AssertError(Opcode.MOD, dividend, divisor, VmErrorKind.ModuloByZero);
    }

    [TestMethod]
    public void FloatDivisionIsOtherwiseIeee()
    {
        AssertResult(Opcode.DIV, F(7.0), F(2.0), F(3.5));
        AssertResult(Opcode.DIV, F(-7.0), I64(2), F(-3.5));
        AssertResult(Opcode.DIV, I64(1), F(4.0), F(0.25));
        AssertResult(Opcode.DIV, F(1.0), F(1e-310), F(double.PositiveInfinity));
        AssertResult(Opcode.DIV, F(-1.0), F(1e-310), F(double.NegativeInfinity));
        AssertResult(Opcode.DIV, F(1.0), F(double.PositiveInfinity), F(0.0));
        AssertResult(Opcode.DIV, F(0.0), F(-3.0), F(-0.0));
        Assert.IsTrue(double.IsNaN(Evaluate(Opcode.DIV, F(1.0), F(double.NaN)).Result.AsFloat));
    }

    [TestMethod]
    public void FloatModIsFmodWithTheDividendsSign()
    {
        AssertResult(Opcode.MOD, F(7.5), F(2.0), F(1.5));
        AssertResult(Opcode.MOD, F(-7.5), F(2.0), F(-1.5));
        AssertResult(Opcode.MOD, F(7.5), F(-2.0), F(1.5));
        AssertResult(Opcode.MOD, F(7.5), I64(2), F(1.5));
        AssertResult(Opcode.MOD, I64(-7), F(2.0), F(-1.0));
        AssertResult(Opcode.MOD, F(5.0), F(double.PositiveInfinity), F(5.0));
        Assert.IsTrue(double.IsNaN(Evaluate(Opcode.MOD, F(double.PositiveInfinity), F(2.0)).Result.AsFloat));
    }
}
