using System.IO.Pipelines;
using System.Text;
using System.Text.Json.Nodes;
using Stoffel.Debugger.Protocol;

namespace Stoffel.Debugger.Tests.Dap;

[TestClass]
public sealed class FramingTests
{
    [TestMethod]
    [Timeout(10_000, CooperativeCancellation = true)]
    public async Task PartialFramesAreReassembled()
    {
        var pipe = new Pipe();
        var reader = new MessageReader(pipe.Reader);
        var read = reader.ReadAsync(CancellationToken.None).AsTask();
        foreach (var piece in new[] { "Content-", "Length: 1", "4\r", "\n\r", "\n{\"a\":", "1,\"b\":22}" })
        {
            Assert.IsFalse(read.IsCompleted);
            await pipe.Writer.WriteAsync(Encoding.ASCII.GetBytes(piece));
        }
        var frame = await read.WaitAsync(TestPrograms.Wait);
        Assert.AreEqual("{\"a\":1,\"b\":22}", Encoding.UTF8.GetString(frame!.Value.Body!));
    }

    [TestMethod]
    [Timeout(10_000, CooperativeCancellation = true)]
    public async Task TwoMessagesInOneChunk()
    {
        var frames = await ReadAll("Content-Length: 2\r\n\r\n{}Content-Type: application/json\r\nContent-Length: 4\r\n\r\n[12]");
        CollectionAssert.AreEqual(new[] { "{}", "[12]" }, frames.Select(f => f.Body is null ? "error" : Encoding.UTF8.GetString(f.Body)).ToArray());
    }

    [TestMethod]
    [Timeout(10_000, CooperativeCancellation = true)]
    [DataRow("Content-Length: 99999999999\r\n\r\n", "exceeds the limit")]
    [DataRow("Content-Length: -5\r\n\r\n", "bad Content-Length")]
    [DataRow("Content-Length: abc\r\n\r\n", "bad Content-Length")]
    [DataRow("Content-Length: 1e3\r\n\r\n", "bad Content-Length")]
    [DataRow("Content-Type: text/plain\r\n\r\n", "without Content-Length")]
    [DataRow("garbage garbage\r\n\r\n", "without Content-Length")]
    [DataRow("Content-Length: \r\n\r\n", "bad Content-Length")]
    public async Task BadHeadersAreReportedAndReadingResumes(string header, string expected)
    {
        var frames = await ReadAll(header + "Content-Length: 2\r\n\r\n{}");
        Assert.AreEqual(2, frames.Count);
        StringAssert.Contains(frames[0].Error, expected);
        Assert.AreEqual("{}", Encoding.UTF8.GetString(frames[1].Body!));
    }

    [TestMethod]
    [Timeout(10_000, CooperativeCancellation = true)]
    public async Task EndlessGarbageWithoutAHeaderEndIsSkipped()
    {
        var garbage = new string('x', MessageReader.MaxHeaderBytes * 3);
        var frames = await ReadAll(garbage + "\r\n\r\nContent-Length: 2\r\n\r\n{}");
        Assert.IsTrue(frames.Count >= 2);
        Assert.IsTrue(frames.Take(frames.Count - 1).All(f => f.Error is not null));
        Assert.AreEqual("{}", Encoding.UTF8.GetString(frames[^1].Body!));
    }

    [TestMethod]
    [Timeout(10_000, CooperativeCancellation = true)]
    public async Task TruncatedFrameAtEndOfStreamIsAnErrorNotAHang()
    {
        var frames = await ReadAll("Content-Length: 10\r\n\r\n{\"a\"");
        Assert.AreEqual(1, frames.Count);
        StringAssert.Contains(frames[0].Error, "ended inside a frame");
    }

    [TestMethod]
    [Timeout(20_000, CooperativeCancellation = true)]
    public async Task TheAdapterSurvivesBadFramesAndStillAnswers()
    {
        await using var adapter = TestPrograms.LaunchAdapter();
        var client = adapter.Client;
        await client.SendBytesAsync(Encoding.ASCII.GetBytes("Content-Length: -1\r\n\r\nContent-Length: nope\r\n\r\nContent-Length: 99999999999\r\n\r\n"));
        await client.SendRawAsync("{not json"u8.ToArray());
        await client.SendRawAsync("[1,2,3]"u8.ToArray());
        await client.SendRawAsync("{\"seq\":1,\"type\":\"request\"}"u8.ToArray());
        await client.SendRawAsync(""u8.ToArray());
        var init = await client.RequestAsync("initialize", new JsonObject { ["adapterID"] = "stoffel" });
        Assert.IsTrue((bool)init["success"]!);
        var outputs = client.All.Where(m => (string?)m["event"] == "output").ToArray();
        Assert.IsTrue(outputs.Length >= 5, $"one output event per bad frame, got {outputs.Length}");
        Assert.AreEqual(0, client.SeqViolations.Count);
        Assert.AreEqual(1, (int)client.All[0]["seq"]!, "seq starts at 1");
    }

    [TestMethod]
    [Timeout(10_000, CooperativeCancellation = true)]
    public async Task AStrayByteBeforeAHeaderCostsNoMessage()
    {
        var frames = await ReadAll("x" + Framed("{\"a\":1}") + Framed("{\"b\":2}"));
        Assert.AreEqual(3, frames.Count);
        StringAssert.Contains(frames[0].Error, "skipped 1 bytes");
        CollectionAssert.AreEqual(new[] { "{\"a\":1}", "{\"b\":2}" }, frames.Skip(1).Select(f => Encoding.UTF8.GetString(f.Body!)).ToArray());
    }

    [TestMethod]
    [Timeout(10_000, CooperativeCancellation = true)]
    [DataRow("Content-Length: abc\r\n\r\n{\"seq\":9}", "bad Content-Length")]
    [DataRow("Content-Length: -12\r\n\r\n{\"seq\":9}", "bad Content-Length")]
    [DataRow("Content-Length: 99999999999\r\n\r\n{\"seq\":9}", "exceeds the limit of 16777216 bytes")]
    [DataRow("Content-Length: 400\r\n\r\n{\"seq\":9}", "ran into the next frame after 9 bytes")]
    [DataRow("Content-Length: 9\r\n\n\r\n{\"seq\":9}", "runs into the next Content-Length header")]
    public async Task ABadFrameCostsOnlyItselfAndTheNextFrameIsRead(string bad, string expected)
    {
        var frames = await ReadAll(bad + Framed("{\"a\":1}") + Framed("{\"b\":2}"));
        Assert.AreEqual(3, frames.Count, string.Join(" | ", frames.Select(f => f.Error ?? Encoding.UTF8.GetString(f.Body!))));
        StringAssert.Contains(frames[0].Error, expected);
        CollectionAssert.AreEqual(new[] { "{\"a\":1}", "{\"b\":2}" }, frames.Skip(1).Select(f => Encoding.UTF8.GetString(f.Body!)).ToArray());
    }

    /// <summary>
    /// A body cut short in the middle of a JSON value (found by tools/Stoffel.Stress dap) ends at the
    /// next header line, even a bad one, or one its Content-Length reaches into: raw line ends are
    /// never inside JSON text, so the frames after it are read, whether the bytes come at once or
    /// one by one.
    /// </summary>
    [TestMethod]
    [Timeout(10_000, CooperativeCancellation = true)]
    [DataRow("Content-Length: 300\r\n\r\n{\"seq\":9,\"command\":\"next\",\"arguments\":{", "a frame with Content-Length 300 ran into the next frame after 39 bytes", false)]
    [DataRow("Content-Length: 300\r\n\r\n{\"seq\":9,\"command\":\"next\",\"arguments\":{", "a frame with Content-Length 300 ran into the next frame after 39 bytes", true)]
    [DataRow("Content-Length: 241\r\n\r\n{\"seq\":35765,\"type\":\"r" + "Content-Length: -3\r\n\r\n", "a frame with Content-Length 241 ran into the next frame after 22 bytes", false)]
    [DataRow("Content-Length: 241\r\n\r\n{\"seq\":35765,\"type\":\"r" + "Content-Length: -3\r\n\r\n", "a frame with Content-Length 241 ran into the next frame after 22 bytes", true)]
    [DataRow("Content-Length: 18\r\n\r\n{\"line\":26", "a frame with Content-Length 18 ran into the next frame after 10 bytes", false)]
    [DataRow("Content-Length: 18\r\n\r\n{\"line\":26", "a frame with Content-Length 18 ran into the next frame after 10 bytes", true)]
    public async Task ABodyCutShortMidValueCostsOnlyItself(string cut, string expected, bool byteByByte)
    {
        var input = cut + Framed("{\"a\":1}") + Framed("{\"b\":2}");

        var frames = byteByByte ? await ReadByteByByte(input) : await ReadAll(input);

        var all = string.Join(" | ", frames.Select(f => f.Error ?? Encoding.UTF8.GetString(f.Body!)));
        StringAssert.Contains(frames[0].Error, expected, all);
        CollectionAssert.AreEqual(new[] { "{\"a\":1}", "{\"b\":2}" }, frames.Where(f => f.Body is not null).Select(f => Encoding.UTF8.GetString(f.Body!)).ToArray(), all);
    }

    [TestMethod]
    [Timeout(10_000, CooperativeCancellation = true)]
    public async Task AHeaderNameInsideAJsonStringIsNotAFrameBoundary()
    {
        var body = "{\"expression\":\"Content-Length: 5\\r\\n\"}";
        var frames = await ReadAll(Framed(body) + Framed("{}"));
        CollectionAssert.AreEqual(new[] { body, "{}" }, frames.Select(f => f.Error ?? Encoding.UTF8.GetString(f.Body!)).ToArray());
    }

    /// <summary>One stray byte anywhere in a stream of frames loses at most the frame it landed in.</summary>
    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    public async Task AStrayByteAnywhereCostsAtMostOneMessage()
    {
        string[] bodies = ["{\"seq\":1,\"command\":\"threads\"}", "{\"seq\":2}", "{\"seq\":3,\"arguments\":{\"x\":[1,2]}}", "{\"seq\":4}"];
        var stream = string.Concat(bodies.Select(Framed));
        foreach (var stray in new[] { "x", "7", "\n", "\r", "{", ":", "\r\n\r\n" })
        {
            for (var at = 0; at <= stream.Length; at++)
            {
                var frames = await ReadAll(stream[..at] + stray + stream[at..]);
                var intact = frames.Where(f => f.Body is not null).Select(f => Encoding.UTF8.GetString(f.Body!)).Intersect(bodies).Count();
                Assert.IsTrue(intact >= bodies.Length - 1, $"{JsonValue.Create(stray)} at {at}: {intact} of {bodies.Length} intact");
            }
        }
    }

    [TestMethod]
    [Timeout(20_000, CooperativeCancellation = true)]
    public async Task AfterAStrayByteAndABadLengthEveryLaterRequestIsAnswered()
    {
        await using var adapter = TestPrograms.LaunchAdapter();
        var client = adapter.Client;
        await client.SendBytesAsync(Encoding.ASCII.GetBytes("x"));
        Assert.IsTrue((bool)(await client.RequestAsync("initialize", new JsonObject { ["adapterID"] = "stoffel" }))["success"]!);
        await client.SendBytesAsync(Encoding.ASCII.GetBytes("Content-Length: abc\r\n\r\n{\"seq\":50,\"type\":\"request\",\"command\":\"threads\"}"));
        for (var i = 0; i < 5; i++)
        {
            var threads = await client.RequestAsync("threads");
            Assert.IsTrue((bool)threads["success"]!);
        }
        Assert.IsFalse(client.All.Any(m => (int?)m["request_seq"] == 50), "the frame with the bad length is skipped, not guessed at");
        Assert.AreEqual(2, client.All.Count(m => (string?)m["event"] == "output"), "one output event per bad frame");
    }

    private static string Framed(string body) => $"Content-Length: {Encoding.UTF8.GetByteCount(body)}\r\n\r\n{body}";

    /// <summary>Reads the frames of <paramref name="input"/> written one byte at a time, the reader looking after each byte.</summary>
    private static async Task<List<Frame>> ReadByteByByte(string input)
    {
        var pipe = new Pipe(new PipeOptions(readerScheduler: PipeScheduler.Inline, writerScheduler: PipeScheduler.Inline));
        var frames = new List<Frame>();
        var reading = Task.Run(async () =>
        {
            var reader = new MessageReader(pipe.Reader);
            while (await reader.ReadAsync(CancellationToken.None) is { } frame)
            {
                frames.Add(frame);
            }
        });
        foreach (var b in Encoding.ASCII.GetBytes(input))
        {
            await pipe.Writer.WriteAsync(new[] { b });
        }
        await pipe.Writer.CompleteAsync();
        await reading.WaitAsync(TestPrograms.Wait);
        return frames;
    }

    private static async Task<List<Frame>> ReadAll(string input)
    {
        var pipe = new Pipe();
        await pipe.Writer.WriteAsync(Encoding.ASCII.GetBytes(input));
        await pipe.Writer.CompleteAsync();
        var reader = new MessageReader(pipe.Reader);
        var frames = new List<Frame>();
        while (await reader.ReadAsync(CancellationToken.None) is { } frame)
        {
            frames.Add(frame);
        }
        return frames;
    }
}
