using Stoffel.Stress.Hostile;
using Stoffel.Stress.Processes;

namespace Stoffel.Stress.Tests;

/// <summary>
/// <c>hostile</c>: each hostile program and input of issue 8, as a <c>stoffel</c> process, has its
/// expected outcome (exit code, message, time, peak memory); a case that does not is reported.
/// </summary>
[TestClass]
public sealed class HostileTests
{
    public static IEnumerable<object[]> Cases => HostileCatalog.All.Select(c => new object[] { c.Name });

    [TestMethod]
    [Timeout(120_000, CooperativeCancellation = true)]
    [DynamicData(nameof(Cases))]
    public void The_hostile_case_has_its_expected_outcome(string name)
    {
        var report = new HostileRunner(StoffelCommand.Locate(), HostileCatalog.All).Run(new HostileOptions { OnlyCase = name });

        if (report.Figure("cases skipped") > 0)
        {
            Assert.Inconclusive(string.Join("\n", report.Notes));
        }
        Assert.IsTrue(report.Passed, ReportText.Of(report));
        Assert.AreEqual(1, report.Count);
    }

    [TestMethod]
    public void A_case_with_another_outcome_is_reported_by_name()
    {
        var wrong = new ProgramCase("missing-file", "expects what does not happen", ["run", "no-such-program.stfa"], 0) { StderrStart = "nothing like this" };

        var report = new HostileRunner(StoffelCommand.Locate(), [wrong]).Run(new HostileOptions { Seed = 2 });

        Assert.AreEqual(1, report.FailureCount);
        var failure = report.Failures.Single();
        Assert.AreEqual("missing-file", failure.Case);
        StringAssert.StartsWith(failure.Message, "exit 2, expected 0; stderr does not start with 'nothing like this'; the run: exit 2");
        StringAssert.Contains(ReportText.Of(report), "replay: Stoffel.Stress hostile --seed 2 --case missing-file");
    }

    [TestMethod]
    public void The_cli_is_the_one_given_else_STOFFEL_NATIVE_else_stoffel_dll_next_to_the_tool()
    {
        var given = StoffelCommand.Locate("/opt/stoffel/bin/stoffel");
        var dll = StoffelCommand.Locate("build/stoffel.dll");

        Assert.AreEqual("/opt/stoffel/bin/stoffel", given.FileName);
        Assert.AreEqual(0, given.LeadingArguments.Count);
        Assert.AreEqual("dotnet", dll.FileName);
        Assert.AreEqual(Path.GetFullPath("build/stoffel.dll"), dll.LeadingArguments.Single());
        if (Environment.GetEnvironmentVariable(StoffelCommand.EnvironmentVariable) is null)
        {
            Assert.AreEqual(Path.Combine(AppContext.BaseDirectory, "stoffel.dll"), StoffelCommand.Locate().LeadingArguments.Single());
        }
    }
}
