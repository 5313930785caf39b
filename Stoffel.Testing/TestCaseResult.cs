using Stoffel.Hooks.Coverage;

namespace Stoffel.Testing;

/// <summary>The result of running one <see cref="StoffelTestCase"/>.</summary>
/// <param name="Case">The case.</param>
/// <param name="Outcome">Passed, failed or skipped.</param>
/// <param name="Failure">Why it failed, or null.</param>
/// <param name="Duration">How long the run took.</param>
/// <param name="Output">What the program printed.</param>
/// <param name="Coverage">What ran, when <see cref="StoffelTestOptions.CollectCoverage"/> is set; else null.</param>
public sealed record TestCaseResult(
    StoffelTestCase Case,
    TestOutcome Outcome,
    TestFailure? Failure,
    TimeSpan Duration,
    string Output,
    CoverageReport? Coverage)
{
    /// <summary>
    /// One line for people: <c>file:line: NAME: message</c> for a failure, <c>NAME: skipped: reason</c>
    /// for a skipped case, <c>NAME: passed</c> otherwise. Paths are shown relative to
    /// <see cref="StoffelTestOptions.BaseDirectory"/>.
    /// </summary>
    public string Describe() => Outcome switch
    {
        TestOutcome.Failed => $"{Case.Locate(Failure!.FilePath, Failure.Line)}: {Case.Name}: {Failure.Message}",
        TestOutcome.Skipped => $"{Case.Name}: skipped: {Case.SkipReason}",
        _ => $"{Case.Name}: passed",
    };
}
