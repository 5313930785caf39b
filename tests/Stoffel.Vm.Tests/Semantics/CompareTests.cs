using Stoffel.Vm.Instructions;
using Stoffel.Vm.Runtime;
using Stoffel.Vm.Values;
using static Stoffel.Vm.Tests.Semantics.InstructionHarness;
using static Stoffel.Vm.Tests.Semantics.Samples;

namespace Stoffel.Vm.Tests.Semantics;

/// <summary>
/// CMP (docs/semantics.md "CMP"): numbers of any kinds compare mathematically exactly — no
/// wrapping, no rounding — and NaN is an error; strings compare by UTF-8 bytes (code point order);
/// false &lt; true; everything else cannot be compared.
/// </summary>
[TestClass]
public sealed class CompareTests
{
    private const CompareFlag Less = CompareFlag.Less;
    private const CompareFlag Equal = CompareFlag.Equal;
    private const CompareFlag Greater = CompareFlag.Greater;
    private const double TwoTo53 = 9007199254740992.0;
    private const double TwoTo63 = 9223372036854775808.0;
    private const double TwoTo64 = 18446744073709551616.0;

    public static IEnumerable<object[]> ExactNumericCases =>
    [
        // Signed against unsigned, at the 64-bit edges.
        [I64(long.MaxValue), U64(ulong.MaxValue), Less],
        [U64(ulong.MaxValue), I64(long.MaxValue), Greater],
        [U64(1UL << 63), I64(long.MaxValue), Greater],
        [U64(1UL << 63), I64(-1), Greater],
        [I64(-1), U64(ulong.MaxValue), Less],
        [I64(long.MinValue), U64(0), Less],
        [U64(0), I64(0), Equal],
        [I64(-1), Value.FromU8(255), Less],
        [Value.FromI8(-1), Value.FromU32(uint.MaxValue), Less],
        [Value.FromU16(300), Value.FromI8(127), Greater],
        [Value.FromI32(7), Value.FromU8(7), Equal],
        // Integers against floats, without rounding either side.
        [I64((1L << 53) + 1), F(TwoTo53), Greater],
        [F(TwoTo53), I64((1L << 53) + 1), Less],
        [I64(1L << 53), F(TwoTo53), Equal],
        [I64(long.MaxValue), F(TwoTo63), Less],
        [I64(long.MinValue), F(-TwoTo63), Equal],
        [U64(ulong.MaxValue), F(TwoTo64), Less],
        [U64(ulong.MaxValue), F(18446744073709549568.0), Greater],
        [U64(1UL << 63), F(TwoTo63), Equal],
        [F(1.5), Value.FromI32(1), Greater],
        [F(1.5), Value.FromI32(2), Less],
        [F(-1.5), Value.FromI8(-1), Less],
        [F(-1.5), Value.FromI8(-2), Greater],
        [F(0.5), U64(0), Greater],
        [F(-0.5), U64(0), Less],
        [F(4.9e-324), I64(0), Greater],
        [F(double.PositiveInfinity), U64(ulong.MaxValue), Greater],
        [F(double.NegativeInfinity), I64(long.MinValue), Less],
        [F(1e300), I64(long.MaxValue), Greater],
        [F(Math.ScaleB(1.0, 130)), I64(1), Greater],
        [I64(1), F(Math.ScaleB(1.0, 130)), Less],
        [F(-Math.ScaleB(1.0, 130)), U64(ulong.MaxValue), Less],
        // Signed zero.
        [F(-0.0), I64(0), Equal],
        [F(-0.0), F(0.0), Equal],
        [Value.FromU8(0), F(-0.0), Equal],
        // Same kind.
        [I64(long.MinValue), I64(long.MaxValue), Less],
        [I64(long.MaxValue), I64(long.MinValue), Greater],
        [I64(-3), I64(-3), Equal],
        [U64(ulong.MaxValue), U64(1), Greater],
        [Value.FromI8(-128), Value.FromI8(127), Less],
        [F(-1.0), F(double.PositiveInfinity), Less],
    ];

    [TestMethod]
    [DynamicData(nameof(ExactNumericCases))]
    public void NumbersCompareExactly(Value left, Value right, CompareFlag expected) => AssertCompare(left, right, expected);

    [TestMethod]
    [DataRow(double.NaN, 0.0)]
    [DataRow(0.0, double.NaN)]
    [DataRow(double.NaN, double.NaN)]
    [DataRow(double.NaN, double.PositiveInfinity)]
    public void NaNCannotBeCompared(double left, double right) => AssertError(Opcode.CMP, F(left), F(right), VmErrorKind.CannotCompare);

    [TestMethod]
    public void NaNAgainstIntegersCannotBeCompared()
    {
        AssertError(Opcode.CMP, F(double.NaN), I64(0), VmErrorKind.CannotCompare);
        AssertError(Opcode.CMP, U64(ulong.MaxValue), F(double.NaN), VmErrorKind.CannotCompare);
        AssertError(Opcode.CMP, Value.FromI8(-1), F(-double.NaN), VmErrorKind.CannotCompare);
    }

    [TestMethod]
    [DataRow("a", "b", Less)]
    [DataRow("b", "a", Greater)]
    [DataRow("abc", "abc", Equal)]
    [DataRow("ab", "abc", Less)]
    [DataRow("abc", "ab", Greater)]
    [DataRow("", "a", Less)]
    [DataRow("", "", Equal)]
    [DataRow("B", "a", Less)]
    [DataRow("z", "é", Less)]
    [DataRow("😀", "\uFFFD", Greater)]
    [DataRow("\uFFFD", "😀", Less)]
    [DataRow("😀", "\uE000", Greater)]
    [DataRow("a😀", "a\uFFFF", Greater)]
    [DataRow("😀", "😁", Less)]
    [DataRow("\U00010000", "\U0010FFFF", Less)]
    public void StringsCompareByCodePoint(string left, string right, CompareFlag expected) => AssertCompare(S(left), S(right), expected);

    [TestMethod]
    [DataRow(false, true, Less)]
    [DataRow(true, false, Greater)]
    [DataRow(true, true, Equal)]
    [DataRow(false, false, Equal)]
    public void BoolsCompareFalseBeforeTrue(bool left, bool right, CompareFlag expected) => AssertCompare(B(left), B(right), expected);

    [TestMethod]
    public void EverythingElseCannotBeCompared()
    {
        var array = Samples.Of(ValueKind.Array);
        AssertError(Opcode.CMP, Value.Unit, Value.Unit, VmErrorKind.CannotCompare);
        AssertError(Opcode.CMP, array, array, VmErrorKind.CannotCompare);
        AssertError(Opcode.CMP, Samples.Of(ValueKind.Object), Samples.Of(ValueKind.Object), VmErrorKind.CannotCompare);
        AssertError(Opcode.CMP, B(true), I64(1), VmErrorKind.CannotCompare);
        AssertError(Opcode.CMP, I64(0), B(false), VmErrorKind.CannotCompare);
        AssertError(Opcode.CMP, S("1"), I64(1), VmErrorKind.CannotCompare);
        AssertError(Opcode.CMP, F(1.0), S("1"), VmErrorKind.CannotCompare);
        AssertError(Opcode.CMP, Value.Unit, I64(0), VmErrorKind.CannotCompare);
    }
}
