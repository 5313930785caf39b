namespace Stoffel.Stress.Hostile;

/// <summary>The size of a <see cref="HostileRunner"/> run.</summary>
public sealed record HostileOptions
{
    /// <summary>How many times to run every case.</summary>
    public int Rounds { get; init; } = 1;

    /// <summary>The seed that orders the cases in each round.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Run just the case of this name; null for all of them.</summary>
    public string? OnlyCase { get; init; }
}
