using System.Diagnostics;
using Stoffel.Stress.Processes;

namespace Stoffel.Stress.Reporting;

/// <summary>
/// What every run keeps while it goes, and turns into its <see cref="StressReport"/>: the clock,
/// the failures, and (for a run measured in this process) a fresh peak-memory mark.
/// </summary>
public sealed class StressRun
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly bool _inThisProcess;

    /// <summary>Starts run <paramref name="name"/> with <paramref name="seed"/>.</summary>
    /// <param name="name">The subcommand.</param>
    /// <param name="seed">The seed its cases derive from.</param>
    /// <param name="inThisProcess">True when the work happens in this process (its peak memory is the run's): the mark is reset now.</param>
    public StressRun(string name, int seed, bool inThisProcess)
    {
        Name = name;
        Seed = seed;
        _inThisProcess = inThisProcess;
        if (inThisProcess)
        {
            ResidentMemory.ResetOwnPeak();
            _clock.Restart();
        }
    }

    /// <summary>The subcommand.</summary>
    public string Name { get; }

    /// <summary>The seed.</summary>
    public int Seed { get; }

    /// <summary>Time since the start.</summary>
    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>The run's failures.</summary>
    public FailureLog Failures { get; } = new();

    /// <summary>The report of the run so far.</summary>
    /// <param name="count">Units exercised.</param>
    /// <param name="unit">What they are, plural.</param>
    /// <param name="replayOptions">Options the cases depend on, after <c>--seed</c> (may be empty).</param>
    /// <param name="figures">Counts to print.</param>
    /// <param name="notes">Lines to print after them.</param>
    /// <param name="childPeak">For a run of child processes: the largest child's peak resident set.</param>
    /// <param name="childPeakOf">Whose peak <paramref name="childPeak"/> is.</param>
    public StressReport Report(
        long count,
        string unit,
        string replayOptions,
        IReadOnlyList<KeyValuePair<string, long>> figures,
        IReadOnlyList<string>? notes = null,
        long childPeak = 0,
        string childPeakOf = "largest child") => new()
        {
            Name = Name,
            Seed = Seed,
            Count = count,
            Unit = unit,
            Elapsed = Elapsed,
            PeakResidentBytes = _inThisProcess ? ResidentMemory.OwnPeak() : childPeak,
            PeakOf = _inThisProcess ? "this process" : childPeakOf,
            ReplayArguments = $"{Name} --seed {Seed}{(replayOptions.Length > 0 ? " " : "")}{replayOptions}",
            Figures = figures,
            Notes = notes ?? [],
            Failures = Failures.Failures,
            FailureCount = Failures.Count,
        };
}
