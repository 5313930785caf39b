using Stoffel.Stress.Processes;

namespace Stoffel.Stress.Hostile;

/// <summary>
/// One hostile input, run as a user meets it (a <c>stoffel</c> child process), with the outcome it
/// must have: a clear error or a normal result, within bounded time and memory.
/// </summary>
/// <param name="name">A short name, what <c>--case</c> takes.</param>
/// <param name="expectation">The outcome it must have, in words (for the summary and docs).</param>
public abstract class HostileCase(string name, string expectation)
{
    /// <summary>The case's name, what <c>--case</c> takes.</summary>
    public string Name { get; } = name;

    /// <summary>The outcome it must have, in words.</summary>
    public string Expectation { get; } = expectation;

    /// <summary>The resident set past which a hostile child is stopped when its case sets no lower bound: 2 GiB (no case needs half of it).</summary>
    public const long MemoryLimit = 2L << 30;

    /// <summary>A file the case needs (<c>/dev/zero</c>, <c>mkfifo</c>): without it the case is skipped. Null for none.</summary>
    public string? Needs { get; init; }

    /// <summary>Runs the case with <paramref name="stoffel"/>.</summary>
    public abstract HostileResult Run(StoffelCommand stoffel);
}
