using Stoffel.Stress.Reporting;

namespace Stoffel.Stress.SharedProgram;

/// <summary>The size of a <see cref="SharedProgramRunner"/> run; a case is thread × runs + run, replayed alone.</summary>
public sealed record SharedProgramOptions : CaseOptions
{
    /// <summary>Threads running the program at once.</summary>
    public int Threads { get; init; } = 16;

    /// <summary>Runs per thread, each on a new VM.</summary>
    public int Runs { get; init; } = 1_000;
}
