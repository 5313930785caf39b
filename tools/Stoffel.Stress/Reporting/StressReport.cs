namespace Stoffel.Stress.Reporting;

/// <summary>
/// What one stress run did: how many cases, how they ended, how long it took, the peak memory,
/// and every failure with what replays it. <see cref="Passed"/> when nothing failed.
/// </summary>
public sealed class StressReport
{
    /// <summary>The run's name: its subcommand (<c>binaries</c>, <c>dap</c>, …).</summary>
    public required string Name { get; init; }

    /// <summary>The seed the run's cases derive from.</summary>
    public required int Seed { get; init; }

    /// <summary>How many units were exercised (binaries, DAP messages, runs, kills, programs).</summary>
    public required long Count { get; init; }

    /// <summary>What <see cref="Count"/> counts, plural (<c>binaries</c>, <c>messages</c>, …).</summary>
    public required string Unit { get; init; }

    /// <summary>Wall time of the whole run.</summary>
    public required TimeSpan Elapsed { get; init; }

    /// <summary>Peak resident set in bytes of what <see cref="PeakOf"/> names; 0 when not measured.</summary>
    public long PeakResidentBytes { get; init; }

    /// <summary>Whose peak <see cref="PeakResidentBytes"/> is: <c>this process</c> or <c>largest child</c>.</summary>
    public string PeakOf { get; init; } = "this process";

    /// <summary>The arguments that replay one case, before <c>--case N</c>: the subcommand, the seed and any option the cases depend on.</summary>
    public required string ReplayArguments { get; init; }

    /// <summary>Counts of how the cases ended and what they exercised, in the order to print them.</summary>
    public IReadOnlyList<KeyValuePair<string, long>> Figures { get; init; } = [];

    /// <summary>Further lines for the summary (the most common load errors, per-program figures).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>The first failures in detail (<see cref="FailureLog.Kept"/> at most).</summary>
    public IReadOnlyList<StressFailure> Failures { get; init; } = [];

    /// <summary>All failures, including those not kept in detail.</summary>
    public long FailureCount { get; init; }

    /// <summary>True when nothing failed.</summary>
    public bool Passed => FailureCount == 0;

    /// <summary>Units per second.</summary>
    public double Rate => Elapsed.TotalSeconds > 0 ? Count / Elapsed.TotalSeconds : 0;
}
