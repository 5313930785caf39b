namespace Stoffel.Stress.Reporting;

/// <summary>
/// Collects a run's failures from any number of threads: counts them all, keeps the first
/// <see cref="Kept"/> in detail (a run that fails a million times reports the first few, not a
/// million lines).
/// </summary>
public sealed class FailureLog
{
    /// <summary>How many failures are kept in detail.</summary>
    public const int Kept = 50;

    private readonly List<StressFailure> _kept = [];
    private readonly Lock _lock = new();
    private long _count;

    /// <summary>Failures so far, kept or not.</summary>
    public long Count => Interlocked.Read(ref _count);

    /// <summary>The first <see cref="Kept"/> failures, in the order they were added.</summary>
    public IReadOnlyList<StressFailure> Failures
    {
        get
        {
            lock (_lock)
            {
                return [.. _kept];
            }
        }
    }

    /// <summary>Records that <paramref name="caseName"/> failed with <paramref name="message"/>.</summary>
    public void Add(string caseName, string message)
    {
        Interlocked.Increment(ref _count);
        lock (_lock)
        {
            if (_kept.Count < Kept)
            {
                _kept.Add(new StressFailure(caseName, message));
            }
        }
    }

    /// <summary>Records a failure of case number <paramref name="caseIndex"/>.</summary>
    public void Add(long caseIndex, string message) => Add(caseIndex.ToString(System.Globalization.CultureInfo.InvariantCulture), message);
}
