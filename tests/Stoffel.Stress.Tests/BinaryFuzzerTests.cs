using System.Collections.Concurrent;
using Stoffel.Stress.Binaries;
using Stoffel.Stress.Reporting;

namespace Stoffel.Stress.Tests;

/// <summary>
/// <c>binaries</c>: mutated binaries through the loader, the disassembler and a budgeted run end
/// in a clear error or a result, reach every part of the format, and a failure is reported with
/// the seed and case that replay it.
/// </summary>
[TestClass]
public sealed class BinaryFuzzerTests
{
    private const int Seed = 20_260_614;

    private static readonly Lazy<BinaryMutator> Mutator = new(() => new BinaryMutator(BinaryCorpus.Load(BinaryCorpus.DefaultDirectory)));

    private static readonly BinaryOracle Oracle = new(BinaryOracle.BudgetedLimits());

    [TestMethod]
    public void Two_thousand_mutated_binaries_end_in_clear_errors_or_results()
    {
        var verdicts = new ConcurrentBag<BinaryVerdict>();
        var fuzzer = new BinaryFuzzer(Mutator.Value, bytes =>
        {
            var verdict = Oracle.Check(bytes);
            verdicts.Add(verdict);
            return verdict;
        });

        var report = fuzzer.Run(new BinaryFuzzOptions { Count = 2_000, Seed = Seed });

        Assert.IsTrue(report.Passed, ReportText.Of(report));
        Assert.AreEqual(2_000, report.Count);
        var messages = verdicts.Select(v => v.Detail ?? "").ToList();
        Assert.IsTrue(messages.Any(m => m.Contains("bad magic", StringComparison.Ordinal)), "some inputs are refused at the magic");
        Assert.IsTrue(messages.Any(m => m.Contains("of constant", StringComparison.Ordinal)), "some inputs reach the constant pool");
        Assert.IsTrue(messages.Any(m => m.Contains("of function", StringComparison.Ordinal)), "some inputs reach the function table");
        Assert.IsTrue(messages.Any(m => m.Contains("in the manifest", StringComparison.Ordinal)), "some inputs reach a manifest trailer");
        foreach (var outcome in Enum.GetValues<BinaryOutcome>())
        {
            Assert.IsGreaterThan(0, verdicts.Count(v => v.Outcome == outcome), $"some binaries end as {outcome}");
        }
    }

    [TestMethod]
    public void Every_mutation_kind_is_used_and_every_seed_binary_loads_unmutated()
    {
        var corpus = Mutator.Value.Corpus;
        var kinds = Enumerable.Range(0, 3_000).SelectMany(i => Mutator.Value.Next(CaseRandom.For(Seed, i)).Kinds).ToHashSet();

        CollectionAssert.AreEquivalent(Enum.GetValues<MutationKind>(), kinds.ToArray());
        Assert.IsGreaterThanOrEqualTo(20, corpus.Entries.Count, "conformance binaries, their rewrites and the assembled programs");
        foreach (var entry in corpus.Entries)
        {
            Assert.AreNotEqual(BinaryOutcome.RefusedByReader, Oracle.Check(entry.Bytes).Outcome, entry.Name);
        }
    }

    [TestMethod]
    public void A_failing_check_is_reported_with_the_seed_and_case_that_replay_it()
    {
        var fuzzer = new BinaryFuzzer(Mutator.Value, bytes => Oracle.Check(bytes) is { Outcome: BinaryOutcome.Ran } ? throw new InvalidOperationException("ran") : Oracle.Check(bytes));
        var saved = Directory.CreateTempSubdirectory("stoffel-stress-tests-").FullName;

        var report = fuzzer.Run(new BinaryFuzzOptions { Count = 300, Seed = 5, SaveFailuresTo = saved });

        Assert.IsFalse(report.Passed);
        Assert.AreEqual(0, report.Figure("ran to a result"), "every binary that ran is a failure here");
        Assert.AreEqual(300, report.Figures.Sum(f => f.Value) + report.FailureCount, "each case has an outcome or a failure");
        var failure = report.Failures[0];
        StringAssert.StartsWith(failure.Message, "System.InvalidOperationException: ran (at ");
        var text = ReportText.Of(report);
        StringAssert.Contains(text, $"FAILED binaries case {failure.Case}: System.InvalidOperationException: ran");
        StringAssert.Contains(text, $"replay: Stoffel.Stress binaries --seed 5 --max-instructions 100000 --case {failure.Case}");

        var replay = fuzzer.Run(new BinaryFuzzOptions { Count = 300, Seed = 5, OnlyCase = long.Parse(failure.Case, System.Globalization.CultureInfo.InvariantCulture) });

        var file = Path.Combine(saved, $"binaries-5-{failure.Case}.stflb");
        Assert.AreEqual(1, replay.Count);
        Assert.AreEqual(failure with { Message = failure.Message.Replace($"; written to {file}", "", StringComparison.Ordinal) }, replay.Failures.Single(), "the replay makes the same binary and fails the same way");
        Assert.AreEqual(BinaryOutcome.Ran, Oracle.Check(File.ReadAllBytes(file)).Outcome, "the saved binary is the one that failed");
        Directory.Delete(saved, recursive: true);
    }

    [TestMethod]
    public void A_case_that_allocates_more_than_it_may_is_a_failure()
    {
        var fuzzer = new BinaryFuzzer(Mutator.Value, bytes =>
        {
            GC.KeepAlive(new byte[4 * 1024 * 1024]);
            return Oracle.Check(bytes);
        });

        var report = fuzzer.Run(new BinaryFuzzOptions { Count = 3, Seed = 2, MostAllocated = 2 * 1024 * 1024 });

        Assert.AreEqual(3, report.FailureCount);
        StringAssert.StartsWith(report.Failures[0].Message, "allocated 4 MiB, more than the 2 MiB a case may (");
        StringAssert.Contains(report.Failures[0].Message, "): memory the limits do not bound [binary: ");
        StringAssert.Contains(ReportText.Of(report), "  the heaviest case: case ");
    }

    [TestMethod]
    public void A_seed_gives_the_same_cases_on_any_number_of_threads()
    {
        var fuzzer = BinaryFuzzer.Standard(10_000);

        var one = fuzzer.Run(new BinaryFuzzOptions { Count = 500, Seed = 9, Jobs = 1 });
        var two = fuzzer.Run(new BinaryFuzzOptions { Count = 500, Seed = 9, Jobs = 2 });

        CollectionAssert.AreEqual(one.Figures.ToArray(), two.Figures.ToArray());
        CollectionAssert.AreEqual(one.Notes.ToArray(), two.Notes.ToArray());
    }
}
