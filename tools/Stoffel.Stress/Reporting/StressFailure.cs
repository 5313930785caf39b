namespace Stoffel.Stress.Reporting;

/// <summary>One thing a stress run found wrong, with what replays it.</summary>
/// <param name="Case">The case that failed: its index (binaries, DAP sessions, shared-program runs, kills) or name (hostile programs); with the run's seed, <c>--case</c> replays it alone.</param>
/// <param name="Message">What went wrong, for a bug report: the unexpected exception, the missing answer, the differing result.</param>
public sealed record StressFailure(string Case, string Message);
