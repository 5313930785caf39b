using Stoffel.Vm.Instructions;
using Stoffel.Vm.Runtime;
using Stoffel.Vm.Values;
using static Stoffel.Vm.Tests.Semantics.InstructionHarness;
using static Stoffel.Vm.Tests.Semantics.Samples;

namespace Stoffel.Vm.Tests.Semantics;

/// <summary>
/// Float mixes only with I64 (either side) for ADD..MOD; mixed integer kinds never mix; String only
/// concatenates with String; Bool is logical under AND/OR/XOR (and NOT).
/// </summary>
[TestClass]
public sealed class MixedOperandTests
{
    [TestMethod]
    public void FloatAndI64MixToFloatOnEitherSide()
    {
        AssertResult(Opcode.ADD, F(1.5), I64(2), F(3.5));
        AssertResult(Opcode.ADD, I64(2), F(1.5), F(3.5));
        AssertResult(Opcode.SUB, F(1.5), I64(2), F(-0.5));
        AssertResult(Opcode.SUB, I64(2), F(1.5), F(0.5));
        AssertResult(Opcode.MUL, F(1.5), I64(-2), F(-3.0));
        AssertResult(Opcode.MUL, I64(-2), F(1.5), F(-3.0));
        AssertResult(Opcode.ADD, F(0.1), F(0.2), F(0.1 + 0.2));
    }

    [TestMethod]
    public void I64IsConvertedToTheNearestFloat()
    {
        const long twoTo53 = 1L << 53;
        AssertResult(Opcode.ADD, I64(twoTo53 + 1), F(0.0), F(twoTo53));
        AssertResult(Opcode.ADD, I64(long.MaxValue), F(0.0), F(9223372036854775808.0));
        AssertResult(Opcode.MUL, I64(long.MinValue), F(1.0), F(-9223372036854775808.0));
    }

    [TestMethod]
    [DataRow(ValueKind.I32)]
    [DataRow(ValueKind.I16)]
    [DataRow(ValueKind.I8)]
    [DataRow(ValueKind.U8)]
    [DataRow(ValueKind.U16)]
    [DataRow(ValueKind.U32)]
    [DataRow(ValueKind.U64)]
    public void FloatDoesNotMixWithNarrowOrUnsignedIntegers(ValueKind kind)
    {
        foreach (var opcode in new[] { Opcode.ADD, Opcode.SUB, Opcode.MUL, Opcode.DIV, Opcode.MOD })
        {
            AssertError(opcode, F(1.5), Int(kind, 2), VmErrorKind.TypeError);
            AssertError(opcode, Int(kind, 2), F(1.5), VmErrorKind.TypeError);
        }
    }

    [TestMethod]
    [DataRow(Opcode.AND)]
    [DataRow(Opcode.OR)]
    [DataRow(Opcode.XOR)]
    [DataRow(Opcode.SHL)]
    [DataRow(Opcode.SHR)]
    public void FloatHasNoBitwiseOrShift(Opcode opcode)
    {
        AssertError(opcode, F(4.0), F(1.0), VmErrorKind.TypeError);
        AssertError(opcode, F(4.0), I64(1), VmErrorKind.TypeError);
        AssertError(opcode, I64(4), F(1.0), VmErrorKind.TypeError);
    }

    [TestMethod]
    [DataRow(ValueKind.I64, ValueKind.I32)]
    [DataRow(ValueKind.I32, ValueKind.I64)]
    [DataRow(ValueKind.I64, ValueKind.U64)]
    [DataRow(ValueKind.U8, ValueKind.I8)]
    [DataRow(ValueKind.U8, ValueKind.U16)]
    [DataRow(ValueKind.U32, ValueKind.U64)]
    public void MixedIntegerKindsAreATypeErrorForEveryBinaryInstruction(ValueKind left, ValueKind right)
    {
        foreach (var opcode in SemanticsOracle.BinaryOpcodes)
        {
            AssertError(opcode, Int(left, 1), Int(right, 1), VmErrorKind.TypeError);
        }
    }

    [TestMethod]
    [DataRow("ab", "cd", "abcd")]
    [DataRow("", "", "")]
    [DataRow("", "x", "x")]
    [DataRow("x", "", "x")]
    [DataRow("grüße ", "😀", "grüße 😀")]
    public void StringAddConcatenates(string left, string right, string expected) =>
        AssertResult(Opcode.ADD, S(left), S(right), S(expected));

    [TestMethod]
    [DataRow(Opcode.SUB)]
    [DataRow(Opcode.MUL)]
    [DataRow(Opcode.DIV)]
    [DataRow(Opcode.MOD)]
    [DataRow(Opcode.AND)]
    [DataRow(Opcode.OR)]
    [DataRow(Opcode.XOR)]
    [DataRow(Opcode.SHL)]
    [DataRow(Opcode.SHR)]
    public void StringsOnlyAdd(Opcode opcode) => AssertError(opcode, S("ab"), S("cd"), VmErrorKind.TypeError);

    [TestMethod]
    public void StringDoesNotConcatenateWithOtherKinds()
    {
        AssertError(Opcode.ADD, S("n = "), I64(1), VmErrorKind.TypeError);
        AssertError(Opcode.ADD, I64(1), S("x"), VmErrorKind.TypeError);
        AssertError(Opcode.ADD, S("x"), F(1.0), VmErrorKind.TypeError);
        AssertError(Opcode.ADD, S("x"), Value.Unit, VmErrorKind.TypeError);
        AssertError(Opcode.ADD, S("x"), B(true), VmErrorKind.TypeError);
    }

    [TestMethod]
    [DataRow(false, false, false, false, false)]
    [DataRow(false, true, false, true, true)]
    [DataRow(true, false, false, true, true)]
    [DataRow(true, true, true, true, false)]
    public void BoolLogic(bool left, bool right, bool and, bool or, bool xor)
    {
        AssertResult(Opcode.AND, B(left), B(right), B(and));
        AssertResult(Opcode.OR, B(left), B(right), B(or));
        AssertResult(Opcode.XOR, B(left), B(right), B(xor));
    }

    [TestMethod]
    [DataRow(false, true)]
    [DataRow(true, false)]
    public void BoolNot(bool operand, bool expected) => AssertResult(Opcode.NOT, B(operand), default, B(expected));

    [TestMethod]
    [DataRow(Opcode.ADD)]
    [DataRow(Opcode.SUB)]
    [DataRow(Opcode.MUL)]
    [DataRow(Opcode.DIV)]
    [DataRow(Opcode.MOD)]
    [DataRow(Opcode.SHL)]
    [DataRow(Opcode.SHR)]
    public void BoolIsNotANumber(Opcode opcode)
    {
        AssertError(opcode, B(true), B(true), VmErrorKind.TypeError);
        AssertError(opcode, B(true), I64(1), VmErrorKind.TypeError);
    }

    [TestMethod]
    public void BoolDoesNotMixWithIntegersInLogic()
    {
        AssertError(Opcode.AND, B(true), I64(1), VmErrorKind.TypeError);
        AssertError(Opcode.OR, I64(0), B(false), VmErrorKind.TypeError);
        AssertError(Opcode.XOR, B(true), U64(1), VmErrorKind.TypeError);
    }
}
