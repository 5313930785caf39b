using System.Diagnostics;
using System.Globalization;
using Stoffel.Stdlib;
using Stoffel.Stress.Processes;
using Stoffel.Stress.Reporting;

namespace Stoffel.Stress.Store;

/// <summary>
/// The <c>store-kills</c> run: <c>stoffel run Store/store_writer.stfa --local-store FILE</c>
/// rewrites one store file as fast as it can and is killed (SIGKILL) at a random moment after its
/// first round, again and again on the same file. After each kill the file must open and hold a
/// state the writer passed through, never older than the one before (<see cref="StoreSnapshot"/>);
/// and no temporary file may remain after the next open that finds it abandoned (the store leaves
/// one younger than a minute alone, as it may be another process's write in progress: the run
/// dates the leftovers back two minutes instead of waiting).
/// </summary>
/// <param name="stoffel">The CLI to run the writer with.</param>
public sealed class StoreKiller(StoffelCommand stoffel)
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(30);

    /// <summary>Kills the writer <see cref="StoreKillOptions.Kills"/> times (or once, for <see cref="CaseOptions.OnlyCase"/>).</summary>
    public StressReport Run(StoreKillOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var run = new StressRun("store-kills", options.Seed, inThisProcess: false);
        var figures = new Tally();
        var directory = Directory.CreateTempSubdirectory("stoffel-stress-store-").FullName;
        var store = Path.Combine(directory, "store.json");
        long peak = 0;
        StoreSnapshot? previous = null;
        try
        {
            var (first, end) = options.Range(options.Kills);
            for (var kill = first; kill < end; kill++)
            {
                if (KillOnce(kill, store, options, figures, ref peak, ref previous) is { } problem)
                {
                    run.Failures.Add(kill, problem);
                }
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
        return run.Report(
            figures["kills"],
            "kills",
            "",
            [
                new("kills that left a temporary file (killed during a write)", figures["mid-write"]),
                new("temporary files removed by the next open", figures["removed"]),
                new("rounds the writers completed (the stored counter at the end)", previous?.Counter ?? 0),
            ],
            childPeak: peak,
            childPeakOf: "largest writer");
    }

    /// <summary>One start, wait, kill and check; the problem found, or null.</summary>
    private string? KillOnce(long kill, string store, StoreKillOptions options, Tally figures, ref long peak, ref StoreSnapshot? previous)
    {
        var random = CaseRandom.For(options.Seed, kill);
        using var writer = ChildProcess.Launch(stoffel.Start("run", StoreSnapshot.WriterPath, "--arg", options.PayloadSize.ToString(CultureInfo.InvariantCulture), "--local-store", store));
        using var firstRound = new ManualResetEventSlim();
        writer.OutputDataReceived += (_, line) =>
        {
            if (line.Data is not null)
            {
                firstRound.Set();
            }
        };
        writer.BeginOutputReadLine();
        var stderr = writer.StandardError.ReadToEndAsync();
        if (!firstRound.Wait(StartLimit))
        {
            writer.Kill(entireProcessTree: true);
            writer.WaitForExit();
            return $"the writer completed no round within {ReportWriter.Seconds(StartLimit)} (exit {writer.ExitCode}): {stderr.Result}";
        }
        Thread.Sleep(TimeSpan.FromMilliseconds(random.NextDouble() * options.LongestDelay.TotalMilliseconds));
        peak = Math.Max(peak, ResidentMemory.PeakOf(writer.Id));
        if (writer.HasExited)
        {
            return $"the writer ended by itself (exit {writer.ExitCode}) instead of writing until it was killed: {stderr.Result}";
        }
        writer.Kill(); // SIGKILL: no handler, no flush, no cleanup
        writer.WaitForExit();
        figures.Add("kills");
        var leftovers = Leftovers(store);
        if (leftovers.Count > 0)
        {
            figures.Add("mid-write");
        }
        StoreSnapshot snapshot;
        try
        {
            snapshot = StoreSnapshot.Read(store);
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            return $"the store does not read back after the kill: {e.Message}";
        }
        if (snapshot.Problem(options.PayloadSize, previous) is { } problem)
        {
            return problem;
        }
        previous = snapshot;
        foreach (var leftover in leftovers)
        {
            File.SetLastWriteTimeUtc(leftover, DateTime.UtcNow.AddMinutes(-2));
        }
        LocalStore.Open(store);
        var remaining = Leftovers(store);
        figures.Add("removed", leftovers.Count - remaining.Count);
        return remaining.Count == 0 ? null : $"the next open left {remaining.Count} abandoned temporary file(s): {string.Join(", ", remaining.Select(Path.GetFileName))}";
    }

    private static List<string> Leftovers(string store) =>
        [.. Directory.EnumerateFiles(Path.GetDirectoryName(store)!, Path.GetFileName(store) + ".*.tmp")];
}
