using System.Diagnostics;
using System.Globalization;
using Stoffel.Stress.Reporting;

namespace Stoffel.Stress.Binaries;

/// <summary>
/// The <c>binaries</c> run: mutated binaries (<see cref="BinaryMutator"/>) through a check
/// (<see cref="BinaryOracle.Check"/>). A case fails when the check throws anything but a clear
/// error, takes longer than <see cref="SlowCase"/>, or allocates more than
/// <see cref="BinaryFuzzOptions.MostAllocated"/> (limits that did not hold). Case
/// <c>i</c>'s binary depends only on the seed and <c>i</c>, so a failure replays alone.
/// </summary>
/// <param name="mutator">Makes each case's binary.</param>
/// <param name="check">Judges one binary; throws on a finding.</param>
public sealed class BinaryFuzzer(BinaryMutator mutator, Func<byte[], BinaryVerdict> check)
{
    /// <summary>A case that takes longer than this has outrun its limits (2 s of time limit, plus slack for a loaded machine).</summary>
    public static readonly TimeSpan SlowCase = TimeSpan.FromSeconds(15);


    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(30);

    /// <summary>The fuzzer of the tool: the corpus next to it, the standard oracle with a budget of <paramref name="maxInstructions"/>.</summary>
    public static BinaryFuzzer Standard(long maxInstructions) =>
        new(new BinaryMutator(BinaryCorpus.Load(BinaryCorpus.DefaultDirectory)), new BinaryOracle(BinaryOracle.BudgetedLimits(maxInstructions)).Check);

    /// <summary>Runs <paramref name="options"/>' cases; <paramref name="progress"/> gets a line every 30 s of a long run.</summary>
    public StressReport Run(BinaryFuzzOptions options, TextWriter? progress = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Jobs, 1);
        var run = new StressRun("binaries", options.Seed, inThisProcess: true);
        var tallies = new Tallies(new Tally(), new Tally(), new Tally(), new Tally(), new HeaviestCase());
        var (first, end) = options.Range(options.Count);
        long done = 0;
        var lastProgress = TimeSpan.Zero;
        var jobs = Enumerable.Range(0, options.Jobs).Select(job => new Thread(() =>
        {
            for (var index = first + job; index < end; index += options.Jobs)
            {
                RunCase(index, options, run.Failures, tallies);
                var total = Interlocked.Increment(ref done);
                if (progress is not null && job == 0 && run.Elapsed - lastProgress > ProgressInterval)
                {
                    lastProgress = run.Elapsed;
                    progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"binaries: {total:N0} of {end - first:N0}, {run.Failures.Count:N0} failed, {ReportWriter.Seconds(run.Elapsed)}"));
                }
            }
        }, maxStackSize: 16 * 1024 * 1024) { IsBackground = true, Name = $"binaries job {job}" }).ToList();
        jobs.ForEach(thread => thread.Start());
        jobs.ForEach(thread => thread.Join());
        var outcomes = tallies.Outcomes;
        return run.Report(
            done,
            "binaries",
            string.Create(CultureInfo.InvariantCulture, $"--max-instructions {options.MaxInstructions}"),
            [
                new("refused by the reader (ProgramLoadException)", outcomes[nameof(BinaryOutcome.RefusedByReader)]),
                new("refused when loaded into a VM (ProgramLoadException)", outcomes[nameof(BinaryOutcome.RefusedByVm)]),
                new("ran to a result", outcomes[nameof(BinaryOutcome.Ran)]),
                new("stopped by a VM error (VmException)", outcomes[nameof(BinaryOutcome.StoppedByVmError)]),
            ],
            [
                $"mutations: {tallies.Mutations.Describe()}",
                $"VM errors by kind: {tallies.VmErrors.Describe()}",
                $"the heaviest case: {tallies.Heaviest}",
                "most common load errors:",
                .. tallies.LoadErrors.Largest(8).Select(pair => string.Create(CultureInfo.InvariantCulture, $"  {pair.Value:N0} × {pair.Key}")),
            ]);
    }

    /// <summary>Checks case <paramref name="index"/>: its verdict is tallied, an unexpected exception recorded.</summary>
    private void RunCase(long index, BinaryFuzzOptions options, FailureLog failures, Tallies tallies)
    {
        var binary = mutator.Next(CaseRandom.For(options.Seed, index));
        foreach (var kind in binary.Kinds)
        {
            tallies.Mutations.Add(kind.ToString());
        }
        var clock = Stopwatch.StartNew();
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        try
        {
            var verdict = check(binary.Bytes);
            var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
            tallies.Heaviest.Offer(index, allocated);
            tallies.Outcomes.Add(verdict.Outcome.ToString());
            switch (verdict.Outcome)
            {
                case BinaryOutcome.RefusedByReader or BinaryOutcome.RefusedByVm:
                    tallies.LoadErrors.Add(MessageShape.Of(verdict.Detail ?? ""));
                    break;
                case BinaryOutcome.StoppedByVmError:
                    tallies.VmErrors.Add(verdict.Detail ?? "");
                    break;
            }
            if (clock.Elapsed > SlowCase)
            {
                Fail(index, $"took {ReportWriter.Seconds(clock.Elapsed)}: the run's limits did not stop it in time", binary, options, failures);
            }
            if (allocated > options.MostAllocated)
            {
                Fail(index, $"allocated {ReportWriter.Mebibytes(allocated)}, more than the {ReportWriter.Mebibytes(options.MostAllocated)} a case may ({verdict.Outcome}{(verdict.Detail is { } detail ? $": {MessageShape.Of(detail)}" : "")}): memory the limits do not bound", binary, options, failures);
            }
        }
        catch (Exception e)
        {
            Fail(index, Exceptions.Describe(e), binary, options, failures);
        }
    }

    private static void Fail(long index, string message, MutatedBinary binary, BinaryFuzzOptions options, FailureLog failures)
    {
        var saved = "";
        if (options.SaveFailuresTo is { } directory)
        {
            Directory.CreateDirectory(directory);
            var path = Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"binaries-{options.Seed}-{index}.stflb"));
            File.WriteAllBytes(path, binary.Bytes);
            saved = $"; written to {path}";
        }
        failures.Add(index, $"{message} [binary: {binary.Description}{saved}]");
    }

    /// <summary>How a run's cases ended, what the load errors said, which VM errors stopped runs, which mutations were made.</summary>
    private sealed record Tallies(Tally Outcomes, Tally LoadErrors, Tally VmErrors, Tally Mutations, HeaviestCase Heaviest);

    /// <summary>The case that allocated the most, from any thread.</summary>
    private sealed class HeaviestCase
    {
        private readonly Lock _lock = new();
        private long _case = -1;
        private long _bytes;

        public void Offer(long index, long bytes)
        {
            lock (_lock)
            {
                if (bytes > _bytes)
                {
                    (_case, _bytes) = (index, bytes);
                }
            }
        }

        public override string ToString()
        {
            lock (_lock)
            {
                return _case < 0 ? "none" : string.Create(CultureInfo.InvariantCulture, $"case {_case} allocated {ReportWriter.Mebibytes(_bytes)}");
            }
        }
    }
}
