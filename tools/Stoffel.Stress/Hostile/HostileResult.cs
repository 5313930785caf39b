namespace Stoffel.Stress.Hostile;

/// <summary>How one hostile case went.</summary>
/// <param name="Problems">What differed from the expected outcome; empty when it passed.</param>
/// <param name="Observed">What happened, in a line: exit code, time, peak memory.</param>
/// <param name="Elapsed">Wall time of the child, start-up included.</param>
/// <param name="PeakResidentBytes">The child's peak resident set (0 when not measured).</param>
/// <param name="Skipped">Why the case could not run here (no <c>/dev/zero</c>, no FIFOs), or null.</param>
public sealed record HostileResult(IReadOnlyList<string> Problems, string Observed, TimeSpan Elapsed, long PeakResidentBytes, string? Skipped = null)
{
    /// <summary>A case that cannot run on this machine.</summary>
    public static HostileResult Skip(string why) => new([], "skipped", TimeSpan.Zero, 0, why);
}
