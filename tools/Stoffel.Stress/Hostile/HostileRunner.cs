using Stoffel.Stress.Processes;
using Stoffel.Stress.Reporting;

namespace Stoffel.Stress.Hostile;

/// <summary>
/// The <c>hostile</c> run: every <see cref="HostileCase"/> (the <see cref="HostileCatalog"/>, or
/// those given) as a child process, one at a time so their memory and time are their own, in an
/// order the seed shuffles, for a number of rounds. A case whose outcome differs from its
/// expectation is a failure; one that cannot run on this machine is counted as skipped.
/// </summary>
/// <param name="stoffel">The CLI the cases run.</param>
/// <param name="cases">The cases.</param>
public sealed class HostileRunner(StoffelCommand stoffel, IReadOnlyList<HostileCase> cases)
{
    /// <summary>Runs the cases.</summary>
    public StressReport Run(HostileOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var chosen = options.OnlyCase is { } name ? [cases.FirstOrDefault(c => c.Name == name) ?? throw new ArgumentException($"no hostile case '{name}'", nameof(options))] : cases;
        var run = new StressRun("hostile", options.Seed, inThisProcess: false);
        var notes = new List<string>();
        long ran = 0;
        long skipped = 0;
        long peak = 0;
        for (var round = 0; round < options.Rounds; round++)
        {
            var order = chosen.ToArray();
            CaseRandom.For(options.Seed, round).Shuffle(order);
            foreach (var hostile in order)
            {
                var result = hostile.Needs is { } needed && !File.Exists(needed) ? HostileResult.Skip($"needs {needed}") : hostile.Run(stoffel);
                if (result.Skipped is not null)
                {
                    skipped++;
                    notes.Add($"{hostile.Name}: skipped ({result.Skipped})");
                    continue;
                }
                ran++;
                peak = Math.Max(peak, result.PeakResidentBytes);
                notes.Add($"{hostile.Name}: {(result.Problems.Count == 0 ? "passed" : "FAILED")}, {result.Observed} — {hostile.Expectation}");
                if (result.Problems.Count > 0)
                {
                    run.Failures.Add(hostile.Name, string.Join("; ", result.Problems));
                }
            }
        }
        return run.Report(ran, "cases", "", [new("rounds", options.Rounds), new("cases skipped on this machine", skipped)], notes, peak);
    }
}
