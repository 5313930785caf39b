namespace Stoffel.Hooks.Coverage;

/// <summary>
/// Adds up coverage reports taken from several VMs (a test suite runs each case in its own): one
/// entry per program, in first-seen order, with the calls and instruction hits of each function
/// summed. Programs are told apart by instance, so VMs that share a loaded program merge into one.
/// </summary>
public static class CoverageMerge
{
    /// <summary>Merges <paramref name="reports"/>.</summary>
    /// <param name="reports">Reports from <see cref="CoverageCollector.Report"/>.</param>
    /// <returns>One report covering them all.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reports"/> is null.</exception>
    public static CoverageReport Combine(IEnumerable<CoverageReport> reports)
    {
        ArgumentNullException.ThrowIfNull(reports);
        var programs = reports.SelectMany(report => report.Programs)
            .GroupBy(program => program.Program)
            .Select(group => group.Aggregate(Add))
            .ToArray();
        return new CoverageReport(programs);
    }

    private static ProgramCoverage Add(ProgramCoverage left, ProgramCoverage right) =>
        left with { Functions = left.Functions.Zip(right.Functions, Add).ToArray() };

    private static FunctionCoverage Add(FunctionCoverage left, FunctionCoverage right) =>
        new(left.Name, left.Calls + right.Calls, left.InstructionHits.Zip(right.InstructionHits, (a, b) => a + b).ToArray(), left.InstructionLines);
}
