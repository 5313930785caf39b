using Stoffel.Stress.Reporting;

namespace Stoffel.Stress.Store;

/// <summary>The size of a <see cref="StoreKiller"/> run; a case is one kill (replayed against a new store).</summary>
public sealed record StoreKillOptions : CaseOptions
{
    /// <summary>How many times to kill the writer.</summary>
    public int Kills { get; init; } = 50;

    /// <summary>Elements in each stored payload (5,000 make a 250 KB file: a few milliseconds a write, flushed to disk).</summary>
    public int PayloadSize { get; init; } = 5_000;

    /// <summary>The longest wait, after the writer's first completed round, before the kill.</summary>
    public TimeSpan LongestDelay { get; init; } = TimeSpan.FromMilliseconds(400);
}
