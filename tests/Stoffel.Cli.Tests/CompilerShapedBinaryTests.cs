using System.Buffers.Binary;
using System.Text;

namespace Stoffel.Cli.Tests;

/// <summary>
/// A v9 binary laid out byte by byte the way today's StoffelLang compiler writes one: type
/// metadata per function, LDS/STS around a recursive call, and the
/// 39-byte manifest trailer of a clear program with <c>dynamic = 1</c> (set for any recursive
/// program, which must not be mistaken for MPC). Built here by hand, independently of our writer.
/// </summary>
[TestClass]
public sealed class CompilerShapedBinaryTests
{
    [TestMethod]
    public void A_v9_factorial_with_spill_slots_and_a_dynamic_manifest_runs_to_upstreams_result()
    {
        var path = Cli.TempFile("fact.stflb", FactorialV9());

        var result = Cli.Run("run", path);

        Assert.AreEqual(0, result.ExitCode, result.ToString());
        Assert.AreEqual("3628800", result.LastLine, "10! computed by the program");
    }

    [TestMethod]
    public void The_binary_disassembles_with_its_spill_slots()
    {
        var result = Cli.Run("disasm", Cli.TempFile("fact.stflb", FactorialV9()));

        Assert.AreEqual(0, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Stdout, "STS s0, r0");
        StringAssert.Contains(result.Stdout, "LDS r3, s0");
    }

    // main() { fact(10) } with fact(n) = n == 1 ? 1 : n * fact(n - 1), n kept in spill slot s0.
    private static byte[] FactorialV9()
    {
        var b = new Bytes();
        b.Raw("STFL"u8).U16(9);
        b.U32(2).U8(1).I64(1).U8(1).I64(10);                     // constants: I64 1, I64 10

        b.U32(2);                                                 // functions
        b.Str16("main").U16(2).U16(0);                            // name, registers, no parameters
        b.U16(0).U8(12);                                          // v5+: no parameter types, returns unknown
        b.U16(0).U8(0).U16(0);                                    // no upvalues, no parent, no labels
        b.U32(3);
        b.U8(0x01).U32(1).U32(1);                                 // LDI r1, #1 (10)
        b.U8(0x13).U32(1);                                        // PUSHARG r1
        b.U8(0x11).Str16("fact");                                 // CALL fact; main runs off its end: returns r0

        b.Str16("fact").U16(3).U16(1).Str16("n");                 // declared 3 registers: LDS r3 needs 4
        b.U16(1).U8(0).U8(1).U8(64);                              // parameter type int64
        b.U8(0).U8(1).U8(64);                                     // return type int64
        b.U16(0).U8(0);                                           // no upvalues, no parent
        b.U16(1).Str16("base").U32(10);                           // label base -> instruction 10
        b.U32(11);
        b.U8(0x19).U32(0).U32(0);                                 // 0: STS s0, r0
        b.U8(0x01).U32(1).U32(0);                                 // 1: LDI r1, #0 (1)
        b.U8(0x14).U32(0).U32(1);                                 // 2: CMP r0, r1
        b.U8(0x0F).Str16("base");                                 // 3: JMPEQ base
        b.U8(0x04).U32(2).U32(0).U32(1);                          // 4: SUB r2, r0, r1
        b.U8(0x13).U32(2);                                        // 5: PUSHARG r2
        b.U8(0x11).Str16("fact");                                 // 6: CALL fact
        b.U8(0x18).U32(3).U32(0);                                 // 7: LDS r3, s0
        b.U8(0x05).U32(0).U32(3).U32(0);                          // 8: MUL r0, r3, r0
        b.U8(0x12).U32(0);                                        // 9: RET r0
        b.U8(0x12).U32(1);                                        // 10: base: RET r1

        b.U8(0).U8(0).U32(0);                                     // manifest: HoneyBadger, BLS12-381, no clients
        b.U64(0).U64(0).U64(0).U64(0).U8(1);                      // demand: none, dynamic = 1
        return b.ToArray();
    }

    private sealed class Bytes
    {
        private readonly MemoryStream _stream = new();

        public Bytes Raw(ReadOnlySpan<byte> bytes)
        {
            _stream.Write(bytes);
            return this;
        }

        public Bytes U8(byte value) => Raw([value]);

        public Bytes U16(ushort value) => Number(value, 2);

        public Bytes U32(uint value) => Number(value, 4);

        public Bytes U64(ulong value) => Number(value, 8);

        public Bytes I64(long value) => Number(unchecked((ulong)value), 8);

        public Bytes Str16(string text) => U16((ushort)Encoding.UTF8.GetByteCount(text)).Raw(Encoding.UTF8.GetBytes(text));

        public byte[] ToArray() => _stream.ToArray();

        private Bytes Number(ulong value, int size)
        {
            Span<byte> buffer = stackalloc byte[8];
            BinaryPrimitives.WriteUInt64LittleEndian(buffer, value);
            return Raw(buffer[..size]);
        }
    }
}
