using System.IO.Pipelines;
using System.Text;
using Stoffel.Stress.Binaries;
using Stoffel.Stress.Dap;

namespace Stoffel.Stress.Tests;

/// <summary>
/// <c>dap</c>: fuzzed traffic of every kind leaves the adapter answering and its messages
/// well-formed; an exception that escapes a handler, an unanswered request and a malformed
/// message are each reported.
/// </summary>
[TestClass]
public sealed class DapFuzzerTests
{
    private static DapTargets Targets() => DapTargets.Create(BinaryCorpus.DefaultDirectory);

    [TestMethod]
    [Timeout(120_000, CooperativeCancellation = true)]
    public async Task Two_thousand_messages_of_every_kind_leave_the_adapter_answering()
    {
        using var targets = Targets();

        var report = await DapFuzzer.Standard(targets).RunAsync(new DapFuzzOptions { Messages = 2_000, Seed = 20_260_614 });

        Assert.IsTrue(report.Passed, ReportText.Of(report));
        Assert.IsGreaterThanOrEqualTo(2_000L, report.Count);
        Assert.IsGreaterThan(50L, report.Figure("well-formed requests after a burst"), "each burst is followed by a request that was answered");
        Assert.IsGreaterThan(report.Count, report.Figure("messages received"), "the adapter answered and reported as it went");
        foreach (var kind in DapTraffic.Kinds)
        {
            StringAssert.Contains(report.Notes[0], $"{kind} ", "every kind of message was sent");
        }
    }

    [TestMethod]
    [Timeout(120_000, CooperativeCancellation = true)]
    public async Task An_exception_escaping_a_handler_is_reported_with_its_session()
    {
        using var targets = Targets();
        var fuzzer = new DapFuzzer(_ => throw new InvalidOperationException("the host broke"), new DapTraffic(new PlausibleRequests(targets)));

        var report = await fuzzer.RunAsync(new DapFuzzOptions { Messages = 1_500, Seed = 4 });

        Assert.IsFalse(report.Passed);
        var failure = report.Failures.First(f => f.Message.Contains("launch", StringComparison.Ordinal));
        StringAssert.Contains(failure.Message, "an exception escaped the 'launch' handler (internal error): internal error in 'launch': the host broke");
        StringAssert.Contains(ReportText.Of(report), $"replay: Stoffel.Stress dap --seed 4 --case {failure.Case}");

        var replay = await fuzzer.RunAsync(new DapFuzzOptions { Seed = 4, OnlyCase = long.Parse(failure.Case, System.Globalization.CultureInfo.InvariantCulture) });

        Assert.IsTrue(replay.Failures.Any(f => f.Message == failure.Message), "the replayed session fails the same way");
    }

    [TestMethod]
    [Timeout(20_000, CooperativeCancellation = true)]
    [DataRow("""{"seq":1,"type":"event","event":"output"}{"seq":3,"type":"event","event":"output"}""", "seq 3 where 2 was due")]
    [DataRow("""{"seq":1,"type":"response","request_seq":4,"command":"threads","success":false,"message":"no"}""", "a failed response without body.error.format")]
    [DataRow("""{"seq":1,"type":"response","request_seq":4,"command":"threads"}""", "a response without success")]
    [DataRow("""{"seq":1,"type":"response","request_seq":4,"command":"x","success":false,"body":{"error":{"format":"internal error in 'x': boom"}}}""", "an exception escaped the 'x' handler (internal error)")]
    [DataRow("""{"seq":1,"type":"request"}""", "a message of type \"request\"")]
    [DataRow("""[1]""", "not a JSON object")]
    public async Task A_malformed_message_from_the_adapter_is_a_problem(string bodies, string problem)
    {
        var frames = string.Concat(bodies.Replace("}{", "}\n{", StringComparison.Ordinal).Split('\n').Select(body => $"Content-Length: {Encoding.UTF8.GetByteCount(body)}\r\n\r\n{body}"));
        var fromAdapter = new MemoryStream(Encoding.UTF8.GetBytes(frames));
        var wire = new DapWire(fromAdapter, Stream.Null);

        await wire.Closed;

        Assert.IsTrue(wire.Problems.Any(p => p.Contains(problem, StringComparison.Ordinal)), string.Join(" | ", wire.Problems));
    }

    [TestMethod]
    [Timeout(20_000, CooperativeCancellation = true)]
    public async Task A_request_nobody_answers_is_null_not_a_hang()
    {
        var silent = new Pipe();
        var wire = new DapWire(silent.Reader.AsStream(), Stream.Null);

        var answer = await wire.AskAsync("threads", null, TimeSpan.FromMilliseconds(200));

        Assert.IsNull(answer);
        await silent.Writer.CompleteAsync();
        await wire.Closed;
        Assert.AreEqual(0, wire.Problems.Count);
    }
}
