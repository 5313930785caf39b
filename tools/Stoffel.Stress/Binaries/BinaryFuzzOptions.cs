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

    /// <summary>
    /// The most one case may allocate: 1 GiB, four times the run's 256 MiB memory limit (a case
    /// under a budget of 100,000 instructions normally allocates kilobytes). More is memory the
    /// limits do not bound.
    /// </summary>
    public long MostAllocated { get; init; } = 1L << 30;

    /// <summary>A directory to write each failing binary to (<c>binaries-SEED-CASE.stflb</c>); null for none.</summary>
    public string? SaveFailuresTo { get; init; }
}
