using Stoffel.Vm.Formats;
using Stoffel.Vm.Instructions;
using Stoffel.Vm.Programs;
using Stoffel.Vm.Values;

namespace Stoffel.Vm.Tests.Formats;

/// <summary>StflWriter: version choice, exact bytes in upstream's layout, and round trips through StflReader.</summary>
[TestClass]
public sealed class StflWriterTests
{
    /// <summary>Each conformance program written and read back is the same program, in the version the writer must choose.</summary>
    [TestMethod]
    [DataRow("fizzbuzz.stflb", 1)]
    [DataRow("compound_assignment.stflb", 1)]
    [DataRow("client_mul.stflb", 1)]
    [DataRow("avss_keygen.v3.stflb", 9)]
    [DataRow("threshold_ecdsa_p256.v3.stflb", 9)]
    public void ConformanceProgramRoundTrips(string file, int writtenVersion)
    {
        var original = StflReader.ReadFile(TestFiles.Upstream(file));

        var written = StflWriter.Write(original);
        var reread = StflReader.Read(written);

        Assert.AreEqual(writtenVersion, written[4] | written[5] << 8);
        Assert.AreEqual(writtenVersion, reread.FormatVersion);
        ProgramEquivalence.AssertEquivalent(original, reread);
        CollectionAssert.AreEqual(written, StflWriter.Write(reread), "writing is deterministic");
    }

    /// <summary>A v1 file without duplicates is written back byte for byte.</summary>
    [TestMethod]
    [DataRow("compound_assignment.stflb")]
    [DataRow("client_mul.stflb")]
    public void V1FileWithoutDuplicatesIsWrittenBackByteForByte(string file)
    {
        var bytes = TestFiles.UpstreamBytes(file);

        CollectionAssert.AreEqual(bytes, StflWriter.Write(StflReader.Read(bytes)));
    }

    /// <summary>fizzbuzz is written back as the original minus its second, identical main entry.</summary>
    [TestMethod]
    public void FizzbuzzIsWrittenBackWithoutItsDuplicateMain()
    {
        // The function count sits at 0x4E, right after the 10-constant pool; each main entry is 872 bytes.
        const int countOffset = 0x4E, entryOffset = 0x52, entryLength = 872;
        var bytes = TestFiles.UpstreamBytes("fizzbuzz.stflb");
        Assert.AreEqual(entryOffset + 2 * entryLength, bytes.Length);
        CollectionAssert.AreEqual(bytes[entryOffset..(entryOffset + entryLength)], bytes[(entryOffset + entryLength)..]);
        byte[] expected = [.. bytes[..countOffset], 1, 0, 0, 0, .. bytes[entryOffset..(entryOffset + entryLength)]];

        CollectionAssert.AreEqual(expected, StflWriter.Write(StflReader.Read(bytes)));
    }

    /// <summary>LDS/STS force v9: type metadata for main, STS slot first, and the 39-byte clear trailer.</summary>
    [TestMethod]
    public void SpillInstructionsAreWrittenAsV9WithTheClearTrailer()
    {
        var main = Function("main", 1, [],
            Instr(Opcode.LDI, 0, 0, 0, null),
            Instr(Opcode.STS, 3, 0, 0, null),
            Instr(Opcode.LDS, 1, 3, 0, null),
            Instr(Opcode.RET, 1, 0, 0, null));
        var program = ProgramBuilder.Build([Value.FromI64(42)], [main], 9);

        var written = StflWriter.Write(program);

        var expected = StflBytes.Header(9).U32(1).U8(1).I64(42).U32(1)
            .Function(9, "main", 4, b => b
                .U8(0x01).U32(0).U32(0)
                .U8(0x19).U32(3).U32(0)
                .U8(0x18).U32(1).U32(3)
                .U8(0x12).U32(1), registerCount: 1)
            .ClearManifest().ToArray();
        CollectionAssert.AreEqual(expected, written);
        Assert.IsTrue(written[^39..].All(b => b == 0), "clear trailer: backend 0, curve 0, 0 clients, zero demand, dynamic 0");
        var reread = StflReader.Read(written);
        Assert.AreEqual(ProgramManifest.Clear, reread.Manifest! with { Clients = ProgramManifest.Clear.Clients });
        Assert.IsEmpty(reread.Manifest!.Clients);
        ProgramEquivalence.AssertEquivalent(program, reread);
    }

    /// <summary>A clear program with calls, jumps and string/float constants is written as v1, exactly as §2 lays it out.</summary>
    [TestMethod]
    public void ClearProgramIsWrittenAsV1WithSymbolicOperands()
    {
        var main = Function("main", 2, [],
            Instr(Opcode.LDI, 0, 1, 0, null),
            Instr(Opcode.PUSHARG, 0, 0, 0, null),
            Instr(Opcode.CALL, 0, 0, 0, "helper"),
            Instr(Opcode.JMP, 0, 0, 0, "end")) with { Labels = [new Label("end", 4)] };
        var helper = Function("helper", 1, ["x"],
            Instr(Opcode.LD, 1, -1, 0, null),
            Instr(Opcode.NOP, 0, 0, 0, null),
            Instr(Opcode.RET, 0, 0, 0, null));
        var program = ProgramBuilder.Build([Value.FromString("hé"), Value.FromFloat(2.5)], [main, helper], 1);

        var written = StflWriter.Write(program);

        var expected = StflBytes.Header(1).U32(2).U8(11).Str32("hé").U8(9).I64(BitConverter.DoubleToInt64Bits(2.5)).U32(2)
            .Function(1, "main", 4, b => b
                .U8(0x01).U32(0).U32(1)
                .U8(0x13).U32(0)
                .U8(0x11).Str16("helper")
                .U8(0x0E).Str16("end"), labels: [("end", 4)], registerCount: 2)
            .Function(1, "helper", 3, b => b
                .U8(0x00).U32(1).I32(-1)
                .U8(0x17)
                .U8(0x12).U32(0), parameters: ["x"], registerCount: 1)
            .ToArray();
        CollectionAssert.AreEqual(expected, written);
        ProgramEquivalence.AssertEquivalent(program, StflReader.Read(written));
    }

    /// <summary>A signature alone forces v9, and the types survive the round trip.</summary>
    [TestMethod]
    public void SignatureForcesV9()
    {
        var int64 = new FunctionType(FunctionTypeTag.Integer, Signed: true, Bits: 64);
        var add = Function("add", 2, ["a", "b"], Instr(Opcode.ADD, 0, 0, 1, null)) with
        {
            Signature = new FunctionSignature([int64, int64], int64),
        };
        var program = ProgramBuilder.Build([], [add], 9);

        var reread = StflReader.Read(StflWriter.Write(program));

        Assert.AreEqual(9, reread.FormatVersion);
        Assert.AreEqual("(int64, int64) -> int64", $"({string.Join(", ", reread.Functions[0].Signature!.Parameters)}) -> {reread.Functions[0].Signature!.Return}");
        ProgramEquivalence.AssertEquivalent(program, reread);
    }

    /// <summary>A manifest with clients, every share type and demand is written as v9 and read back unchanged.</summary>
    [TestMethod]
    public void ManifestWithClientsRoundTrips()
    {
        var manifest = new ProgramManifest(1, 5,
            [new ClientIo(7, [new ShareType(0, 64, 0), new ShareType(1, 64, 16)], [new ShareType(2, 32, 0)])],
            new PreprocessingDemand(1, 2, 3, ulong.MaxValue, true));
        var program = ProgramBuilder.Build([], [Function("main", 1, [], Instr(Opcode.RET, 0, 0, 0, null))], 9, manifest);

        var reread = StflReader.Read(StflWriter.Write(program));

        Assert.AreEqual(9, reread.FormatVersion);
        ProgramEquivalence.AssertEquivalent(program, reread);
        Assert.IsTrue(reread.RequiresMpc, "clients and demand mean MPC");
    }

    /// <summary>Programs that do not fit the format are refused with ArgumentException, not written corrupt.</summary>
    [TestMethod]
    public void UnrepresentableProgramsAreRefused()
    {
        var longName = Function(new string('f', ushort.MaxValue + 1), 1, [], Instr(Opcode.RET, 0, 0, 0, null));
        var error = Assert.ThrowsExactly<ArgumentException>(() => StflWriter.Write(ProgramBuilder.Build([], [longName], 1)));
        Assert.Contains("65536", error.Message);

        var mismatched = Function("f", 1, ["a"], Instr(Opcode.RET, 0, 0, 0, null)) with
        {
            Signature = new FunctionSignature([FunctionType.Unknown, FunctionType.Unknown], FunctionType.Unknown),
        };
        error = Assert.ThrowsExactly<ArgumentException>(() => StflWriter.Write(ProgramBuilder.Build([], [mismatched], 9)));
        Assert.Contains("has 1 parameter(s) but its signature has 2 type(s)", error.Message);
    }

    [TestMethod]
    public void A_function_with_an_empty_name_is_refused_at_load()
    {
        var error = Assert.ThrowsExactly<ProgramLoadException>(() => ProgramBuilder.Build([], [Function("", 1, [], Instr(Opcode.RET, 0, 0, 0, null))], 1));

        Assert.AreEqual("a function has an empty name (every function needs one to be called by)", error.Message);
    }

    private static InstructionDefinition Instr(Opcode opcode, int a, int b, int c, string? symbol) => new(opcode, a, b, c, symbol);

    private static FunctionDefinition Function(string name, int registers, string[] parameters, params InstructionDefinition[] instructions) =>
        new(name, registers, parameters, null, [], null, [], instructions);
}
