namespace Stoffel.Stress.Processes;

/// <summary>What a child process did: <see cref="ChildProcess.Run"/>'s result.</summary>
/// <param name="ExitCode">Its exit code (137 or similar when it was killed).</param>
/// <param name="Stdout">Its standard output, with <c>\n</c> line ends.</param>
/// <param name="Stderr">Its standard error, with <c>\n</c> line ends.</param>
/// <param name="Elapsed">Wall time from start to exit, start-up included.</param>
/// <param name="PeakResidentBytes">Its peak resident set in bytes (0 when not measured: off Linux, or it ended before the first sample).</param>
/// <param name="TimedOut">True when it was killed for outliving its time limit.</param>
public sealed record ChildRun(int ExitCode, string Stdout, string Stderr, TimeSpan Elapsed, long PeakResidentBytes, bool TimedOut)
{
    /// <summary>True when it was killed for outgrowing its memory limit.</summary>
    public bool OutgrewMemory { get; init; }

    /// <summary>The last non-empty line of standard output, or "".</summary>
    public string LastLine => Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "";

    /// <inheritdoc />
    public override string ToString() => $"exit {ExitCode}{(TimedOut ? " (killed: time limit)" : "")}{(OutgrewMemory ? " (killed: memory limit)" : "")}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
}
