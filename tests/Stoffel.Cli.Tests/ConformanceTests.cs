namespace Stoffel.Cli.Tests;

/// <summary>The upstream binaries in tests/conformance, through the CLI (issue: done-when list).</summary>
[TestClass]
public sealed class ConformanceTests
{
    private static string Binary(string name) => Path.Combine(Cli.Conformance, name);

    [TestMethod]
    public void Fizzbuzz_returns_73()
    {
        var result = Cli.RunProcess("run", Binary("fizzbuzz.stflb"));

        Assert.AreEqual(0, result.ExitCode, result.ToString());
        Assert.AreEqual("73", result.LastLine);
        Assert.AreEqual("", result.Stderr);
    }

    [TestMethod]
    public void Compound_assignment_prints_its_message_and_returns_unit()
    {
        var result = Cli.Run("run", Binary("compound_assignment.stflb"));

        Assert.AreEqual(0, result.ExitCode, result.ToString());
        CollectionAssert.AreEqual(new[] { "Compound assignment test completed successfully!" }, result.StdoutLines, "no result line for ()");
    }

    [TestMethod]
    [DataRow("client_mul.stflb", "uses secret register r16 in main")]
    [DataRow("avss_keygen.v3.stflb", "it calls Share.random (an MPC builtin)")]
    [DataRow("threshold_ecdsa_p256.v3.stflb", "it calls Share.random (an MPC builtin)")]
    public void Mpc_programs_disassemble_but_refuse_to_run_naming_the_feature(string file, string feature)
    {
        var disassembly = Cli.Run("disasm", Binary(file));
        Assert.AreEqual(0, disassembly.ExitCode, disassembly.ToString());
        StringAssert.Contains(disassembly.Stdout, ".function main");

        var run = Cli.Run("run", Binary(file));
        Assert.AreEqual(ExitCodes.LoadError, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Stderr, "needs MPC");
        StringAssert.Contains(run.Stderr, feature);
        Assert.AreEqual("", run.Stdout);
    }

    [TestMethod]
    [DataRow("fizzbuzz.stflb", "73")]
    [DataRow("compound_assignment.stflb", "Compound assignment test completed successfully!")]
    public void Disassembly_reassembles_to_a_program_that_behaves_identically(string file, string lastLine)
    {
        var stfa = Path.ChangeExtension(Cli.TempFile(file, File.ReadAllBytes(Binary(file))), ".stfa");
        Assert.AreEqual(0, Cli.Run("disasm", Binary(file), "-o", stfa).ExitCode);
        var rebuilt = Path.ChangeExtension(stfa, ".rebuilt.stflb");
        Assert.AreEqual(0, Cli.Run("asm", stfa, "-o", rebuilt).ExitCode);

        foreach (var program in new[] { stfa, rebuilt })
        {
            var result = Cli.Run("run", program);
            Assert.AreEqual(0, result.ExitCode, result.ToString());
            Assert.AreEqual(lastLine, result.LastLine);
        }
    }
}
