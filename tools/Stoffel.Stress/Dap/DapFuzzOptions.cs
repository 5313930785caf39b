using Stoffel.Stress.Reporting;

namespace Stoffel.Stress.Dap;

/// <summary>The size and shape of a <see cref="DapFuzzer"/> run; a case is a session.</summary>
public sealed record DapFuzzOptions : CaseOptions
{
    /// <summary>How many messages to send in all (fuzzed ones, the well-formed checks after each burst, session openings and endings).</summary>
    public long Messages { get; init; } = 100_000;

    /// <summary>How long a well-formed request may wait for its answer, and a session for the adapter to finish after it ends.</summary>
    public TimeSpan AnswerWait { get; init; } = TimeSpan.FromSeconds(10);
}
