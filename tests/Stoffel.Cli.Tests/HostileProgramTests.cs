namespace Stoffel.Cli.Tests;

/// <summary>
/// Programs written to exhaust the process, run as a user runs them (a real <c>stoffel</c>
/// process), with its peak resident memory and wall time: memory the program drops is reclaimed,
/// memory it keeps is bounded by <c>--max-memory</c>, and a builtin's long work answers to
/// <c>--timeout</c>.
/// </summary>
[TestClass]
public sealed class HostileProgramTests
{
    private const long MiB = 1024 * 1024;

    private static string Program(string name) => Path.Combine(AppContext.BaseDirectory, "hostile", name);

    [TestMethod]
    public void Five_million_dropped_objects_run_in_bounded_memory()
    {
        var result = Cli.RunProcess("run", Program("dropped_objects.stfa"), "--arg", "5000000");

        Assert.AreEqual(0, result.ExitCode, result.ToString());
        Assert.AreEqual("5000000", result.LastLine);
        AssertPeakBelow(result, 150 * MiB); // every table kept alive would be about 1.5 GB
    }

    [TestMethod]
    public void A_field_flood_stops_below_the_memory_limit_with_a_clear_error()
    {
        var result = Cli.RunProcess("run", Program("field_flood.stfa"), "--max-memory", "128M");

        Assert.AreEqual(1, result.ExitCode, result.ToString());
        StringAssert.StartsWith(result.Stderr, "error: memory limit of 128 MiB reached: the program's live tables and strings hold about");
        StringAssert.Contains(result.Stderr, "at main (field_flood.stfa:11, instruction 7)");
        AssertPeakBelow(result, 128 * MiB + 100 * MiB); // the limit plus the runtime's own footprint
    }

    [TestMethod]
    public void Huge_capacity_hints_in_a_loop_stay_flat()
    {
        var result = Cli.RunProcess("run", Program("capacity_hints.stfa"), "--arg", "200000");

        Assert.AreEqual(0, result.ExitCode, result.ToString());
        Assert.AreEqual("200000", result.LastLine);
        AssertPeakBelow(result, 150 * MiB);
    }

    [TestMethod]
    public void Timeout_stops_a_builtin_building_sixteen_million_elements()
    {
        var result = Cli.RunProcess("run", Program("repeat_forever.stfa"), "--timeout", "1");

        Assert.AreEqual(1, result.ExitCode, result.ToString());
        StringAssert.StartsWith(result.Stderr, "error: execution timed out after 1 s\n  at main (repeat_forever.stfa:13, instruction 9)");
        Assert.IsLessThan(TimeSpan.FromSeconds(4), result.Elapsed, "stopped within the builtin, not after it");
    }

    [TestMethod]
    public void The_instruction_budget_counts_a_builtins_work()
    {
        var result = Cli.RunProcess("run", Program("repeat_forever.stfa"), "--max-instructions", "1000000");

        Assert.AreEqual(1, result.ExitCode, result.ToString());
        StringAssert.StartsWith(result.Stderr, "error: instruction limit of 1000000 reached\n  at main (repeat_forever.stfa:13, instruction 9)");
    }

    private static void AssertPeakBelow(CliResult result, long bytes)
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Inconclusive("peak memory is read from /proc");
        }
        Assert.IsGreaterThan(0L, result.PeakResidentBytes, "the peak was sampled");
        Assert.IsLessThan(bytes, result.PeakResidentBytes, $"peak resident set {result.PeakResidentBytes / MiB} MiB");
    }
}
