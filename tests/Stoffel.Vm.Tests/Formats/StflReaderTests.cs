using Stoffel.Vm.Formats;
using Stoffel.Vm.Instructions;
using Stoffel.Vm.Programs;
using Stoffel.Vm.Values;

namespace Stoffel.Vm.Tests.Formats;

/// <summary>StflReader on hand-assembled files: constants (§2.1), function entries (§2.2), instructions (§2.5) and error messages.</summary>
[TestClass]
public sealed class StflReaderTests
{
    /// <summary>Tags 0–11 decode to their value kinds; Bool is any non-zero byte; float bit patterns are kept.</summary>
    [TestMethod]
    public void EveryConstantTagIsDecoded()
    {
        const long quietNanWithPayload = 0x7FF8_0000_0000_0001;
        var bytes = StflBytes.Header(1).U32(15)
            .U8(0)
            .U8(1).I64(-5)
            .U8(2).I32(-7)
            .U8(3).U16(unchecked((ushort)-300))
            .U8(4).U8(0xF8)
            .U8(5).U8(200)
            .U8(6).U16(60000)
            .U8(7).U32(4_000_000_000)
            .U8(8).U64(ulong.MaxValue)
            .U8(9).I64(BitConverter.DoubleToInt64Bits(1.5))
            .U8(9).I64(quietNanWithPayload)
            .U8(10).U8(0)
            .U8(10).U8(1)
            .U8(10).U8(7)
            .U8(11).Str32("héllo ✓")
            .U32(0).ToArray();

        var constants = StflReader.Read(bytes).Constants;

        CollectionAssert.AreEqual(new[]
        {
            Value.Unit, Value.FromI64(-5), Value.FromI32(-7), Value.FromI16(-300), Value.FromI8(-8), Value.FromU8(200),
            Value.FromU16(60000), Value.FromU32(4_000_000_000), Value.FromU64(ulong.MaxValue), Value.FromFloat(1.5),
            Value.FromFloat(BitConverter.Int64BitsToDouble(quietNanWithPayload)), Value.False, Value.True, Value.True,
            Value.FromString("héllo ✓"),
        }, constants.ToList());
        Assert.AreEqual(quietNanWithPayload, constants[10].Bits);
    }

    /// <summary>Bad constants are errors that name the constant and the byte offset.</summary>
    [TestMethod]
    [DataRow(new byte[] { 0, 12 }, "unknown value tag 12 (expected 0 to 11) of constant 1 in the constant pool at offset 0xB")]
    [DataRow(new byte[] { 11, 2, 0, 0, 0, 0xFF, 0xFE }, "invalid UTF-8 in the string of constant 0 in the constant pool at offset 0xB")]
    [DataRow(new byte[] { 11, 1, 0, 0, 1 }, "the string is 16777217 bytes long, more than the limit of 16777216 bytes of constant 0 in the constant pool at offset 0xB")]
    [DataRow(new byte[] { 11, 0, 0, 0, 1 }, "truncated file: expected 16777216 bytes for the string of constant 0 in the constant pool at offset 0xF, 0 remain")]
    public void InvalidConstantIsAnError(byte[] pool, string message)
    {
        var bytes = StflBytes.Header(1).U32(2).Raw(pool).ToArray();

        var error = Assert.ThrowsExactly<ProgramLoadException>(() => StflReader.Read(bytes));

        Assert.AreEqual(message, error.Message);
    }

    /// <summary>NOP, LD and the v9 spill instructions are accepted in a v1 file; STS encodes its slot first.</summary>
    [TestMethod]
    public void SpillAndNopInstructionsAreReadInAnyVersion()
    {
        var bytes = StflBytes.Header(1).U32(0).U32(1)
            .Function(1, "main", 5, b => b
                .U8(0x17)
                .U8(0x19).U32(5).U32(2)
                .U8(0x18).U32(1).U32(3)
                .U8(0x00).U32(4).I32(-2)
                .U8(0x12).U32(1), registerCount: 0)
            .ToArray();

        var main = StflReader.Read(bytes).Functions[0];

        CollectionAssert.AreEqual(new[]
        {
            new Instruction(Opcode.NOP), new Instruction(Opcode.STS, 5, 2, 0), new Instruction(Opcode.LDS, 1, 3, 0),
            new Instruction(Opcode.LD, 4, -2, 0), new Instruction(Opcode.RET, 1, 0, 0),
        }, main.Instructions);
        Assert.AreEqual(6, main.SpillSlotCount);
        Assert.AreEqual(5, main.RegisterCount, "declared 0, but r4 is named: max(0, 1, 0, 4 + 1)");
    }

    /// <summary>Jumps resolve labels (an index equal to the instruction count is allowed); calls collect callee names.</summary>
    [TestMethod]
    public void JumpsAndCallsAreLinkedByName()
    {
        var bytes = StflBytes.Header(1).U32(0).U32(1)
            .Function(1, "main", 3, b => b
                .U8(0x11).Str16("print")
                .U8(0x0F).Str16("end")
                .U8(0x15).Str16("top"), labels: [("top", 0), ("end", 3)])
            .ToArray();

        var program = StflReader.Read(bytes);

        CollectionAssert.AreEqual(new[] { "print" }, program.CalleeNames.ToList());
        CollectionAssert.AreEqual(new[]
        {
            new Instruction(Opcode.CALL, 0, 0, 0), new Instruction(Opcode.JMPEQ, 3, 1, 0), new Instruction(Opcode.JMPLT, 0, 0, 0),
        }, program.Functions[0].Instructions);
    }

    /// <summary>u32 operands above int.MaxValue are errors, never negative indices.</summary>
    [TestMethod]
    [DataRow((byte)0x02, "the register operand")]
    [DataRow((byte)0x01, "the constant index")]
    [DataRow((byte)0x18, "the spill slot")]
    public void OperandAboveIntMaxIsAnError(byte opcode, string operand)
    {
        var bytes = StflBytes.Header(1).U32(0).U32(1)
            .Function(1, "main", 2, b => b.U8(0x17).U8(opcode).U32(0).U32(0x8000_0000))
            .ToArray();

        var error = Assert.ThrowsExactly<ProgramLoadException>(() => StflReader.Read(bytes));

        // 14-byte header and counts, "main" (6), five u16/u8 fields (9), instruction count (4), NOP (1), opcode and first operand (5).
        Assert.AreEqual($"{operand} 2147483648 is out of range (at most 2147483647) of instruction 1 of function 'main' at offset 0x27", error.Message);
    }

    /// <summary>Label indices are u32 too: above int.MaxValue is an error, beyond the instruction count a link error.</summary>
    [TestMethod]
    public void LabelIndexIsChecked()
    {
        var huge = StflBytes.Header(1).U32(0).U32(1).Function(1, "main", 0, _ => { }, labels: [("l", uint.MaxValue)]).ToArray();
        Assert.Contains("the instruction index 4294967295 is out of range", Assert.ThrowsExactly<ProgramLoadException>(() => StflReader.Read(huge)).Message);

        var beyond = StflBytes.Header(1).U32(0).U32(1).Function(1, "main", 1, b => b.U8(0x17), labels: [("l", 2)]).ToArray();
        Assert.Contains("label 'l' points at instruction 2, beyond its 1 instructions", Assert.ThrowsExactly<ProgramLoadException>(() => StflReader.Read(beyond)).Message);
    }

    /// <summary>Link errors from ProgramBuilder surface as ProgramLoadException: unknown labels, huge registers, missing constants, conflicting duplicates.</summary>
    [TestMethod]
    public void LinkErrorsAreReported()
    {
        static string ErrorOf(Action<StflBytes> functions, uint functionCount = 1) => Assert.ThrowsExactly<ProgramLoadException>(
            () => StflReader.Read(StflBytes.Header(1).U32(0).U32(functionCount).With(functions).ToArray())).Message;

        Assert.Contains("unknown label 'nowhere'", ErrorOf(f => f.Function(1, "main", 1, b => b.U8(0x0E).Str16("nowhere"))));
        Assert.Contains("register r70000 is out of range", ErrorOf(f => f.Function(1, "main", 1, b => b.U8(0x12).U32(70000))));
        Assert.Contains("constant #0 does not exist", ErrorOf(f => f.Function(1, "main", 1, b => b.U8(0x01).U32(0).U32(0))));
        Assert.Contains("function 'main' is defined twice with different contents", ErrorOf(f => f
            .Function(1, "main", 1, b => b.U8(0x17))
            .Function(1, "main", 1, b => b.U8(0x12).U32(0)), functionCount: 2));
    }

    /// <summary>Unknown opcode bytes (above 0x19) are errors at their offset.</summary>
    [TestMethod]
    public void UnknownOpcodeIsAnError()
    {
        var bytes = StflBytes.Header(1).U32(0).U32(1).Function(1, "main", 1, b => b.U8(0x1A)).ToArray();

        var error = Assert.ThrowsExactly<ProgramLoadException>(() => StflReader.Read(bytes));

        Assert.AreEqual("unknown opcode 0x1A of instruction 0 of function 'main' at offset 0x21", error.Message);
    }

    /// <summary>A truncated field is reported with its size, its name, the function, its offset and what remains.</summary>
    [TestMethod]
    public void TruncationNamesTheFieldAndOffset()
    {
        var entry = StflBytes.Header(1).U32(0).U32(1).Function(1, "main", 0, _ => { }).ToArray();
        var bytes = entry[..^2];

        var error = Assert.ThrowsExactly<ProgramLoadException>(() => StflReader.Read(bytes));

        Assert.AreEqual($"truncated file: expected 4 bytes for the instruction count of function 'main' at offset 0x{entry.Length - 4:X}, 2 remain", error.Message);
    }

    /// <summary>Anything but "STFL" is refused before the version is looked at.</summary>
    [TestMethod]
    [DataRow(new byte[] { 0x7F, 0x45, 0x4C, 0x46, 2, 1 }, "not a Stoffel binary: bad magic 7F 45 4C 46 (expected \"STFL\")")]
    [DataRow(new byte[] { 0x53, 0x58 }, "not a Stoffel binary: bad magic 53 58 (expected \"STFL\")")]
    [DataRow(new byte[] { 0x53, 0x54 }, "truncated file: expected 4 bytes for the magic \"STFL\" in the header at offset 0x0, 2 remain")]
    [DataRow(new byte[0], "truncated file: expected 4 bytes for the magic \"STFL\" in the header at offset 0x0, 0 remain")]
    public void BadMagicIsRefused(byte[] bytes, string message)
    {
        var error = Assert.ThrowsExactly<ProgramLoadException>(() => StflReader.Read(bytes));

        Assert.AreEqual(message, error.Message);
    }

    /// <summary>Bytes after the end of the data are ignored, as upstream does.</summary>
    [TestMethod]
    public void TrailingBytesAreAccepted()
    {
        var bytes = StflBytes.Header(1).U32(0).U32(1).Function(1, "main", 1, b => b.U8(0x12).U32(0)).Raw([1, 2, 3]).ToArray();

        Assert.HasCount(1, StflReader.Read(bytes).Functions);
    }

    /// <summary>Names must be valid UTF-8 too.</summary>
    [TestMethod]
    public void InvalidUtf8InANameIsAnError()
    {
        var bytes = StflBytes.Header(1).U32(0).U32(1).U16(1).U8(0xC0).U16(0).U16(0).U16(0).U8(0).U16(0).U32(0).ToArray();

        var error = Assert.ThrowsExactly<ProgramLoadException>(() => StflReader.Read(bytes));

        Assert.AreEqual("invalid UTF-8 in the function name of function #0 at offset 0xE", error.Message);
    }
}
