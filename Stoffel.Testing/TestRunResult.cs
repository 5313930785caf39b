using Stoffel.Hooks.Coverage;

namespace Stoffel.Testing;

/// <summary>The results of a suite run.</summary>
/// <param name="Results">One per case, in the suite's order.</param>
/// <param name="Duration">Wall-clock time of the whole run.</param>
/// <param name="Coverage">The coverage of every case merged, when <see cref="StoffelTestOptions.CollectCoverage"/> is set; else null.</param>
public sealed record TestRunResult(IReadOnlyList<TestCaseResult> Results, TimeSpan Duration, CoverageReport? Coverage)
{
    /// <summary>Cases that passed.</summary>
    public int Passed => Results.Count(r => r.Outcome == TestOutcome.Passed);

    /// <summary>Cases that failed.</summary>
    public int Failed => Results.Count(r => r.Outcome == TestOutcome.Failed);

    /// <summary>Cases that were skipped.</summary>
    public int Skipped => Results.Count(r => r.Outcome == TestOutcome.Skipped);

    /// <summary>The closing line: <c>N passed, N failed, N skipped</c>.</summary>
    public string Summary => $"{Passed} passed, {Failed} failed, {Skipped} skipped";
}
