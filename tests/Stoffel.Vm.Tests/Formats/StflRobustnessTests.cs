using Stoffel.Vm.Formats;
using Stoffel.Vm.Instructions;
using Stoffel.Vm.Programs;

namespace Stoffel.Vm.Tests.Formats;

/// <summary>
/// Hostile and damaged input: the reader either succeeds or throws ProgramLoadException — never
/// another exception type, never a huge allocation (no input may crash the process:
/// docs/reliability.md). Random and mutated binaries are the stress tool's (tools/Stoffel.Stress
/// binaries; its smoke run is tests/Stoffel.Stress.Tests).
/// </summary>
[TestClass]
public sealed class StflRobustnessTests
{
    /// <summary>Every proper prefix of a real file (and of its v9 rewrite, with type metadata and trailer) is a ProgramLoadException.</summary>
    [TestMethod]
    [DataRow("fizzbuzz.stflb", false)]
    [DataRow("fizzbuzz.stflb", true)]
    [DataRow("compound_assignment.stflb", false)]
    [DataRow("client_mul.stflb", false)]
    [DataRow("avss_keygen.v3.stflb", false)]
    [DataRow("threshold_ecdsa_p256.v3.stflb", false)]
    [DataRow("threshold_ecdsa_p256.v3.stflb", true)]
    public void EveryTruncationFails(string file, bool rewrittenAsV9)
    {
        var bytes = Bytes(file, rewrittenAsV9);

        for (var length = 0; length < bytes.Length; length++)
        {
            var prefix = bytes[..length];
            Assert.ThrowsExactly<ProgramLoadException>(() => StflReader.Read(prefix), $"prefix of {length} bytes");
        }
    }

    /// <summary>Counts and lengths that exceed a limit or the bytes left fail at once, without allocating for them.</summary>
    [TestMethod]
    [DataRow("constants 0xFFFFFFFF", "the constant count 4294967295 exceeds the limit of 1000000 in the constant pool at offset 0x6")]
    [DataRow("constants 999999", "truncated file: the constant count 999999 in the constant pool at offset 0x6 needs at least 999999 bytes, 10 remain")]
    [DataRow("functions 1000000", "truncated file: the function count 1000000 in the function table at offset 0xA needs at least 15000000 bytes, 10 remain")]
    [DataRow("instructions 0xFFFFFFFF", "the instruction count 4294967295 exceeds the limit of 8000000 of function 'main' at offset 0x1D")]
    [DataRow("instructions 8000000", "truncated file: the instruction count 8000000 of function 'main' at offset 0x1D needs at least 8000000 bytes, 10 remain")]
    [DataRow("labels 65535", "truncated file: the label count 65535 of function 'main' at offset 0x1B needs at least 393210 bytes, 10 remain")]
    [DataRow("string 16 MiB", "truncated file: expected 16777216 bytes for the string of constant 0 in the constant pool at offset 0xF, 10 remain")]
    [DataRow("clients 1000000", "truncated file: the client count 1000000 in the manifest at offset 0xE needs at least 16000000 bytes, 10 remain")]
    public void HostileCountFailsFast(string hostile, string message)
    {
        var bytes = HostileFile(hostile);
        var before = GC.GetAllocatedBytesForCurrentThread();

        var error = Assert.ThrowsExactly<ProgramLoadException>(() => StflReader.Read(bytes));

        Assert.IsLessThan(256 * 1024, GC.GetAllocatedBytesForCurrentThread() - before, "allocated bytes");
        Assert.AreEqual(message, error.Message);
    }

    private static byte[] HostileFile(string hostile)
    {
        var tenBytes = new byte[10];
        var main = StflBytes.Header(1).U32(0).U32(1).Str16("main").U16(1).U16(0).U16(0).U8(0);
        return hostile switch
        {
            "constants 0xFFFFFFFF" => StflBytes.Header(1).U32(uint.MaxValue).Raw(tenBytes).ToArray(),
            "constants 999999" => StflBytes.Header(1).U32(999_999).Raw(tenBytes).ToArray(),
            "functions 1000000" => StflBytes.Header(1).U32(0).U32(1_000_000).Raw(tenBytes).ToArray(),
            "instructions 0xFFFFFFFF" => main.U16(0).U32(uint.MaxValue).Raw(tenBytes).ToArray(),
            "instructions 8000000" => main.U16(0).U32(8_000_000).Raw(tenBytes).ToArray(),
            "labels 65535" => main.U16(ushort.MaxValue).Raw(tenBytes).ToArray(),
            "string 16 MiB" => StflBytes.Header(1).U32(1).U8(11).U32(16 * 1024 * 1024).Raw(tenBytes).ToArray(),
            "clients 1000000" => StflBytes.Header(2).U32(0).U32(0).U32(1_000_000).Raw(tenBytes).ToArray(),
            _ => throw new ArgumentOutOfRangeException(nameof(hostile), hostile, "no such hostile file"),
        };
    }

    private static byte[] Bytes(string file, bool rewrittenAsV9)
    {
        var bytes = TestFiles.UpstreamBytes(file);
        if (!rewrittenAsV9)
        {
            return bytes;
        }
        var program = StflReader.Read(bytes);
        var withManifest = ProgramBuilder.Build(
            program.Constants,
            program.Functions.Select(f => new FunctionDefinition(
                f.Name, f.DeclaredRegisterCount, f.Parameters, f.Signature, f.Upvalues, f.Parent, f.Labels,
                f.Instructions.Select(i => ToDefinition(program, f, i)).ToList())).ToList(),
            9,
            program.Manifest ?? ProgramManifest.Clear);
        var written = StflWriter.Write(withManifest);
        Assert.AreEqual(9, written[4], "the rewrite is a v9 file");
        return written;
    }

    /// <summary>The unlinked form of a linked instruction: jumps and calls get their names back.</summary>
    private static InstructionDefinition ToDefinition(StoffelProgram program, CompiledFunction function, Instruction instruction) =>
        OpcodeTable.Get(instruction.Opcode).Flow switch
        {
            ControlFlow.Jump or ControlFlow.ConditionalJump => new(instruction.Opcode, 0, 0, 0, function.Labels[instruction.B].Name),
            ControlFlow.Call => new(instruction.Opcode, 0, 0, 0, program.CalleeNames[instruction.A]),
            _ => new(instruction.Opcode, instruction.A, instruction.B, instruction.C, null),
        };
}
