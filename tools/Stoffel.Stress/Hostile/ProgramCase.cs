using System.Globalization;
using Stoffel.Stress.Processes;
using Stoffel.Stress.Reporting;

namespace Stoffel.Stress.Hostile;

/// <summary>
/// A hostile program or input file run by <c>stoffel ARGUMENTS</c> to its end, then held to its
/// expected exit code, output and error text, wall time and peak resident set.
/// </summary>
/// <param name="name">A short name, what <c>--case</c> takes.</param>
/// <param name="expectation">The outcome it must have, in words.</param>
/// <param name="arguments">The CLI's arguments (<c>run FILE …</c>).</param>
/// <param name="exitCode">The exit code it must end with.</param>
public sealed class ProgramCase(string name, string expectation, IReadOnlyList<string> arguments, int exitCode) : HostileCase(name, expectation)
{
    private static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(60);

    /// <summary>How long past <see cref="LongestTime"/> a case runs before it is stopped.</summary>
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(5);

    /// <summary>The CLI's arguments.</summary>
    public IReadOnlyList<string> Arguments { get; } = arguments;

    /// <summary>The exit code it must end with.</summary>
    public int ExitCode { get; } = exitCode;

    /// <summary>The last line it must print, or null.</summary>
    public string? LastLine { get; init; }

    /// <summary>How its standard error must start, or null.</summary>
    public string? StderrStart { get; init; }

    /// <summary>What its standard error must contain, or null.</summary>
    public string? StderrContains { get; init; }

    /// <summary>The longest it may take, start-up included, or null.</summary>
    public TimeSpan? LongestTime { get; init; }

    /// <summary>The largest peak resident set it may reach, or null (then it is stopped past 2 GiB all the same).</summary>
    public long? LargestPeak { get; init; }

    /// <summary>Prepares the input before the run (makes a FIFO) and returns a cleanup, or null.</summary>
    public Func<IDisposable>? Setup { get; init; }

    /// <inheritdoc />
    public override HostileResult Run(StoffelCommand stoffel)
    {
        ArgumentNullException.ThrowIfNull(stoffel);
        using var prepared = Setup?.Invoke();
        // A case past its bounds has failed: it is stopped there, not left to take the machine.
        var timeLimit = LongestTime + Slack ?? TimeLimit;
        var run = ChildProcess.Run(stoffel.Start(Arguments), timeLimit, LargestPeak ?? MemoryLimit);
        var problems = new List<string>();
        if (run.TimedOut)
        {
            problems.Add($"killed, still running after {ReportWriter.Seconds(timeLimit)}");
        }
        if (run.OutgrewMemory)
        {
            problems.Add($"killed, its resident set past {ReportWriter.Mebibytes(LargestPeak ?? MemoryLimit)}");
        }
        if (run.ExitCode != ExitCode)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"exit {run.ExitCode}, expected {ExitCode}"));
        }
        if (LastLine is not null && run.LastLine != LastLine)
        {
            problems.Add($"last line '{run.LastLine}', expected '{LastLine}'");
        }
        if (StderrStart is not null && !run.Stderr.StartsWith(StderrStart, StringComparison.Ordinal))
        {
            problems.Add($"stderr does not start with '{StderrStart}'");
        }
        if (StderrContains is not null && !run.Stderr.Contains(StderrContains, StringComparison.Ordinal))
        {
            problems.Add($"stderr does not contain '{StderrContains}'");
        }
        if (LongestTime is { } longest && run.Elapsed > longest)
        {
            problems.Add($"took {ReportWriter.Seconds(run.Elapsed)}, at most {ReportWriter.Seconds(longest)} allowed");
        }
        if (LargestPeak is { } largest && run.PeakResidentBytes > largest)
        {
            problems.Add($"peak RSS {ReportWriter.Mebibytes(run.PeakResidentBytes)}, at most {ReportWriter.Mebibytes(largest)} allowed");
        }
        if (problems.Count > 0)
        {
            problems.Add($"the run: {run}");
        }
        var peak = run.PeakResidentBytes > 0 ? $", peak RSS {ReportWriter.Mebibytes(run.PeakResidentBytes)}" : "";
        return new HostileResult(problems, $"exit {run.ExitCode} after {ReportWriter.Seconds(run.Elapsed)}{peak}", run.Elapsed, run.PeakResidentBytes);
    }
}
