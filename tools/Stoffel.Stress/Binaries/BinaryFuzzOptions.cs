using Stoffel.Stress.Reporting;

namespace Stoffel.Stress.Binaries;

/// <summary>The size and shape of a <see cref="BinaryFuzzer"/> run.</summary>
public sealed record BinaryFuzzOptions : CaseOptions
{
    /// <summary>How many mutated binaries (cases 0 .. Count-1).</summary>
    public long Count { get; init; } = 100_000;

    /// <summary>Threads checking binaries at once.</summary>
    public int Jobs { get; init; } = 1;

    /// <summary>The instruction budget of each run.</summary>
    public long MaxInstructions { get; init; } = 100_000;

    /// <summary>A directory to write each failing binary to (<c>binaries-SEED-CASE.stflb</c>); null for none.</summary>
    public string? SaveFailuresTo { get; init; }
}
