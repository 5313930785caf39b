namespace Stoffel.Stress.Reporting;

/// <summary>
/// The random source of one case, derived from the run's seed and the case's index alone (a
/// SplitMix64 step of both), so any case replays by itself (<c>--seed S --case N</c>) and a run
/// gives the same cases on any number of threads.
/// </summary>
public static class CaseRandom
{
    /// <summary>The generator of case <paramref name="caseIndex"/> of a run seeded with <paramref name="seed"/>.</summary>
    public static Random For(int seed, long caseIndex)
    {
        var z = (ulong)(uint)seed * 0x9E3779B97F4A7C15UL + (ulong)caseIndex;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return new Random((int)(z ^ (z >> 32)));
    }

    /// <summary>A seed for a run that was given none: different each time, printed in its summary.</summary>
    public static int NewSeed() => Random.Shared.Next(1, int.MaxValue);
}
