using Stoffel.Vm.Instructions;
using Stoffel.Vm.Runtime;
using Stoffel.Vm.Values;
using static Stoffel.Vm.Tests.Semantics.InstructionHarness;
using static Stoffel.Vm.Tests.Semantics.Samples;

namespace Stoffel.Vm.Tests.Semantics;

/// <summary>
/// NOT/AND/OR/XOR stay in the operand kind; SHL drops bits without an overflow check; SHR is
/// arithmetic for signed and logical for unsigned kinds; the amount must have the value's kind,
/// must not be negative and must be below the width.
/// </summary>
[TestClass]
public sealed class BitwiseAndShiftTests
{
    [TestMethod]
    [DynamicData(nameof(Samples.EveryIntegerKind), typeof(Samples))]
    public void NotComplementsWithinTheKind(ValueKind kind)
    {
        // ~x == -x - 1 for signed kinds and max - x for unsigned ones.
        var allOnes = IsSigned(kind) ? -1 : Max(kind);
        AssertResult(Opcode.NOT, Int(kind, 0), default, Int(kind, allOnes));
        AssertResult(Opcode.NOT, Int(kind, allOnes), default, Int(kind, 0));
        AssertResult(Opcode.NOT, Int(kind, 5), default, Int(kind, IsSigned(kind) ? -6 : Max(kind) - 5));
        AssertResult(Opcode.NOT, Int(kind, Max(kind)), default, Int(kind, Min(kind)));
    }

    [TestMethod]
    public void NotOfZeroNamedCases()
    {
        AssertResult(Opcode.NOT, Value.FromU8(0), default, Value.FromU8(255));
        AssertResult(Opcode.NOT, Value.FromI8(0), default, Value.FromI8(-1));
        AssertResult(Opcode.NOT, Value.FromU64(0), default, Value.FromU64(ulong.MaxValue));
        AssertResult(Opcode.NOT, Value.FromI64(long.MinValue), default, Value.FromI64(long.MaxValue));
    }

    [TestMethod]
    [DataRow(ValueKind.I64)]
    [DataRow(ValueKind.I32)]
    [DataRow(ValueKind.I16)]
    [DataRow(ValueKind.I8)]
    public void SignedBitwiseUsesTwosComplement(ValueKind kind)
    {
        AssertResult(Opcode.AND, Int(kind, -1), Int(kind, 0x55), Int(kind, 0x55));
        AssertResult(Opcode.OR, Int(kind, Min(kind)), Int(kind, 1), Int(kind, Min(kind) + 1));
        AssertResult(Opcode.XOR, Int(kind, -1), Int(kind, Max(kind)), Int(kind, Min(kind)));
        AssertResult(Opcode.AND, Int(kind, -8), Int(kind, -3), Int(kind, -8));
    }

    [TestMethod]
    [DataRow(ValueKind.U8)]
    [DataRow(ValueKind.U16)]
    [DataRow(ValueKind.U32)]
    [DataRow(ValueKind.U64)]
    public void UnsignedBitwiseKeepsTheTopBit(ValueKind kind)
    {
        var top = Int128.One << (Width(kind) - 1);
        AssertResult(Opcode.OR, Int(kind, top), Int(kind, 1), Int(kind, top + 1));
        AssertResult(Opcode.XOR, Int(kind, Max(kind)), Int(kind, top), Int(kind, top - 1));
        AssertResult(Opcode.AND, Int(kind, Max(kind)), Int(kind, top), Int(kind, top));
    }

    [TestMethod]
    [DynamicData(nameof(Samples.EveryIntegerKind), typeof(Samples))]
    public void ShlDropsBitsShiftedOut(ValueKind kind)
    {
        var width = Width(kind);
        var top = Int128.One << (width - 1);
        // Into the top bit: the minimum for signed kinds, 2^(w-1) for unsigned ones.
        AssertResult(Opcode.SHL, Int(kind, 1), Int(kind, width - 1), Int(kind, IsSigned(kind) ? Min(kind) : top));
        // 3 << (w-1): the upper 1 bit falls off.
        AssertResult(Opcode.SHL, Int(kind, 3), Int(kind, width - 1), Int(kind, IsSigned(kind) ? Min(kind) : top));
        AssertResult(Opcode.SHL, Int(kind, Max(kind)), Int(kind, 1), Int(kind, IsSigned(kind) ? -2 : Max(kind) - 1));
        AssertResult(Opcode.SHL, Int(kind, 5), Int(kind, 0), Int(kind, 5));
    }

    [TestMethod]
    public void ShlNamedCases()
    {
        AssertResult(Opcode.SHL, Value.FromU8(0xFF), Value.FromU8(4), Value.FromU8(0xF0));
        AssertResult(Opcode.SHL, Value.FromI8(-1), Value.FromI8(7), Value.FromI8(-128));
        AssertResult(Opcode.SHL, Value.FromI8(64), Value.FromI8(1), Value.FromI8(-128));
        AssertResult(Opcode.SHL, Value.FromI64(1), Value.FromI64(63), Value.FromI64(long.MinValue));
    }

    [TestMethod]
    [DataRow(ValueKind.I64)]
    [DataRow(ValueKind.I32)]
    [DataRow(ValueKind.I16)]
    [DataRow(ValueKind.I8)]
    public void SignedShrIsArithmetic(ValueKind kind)
    {
        AssertResult(Opcode.SHR, Int(kind, -8), Int(kind, 1), Int(kind, -4));
        AssertResult(Opcode.SHR, Int(kind, -7), Int(kind, 1), Int(kind, -4));
        AssertResult(Opcode.SHR, Int(kind, Min(kind)), Int(kind, Width(kind) - 1), Int(kind, -1));
        AssertResult(Opcode.SHR, Int(kind, Max(kind)), Int(kind, Width(kind) - 2), Int(kind, 1));
    }

    [TestMethod]
    [DataRow(ValueKind.U8)]
    [DataRow(ValueKind.U16)]
    [DataRow(ValueKind.U32)]
    [DataRow(ValueKind.U64)]
    public void UnsignedShrIsLogical(ValueKind kind)
    {
        var width = Width(kind);
        AssertResult(Opcode.SHR, Int(kind, Max(kind)), Int(kind, width - 1), Int(kind, 1));
        AssertResult(Opcode.SHR, Int(kind, Max(kind)), Int(kind, 1), Int(kind, Max(kind) >> 1));
        AssertResult(Opcode.SHR, Int(kind, Int128.One << (width - 1)), Int(kind, 3), Int(kind, Int128.One << (width - 4)));
    }

    [TestMethod]
    [DataRow(ValueKind.I64)]
    [DataRow(ValueKind.I32)]
    [DataRow(ValueKind.I16)]
    [DataRow(ValueKind.I8)]
    public void NegativeShiftAmountIsInvalid(ValueKind kind)
    {
        foreach (var opcode in new[] { Opcode.SHL, Opcode.SHR })
        {
            AssertError(opcode, Int(kind, 1), Int(kind, -1), VmErrorKind.InvalidShiftAmount);
            AssertError(opcode, Int(kind, 1), Int(kind, Min(kind)), VmErrorKind.InvalidShiftAmount);
        }
    }

    [TestMethod]
    [DynamicData(nameof(Samples.EveryIntegerKind), typeof(Samples))]
    public void ShiftAmountAtOrAboveTheWidthIsOutOfRange(ValueKind kind)
    {
        var width = Width(kind);
        foreach (var opcode in new[] { Opcode.SHL, Opcode.SHR })
        {
            AssertError(opcode, Int(kind, 1), Int(kind, width), VmErrorKind.ShiftOutOfRange);
            AssertError(opcode, Int(kind, 1), Int(kind, Math.Min((long)Max(kind), uint.MaxValue)), VmErrorKind.ShiftOutOfRange);
            Assert.IsTrue(Evaluate(opcode, Int(kind, 1), Int(kind, width - 1)).Succeeded, $"{opcode} {kind} by {width - 1}");
        }
    }

    // Upstream turns the amount into a u32 count before the width check: an amount above
    // u32::MAX is "invalid" like a negative one — except a U64 amount above i64::MAX, which it
    // reports as out of range.
    [TestMethod]
    public void HugeShiftAmountsFollowUpstreamsErrorKinds()
    {
        foreach (var opcode in new[] { Opcode.SHL, Opcode.SHR })
        {
            AssertError(opcode, I64(1), I64(1L << 32), VmErrorKind.InvalidShiftAmount);
            AssertError(opcode, I64(1), I64(long.MaxValue), VmErrorKind.InvalidShiftAmount);
            AssertError(opcode, U64(1), U64(1UL << 32), VmErrorKind.InvalidShiftAmount);
            AssertError(opcode, U64(1), U64(long.MaxValue), VmErrorKind.InvalidShiftAmount);
            AssertError(opcode, U64(1), U64(1UL << 63), VmErrorKind.ShiftOutOfRange);
            AssertError(opcode, U64(1), U64(ulong.MaxValue), VmErrorKind.ShiftOutOfRange);
            AssertError(opcode, Value.FromU32(1), Value.FromU32(uint.MaxValue), VmErrorKind.ShiftOutOfRange);
        }
    }

    [TestMethod]
    [DataRow(ValueKind.I64, ValueKind.I32)]
    [DataRow(ValueKind.I32, ValueKind.I64)]
    [DataRow(ValueKind.U8, ValueKind.I64)]
    [DataRow(ValueKind.U64, ValueKind.I64)]
    [DataRow(ValueKind.I64, ValueKind.U64)]
    public void ShiftAmountMustHaveTheValuesKind(ValueKind value, ValueKind amount)
    {
        AssertError(Opcode.SHL, Int(value, 1), Int(amount, 1), VmErrorKind.TypeError);
        AssertError(Opcode.SHR, Int(value, 1), Int(amount, 1), VmErrorKind.TypeError);
    }
}
