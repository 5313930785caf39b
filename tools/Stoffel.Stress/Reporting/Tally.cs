using System.Collections.Concurrent;
using System.Globalization;

namespace Stoffel.Stress.Reporting;

/// <summary>Thread-safe counts by name: how a run's cases ended (the figures of a <see cref="StressReport"/>).</summary>
public sealed class Tally
{
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);

    /// <summary>Adds <paramref name="amount"/> to <paramref name="name"/>'s count.</summary>
    public void Add(string name, long amount = 1) => _counts.AddOrUpdate(name, amount, (_, count) => count + amount);

    /// <summary>The count of <paramref name="name"/> (0 when never added).</summary>
    public long this[string name] => _counts.GetValueOrDefault(name);

    /// <summary>Every count, largest first (ties by name).</summary>
    public IReadOnlyList<KeyValuePair<string, long>> Largest(int limit = int.MaxValue) =>
        [.. _counts.OrderByDescending(pair => pair.Value).ThenBy(pair => pair.Key, StringComparer.Ordinal).Take(limit)];

    /// <summary>The counts on one line, largest first: <c>BitFlip 1,204, Truncate 998</c> (<c>none</c> when empty).</summary>
    public string Describe(int limit = int.MaxValue)
    {
        var counts = Largest(limit);
        return counts.Count == 0
            ? "none"
            : string.Join(", ", counts.Select(pair => string.Create(CultureInfo.InvariantCulture, $"{pair.Key} {pair.Value:N0}")));
    }
}
