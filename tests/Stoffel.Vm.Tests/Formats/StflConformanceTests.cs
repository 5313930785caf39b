using Stoffel.Vm.Formats;
using Stoffel.Vm.Instructions;
using Stoffel.Vm.Programs;

namespace Stoffel.Vm.Tests.Formats;

/// <summary>The upstream binaries in tests/conformance/upstream load as tests/conformance/README.md describes.</summary>
[TestClass]
public sealed class StflConformanceTests
{
    /// <summary>Each fixture loads with its declared version, its functions (duplicates dropped) and a manifest iff v2+.</summary>
    [TestMethod]
    [DataRow("fizzbuzz.stflb", 1, 1)]
    [DataRow("compound_assignment.stflb", 1, 2)]
    [DataRow("client_mul.stflb", 1, 1)]
    [DataRow("avss_keygen.v3.stflb", 3, 1)]
    [DataRow("threshold_ecdsa_p256.v3.stflb", 3, 1)]
    public void ConformanceFileLoadsWithItsVersionAndFunctions(string file, int version, int functionCount)
    {
        var program = StflReader.ReadFile(TestFiles.Upstream(file));

        Assert.AreEqual(version, program.FormatVersion);
        Assert.HasCount(functionCount, program.Functions);
        Assert.AreEqual("main", program.Functions[0].Name);
        Assert.AreEqual(version >= 2, program.Manifest is not null);
        Assert.IsTrue(program.Functions.All(f => f.Signature is null), "v1 and v3 carry no type metadata");
    }

    /// <summary>fizzbuzz lists main twice; one remains, with the labels, instructions and frame size of the file.</summary>
    [TestMethod]
    public void FizzbuzzKeepsOneMainWithItsLabelsAndInstructions()
    {
        var program = StflReader.ReadFile(TestFiles.Upstream("fizzbuzz.stflb"));

        var main = program.Functions.Single();
        Assert.AreSame(main, program.FindFunction("main"));
        Assert.HasCount(10, program.Constants);
        Assert.AreEqual(7, main.DeclaredRegisterCount);
        Assert.AreEqual(7, main.RegisterCount, "the highest register named is r6, within the declared 7");
        Assert.IsEmpty(main.Parameters);
        Assert.HasCount(14, main.Labels);
        Assert.HasCount(63, main.Instructions);
        CollectionAssert.Contains(main.Labels.ToList(), new Label("for_start_4", 4));
        CollectionAssert.Contains(main.Labels.ToList(), new Label("for_end_4", 61));
        CollectionAssert.Contains(main.Labels.ToList(), new Label("else_48", 54));
        Assert.AreEqual(new Instruction(Opcode.LDI, 3, 0, 0), main.Instructions[0]);
        Assert.AreEqual(new Instruction(Opcode.CMP, 5, 4, 0), main.Instructions[4]);
        var forEnd = main.Labels.ToList().FindIndex(l => l.Name == "for_end_4");
        Assert.AreEqual(new Instruction(Opcode.JMPGT, 61, forEnd, 0), main.Instructions[5]);
        Assert.AreEqual(new Instruction(Opcode.MOD, 2, 5, 1), main.Instructions[7]);
        Assert.IsEmpty(program.CalleeNames);
        Assert.IsFalse(program.RequiresMpc);
    }

    /// <summary>compound_assignment calls the builtins conformance/README.md names, plus its own accumulate.</summary>
    [TestMethod]
    public void CompoundAssignmentCallsItsBuiltinsAndAccumulate()
    {
        var program = StflReader.ReadFile(TestFiles.Upstream("compound_assignment.stflb"));

        foreach (var callee in new[] { "create_array", "array_push", "get_field", "set_field", "print", "accumulate" })
        {
            CollectionAssert.Contains(program.CalleeNames.ToList(), callee);
        }
        Assert.HasCount(6, program.CalleeNames);
        var accumulate = program.FindFunction("accumulate");
        Assert.IsNotNull(accumulate);
        CollectionAssert.AreEqual(new[] { "arg0" }, accumulate.Parameters.ToList());
        Assert.HasCount(13, accumulate.Instructions);
        Assert.HasCount(144, program.FindFunction("main")!.Instructions);
        Assert.IsFalse(program.RequiresMpc);
    }

    /// <summary>
    /// client_mul is an MPC program through its secret registers; its ClientStore calls, like any
    /// callee, are looked up only when they run.
    /// </summary>
    [TestMethod]
    public void ClientMulNeedsMpcForItsSecretRegisters()
    {
        var program = StflReader.ReadFile(TestFiles.Upstream("client_mul.stflb"));

        Assert.IsTrue(program.RequiresMpc);
        CollectionAssert.AreEqual(new[] { "uses secret register r16 in main (registers r16 and up are the MPC secret bank)" }, program.MpcFeatures.ToArray());
        CollectionAssert.Contains(program.CalleeNames.ToArray(), "ClientStore.take_share");
        Assert.AreEqual(20, program.Functions[0].DeclaredRegisterCount);
    }

    /// <summary>
    /// A v3 trailer has a backend byte but no curve byte and no demand. Every v3+ file carries a
    /// backend, so it alone does not make a program need MPC; these two need it only when they
    /// reach their MPC builtin calls.
    /// </summary>
    [TestMethod]
    [DataRow("avss_keygen.v3.stflb", "Share.random")]
    [DataRow("threshold_ecdsa_p256.v3.stflb", "Share.open_field")]
    public void V3FileParsesItsManifest(string file, string mpcBuiltin)
    {
        var program = StflReader.ReadFile(TestFiles.Upstream(file));

        var manifest = program.Manifest;
        Assert.IsNotNull(manifest);
        Assert.AreEqual(0, manifest.Backend, "both fixtures declare backend 0 (HoneyBadger)");
        Assert.AreEqual(0, manifest.Curve, "v3 has no curve byte: the default BLS12-381");
        Assert.IsEmpty(manifest.Clients);
        Assert.IsNull(manifest.Demand, "v3 has no demand");
        Assert.IsFalse(program.RequiresMpc, string.Join("; ", program.MpcFeatures));
        CollectionAssert.Contains(program.CalleeNames.ToArray(), mpcBuiltin);
    }

    /// <summary>The v3 backend byte is really read: AVSS (1) is reported and an unknown tag is an error at its offset.</summary>
    [TestMethod]
    public void V3BackendByteIsTheFifthByteFromTheEnd()
    {
        // The avss trailer is backend (1 byte) + client count (4 bytes); flip the backend to AVSS.
        var bytes = TestFiles.UpstreamBytes("avss_keygen.v3.stflb");
        bytes[^5] = 1;

        Assert.AreEqual(1, StflReader.Read(bytes).Manifest!.Backend);

        bytes[^5] = 2;
        var error = Assert.ThrowsExactly<ProgramLoadException>(() => StflReader.Read(bytes));
        Assert.Contains("unknown tag 2 for the MPC backend", error.Message);
        Assert.Contains($"at offset 0x{bytes.Length - 5:X}", error.Message);
    }

    /// <summary>ReadFile names the file in its errors.</summary>
    [TestMethod]
    public void ReadFilePrefixesErrorsWithThePath()
    {
        var path = Path.Combine(Path.GetTempPath(), $"stfl-{Guid.NewGuid():N}.stflb");
        File.WriteAllBytes(path, "STFL\x0c\0"u8.ToArray());
        try
        {
            var error = Assert.ThrowsExactly<ProgramLoadException>(() => StflReader.ReadFile(path));
            Assert.StartsWith($"{path}: unsupported STFL version 12", error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
