using Stoffel.Vm.Instructions;
using Stoffel.Vm.Runtime;
using Stoffel.Vm.Values;
using static Stoffel.Vm.Tests.Semantics.InstructionHarness;

namespace Stoffel.Vm.Tests.Semantics;

/// <summary>Integer ADD/SUB/MUL/DIV/MOD are checked in the operand kind (docs/semantics.md "Arithmetic"): the last value that fits succeeds, one more overflows.</summary>
[TestClass]
public sealed class IntegerOverflowTests
{
    private const VmErrorKind Overflow = VmErrorKind.IntegerOverflow;

    [TestMethod]
    [DynamicData(nameof(Samples.EveryIntegerKind), typeof(Samples))]
    public void AddOverflowsExactlyAboveMax(ValueKind kind)
    {
        var max = Samples.Max(kind);
        AssertResult(Opcode.ADD, Samples.Int(kind, max - 1), Samples.Int(kind, 1), Samples.Int(kind, max));
        AssertError(Opcode.ADD, Samples.Int(kind, max), Samples.Int(kind, 1), Overflow);
        AssertError(Opcode.ADD, Samples.Int(kind, 1), Samples.Int(kind, max), Overflow);
        AssertError(Opcode.ADD, Samples.Int(kind, max), Samples.Int(kind, max), Overflow);
    }

    [TestMethod]
    [DynamicData(nameof(Samples.EveryIntegerKind), typeof(Samples))]
    public void SubOverflowsExactlyBelowMin(ValueKind kind)
    {
        var min = Samples.Min(kind);
        AssertResult(Opcode.SUB, Samples.Int(kind, min + 1), Samples.Int(kind, 1), Samples.Int(kind, min));
        AssertError(Opcode.SUB, Samples.Int(kind, min), Samples.Int(kind, 1), Overflow);
        AssertResult(Opcode.SUB, Samples.Int(kind, Samples.Max(kind)), Samples.Int(kind, Samples.Max(kind)), Samples.Int(kind, 0));
    }

    [TestMethod]
    [DataRow(ValueKind.I64)]
    [DataRow(ValueKind.I32)]
    [DataRow(ValueKind.I16)]
    [DataRow(ValueKind.I8)]
    public void SignedSubOverflowsAboveMaxToo(ValueKind kind)
    {
        AssertError(Opcode.SUB, Samples.Int(kind, Samples.Max(kind)), Samples.Int(kind, -1), Overflow);
        AssertError(Opcode.SUB, Samples.Int(kind, 0), Samples.Int(kind, Samples.Min(kind)), Overflow);
        AssertResult(Opcode.SUB, Samples.Int(kind, -1), Samples.Int(kind, Samples.Min(kind)), Samples.Int(kind, Samples.Max(kind)));
    }

    [TestMethod]
    [DynamicData(nameof(Samples.EveryIntegerKind), typeof(Samples))]
    public void MulOverflowsExactlyOutsideTheRange(ValueKind kind)
    {
        var half = (Samples.Max(kind) + 1) / 2;
        AssertResult(Opcode.MUL, Samples.Int(kind, half - 1), Samples.Int(kind, 2), Samples.Int(kind, 2 * half - 2));
        AssertError(Opcode.MUL, Samples.Int(kind, half), Samples.Int(kind, 2), Overflow);
        AssertError(Opcode.MUL, Samples.Int(kind, Samples.Max(kind)), Samples.Int(kind, Samples.Max(kind)), Overflow);
        AssertResult(Opcode.MUL, Samples.Int(kind, Samples.Max(kind)), Samples.Int(kind, 1), Samples.Int(kind, Samples.Max(kind)));
    }

    [TestMethod]
    [DataRow(ValueKind.I64)]
    [DataRow(ValueKind.I32)]
    [DataRow(ValueKind.I16)]
    [DataRow(ValueKind.I8)]
    public void SignedMulReachesMinButNotPastIt(ValueKind kind)
    {
        var min = Samples.Min(kind);
        AssertResult(Opcode.MUL, Samples.Int(kind, min / 2), Samples.Int(kind, 2), Samples.Int(kind, min));
        AssertError(Opcode.MUL, Samples.Int(kind, min / 2 - 1), Samples.Int(kind, 2), Overflow);
        AssertError(Opcode.MUL, Samples.Int(kind, min), Samples.Int(kind, -1), Overflow);
        AssertError(Opcode.MUL, Samples.Int(kind, -1), Samples.Int(kind, min), Overflow);
        AssertResult(Opcode.MUL, Samples.Int(kind, Samples.Max(kind)), Samples.Int(kind, -1), Samples.Int(kind, min + 1));
    }

    [TestMethod]
    [DataRow(ValueKind.I64)]
    [DataRow(ValueKind.I32)]
    [DataRow(ValueKind.I16)]
    [DataRow(ValueKind.I8)]
    public void MinDividedByMinusOneOverflowsInDivAndMod(ValueKind kind)
    {
        var min = Samples.Min(kind);
        AssertError(Opcode.DIV, Samples.Int(kind, min), Samples.Int(kind, -1), Overflow);
        AssertError(Opcode.MOD, Samples.Int(kind, min), Samples.Int(kind, -1), Overflow);
        AssertResult(Opcode.DIV, Samples.Int(kind, min + 1), Samples.Int(kind, -1), Samples.Int(kind, Samples.Max(kind)));
        AssertResult(Opcode.MOD, Samples.Int(kind, min + 1), Samples.Int(kind, -1), Samples.Int(kind, 0));
        AssertResult(Opcode.DIV, Samples.Int(kind, min), Samples.Int(kind, 1), Samples.Int(kind, min));
        AssertResult(Opcode.MOD, Samples.Int(kind, min), Samples.Int(kind, 1), Samples.Int(kind, 0));
    }

    [TestMethod]
    public void NamedBoundariesFromTheSpec()
    {
        AssertError(Opcode.ADD, Value.FromI8(127), Value.FromI8(1), Overflow);
        AssertError(Opcode.SUB, Value.FromI8(-128), Value.FromI8(1), Overflow);
        AssertError(Opcode.SUB, Value.FromU8(0), Value.FromU8(1), Overflow);
        AssertError(Opcode.ADD, Value.FromU8(255), Value.FromU8(1), Overflow);
        AssertError(Opcode.ADD, Value.FromU64(ulong.MaxValue), Value.FromU64(1), Overflow);
        AssertError(Opcode.DIV, Value.FromI64(long.MinValue), Value.FromI64(-1), Overflow);
        AssertError(Opcode.MOD, Value.FromI64(long.MinValue), Value.FromI64(-1), Overflow);
        AssertError(Opcode.MUL, Value.FromI64(3037000500), Value.FromI64(3037000500), Overflow);
        AssertResult(Opcode.MUL, Value.FromI64(3037000499), Value.FromI64(3037000499), Value.FromI64(9223372030926249001));
        AssertError(Opcode.MUL, Value.FromU32(65536), Value.FromU32(65536), Overflow);
    }

    [TestMethod]
    public void UnsignedValuesAboveTheSignedRangeAreNotNegative()
    {
        var top = Value.FromU64(1UL << 63);
        AssertResult(Opcode.ADD, top, Value.FromU64((1UL << 63) - 1), Value.FromU64(ulong.MaxValue));
        AssertResult(Opcode.DIV, Value.FromU64(ulong.MaxValue), Value.FromU64(2), Value.FromU64(ulong.MaxValue / 2));
        AssertResult(Opcode.MOD, Value.FromU64(ulong.MaxValue), Value.FromU64(10), Value.FromU64(5));
        AssertResult(Opcode.SUB, top, Value.FromU64(1), Value.FromU64((1UL << 63) - 1));
        AssertResult(Opcode.MUL, Value.FromU32(65535), Value.FromU32(65537), Value.FromU32(uint.MaxValue));
    }
}
