namespace Stoffel.Stress.Reporting;

/// <summary>What every run of numbered cases takes besides its size: the seed, and the one case to replay.</summary>
public abstract record CaseOptions
{
    /// <summary>The seed every case derives from (<see cref="CaseRandom"/>).</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Replay just this case, with the same seed; null for the whole run.</summary>
    public long? OnlyCase { get; init; }

    /// <summary>The cases to run: just <see cref="OnlyCase"/>, or 0 up to (not including) <paramref name="count"/>.</summary>
    public (long First, long End) Range(long count) => OnlyCase is { } only ? (only, only + 1) : (0, count);
}
