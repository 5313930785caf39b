using System.Diagnostics;
using Stoffel.Hooks.Coverage;

namespace Stoffel.Testing;

/// <summary>Runs cases in parallel, each in its own VM, and collects their results in order.</summary>
internal static class StoffelTestRunner
{
    public static TestRunResult Run(IReadOnlyList<StoffelTestCase> cases, int jobs, CancellationToken cancellation)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(jobs, 1);
        var clock = Stopwatch.StartNew();
        var results = new TestCaseResult[cases.Count];
        Parallel.For(
            0,
            cases.Count,
            new ParallelOptions { MaxDegreeOfParallelism = jobs, CancellationToken = cancellation },
            i => results[i] = cases[i].Run(cancellation));
        var coverage = results.Select(r => r.Coverage).OfType<CoverageReport>().ToArray();
        return new TestRunResult(results, clock.Elapsed, coverage.Length > 0 ? CoverageMerge.Combine(coverage) : null);
    }
}
