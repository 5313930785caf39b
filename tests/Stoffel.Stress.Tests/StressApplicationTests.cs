namespace Stoffel.Stress.Tests;

/// <summary>The tool's command line: a summary on stdout, exit 0 when nothing failed, 1 when anything did, 2 for usage.</summary>
[TestClass]
public sealed class StressApplicationTests
{
    private static (int Exit, string Stdout, string Stderr) Run(params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var exit = StressApplication.Run(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [TestMethod]
    public void A_run_that_passes_exits_0_with_its_summary()
    {
        var (exit, stdout, _) = Run("binaries", "--count", "300", "--seed", "5");

        Assert.AreEqual(StressApplication.Passed, exit, stdout);
        StringAssert.StartsWith(stdout, "binaries: 300 binaries, 0 failed, ");
        StringAssert.Contains(stdout, ", seed 5\n  refused by the reader (ProgramLoadException): ");
    }

    [TestMethod]
    public void A_run_with_a_failure_exits_1_and_names_the_case_to_replay()
    {
        var (exit, stdout, _) = Run("hostile", "--case", "budget-array-repeat", "--stoffel", "/bin/false", "--seed", "3");

        Assert.AreEqual(StressApplication.Failed, exit, stdout);
        StringAssert.Contains(stdout, "FAILED hostile case budget-array-repeat: stderr does not start with 'error: instruction limit of 1000000 reached");
        StringAssert.Contains(stdout, "  replay: Stoffel.Stress hostile --seed 3 --case budget-array-repeat\n");
    }

    [TestMethod]
    [DataRow("binaries", "--count", "0")]
    [DataRow("dap", "--messages", "many")]
    [DataRow("hostile", "--case", "no-such-case")]
    [DataRow("nonsense")]
    public void A_usage_error_exits_2(params string[] args)
    {
        var (exit, stdout, stderr) = Run(args);

        Assert.AreEqual(StressApplication.UsageError, exit, stdout + stderr);
        StringAssert.StartsWith(stderr, "error: ");
    }
}
