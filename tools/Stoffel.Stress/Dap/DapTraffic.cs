using System.Text;
using System.Text.Json.Nodes;

namespace Stoffel.Stress.Dap;

/// <summary>
/// Fuzzed DAP traffic, one <see cref="DapMessage"/> at a time: plausible requests in random
/// order (out-of-order by construction: a launch before initialize, configurationDone twice,
/// stepping while running), the same with arguments of the wrong type, null or missing, random
/// request envelopes, bodies that are not JSON or not requests, and broken framing (garbage
/// headers, bad <c>Content-Length</c>, stray bytes before a frame, a frame shorter than its
/// header says, a frame split across writes).
/// </summary>
public sealed class DapTraffic(PlausibleRequests requests)
{
    private static readonly string[] BadHeaders =
    [
        "Content-Length: -3", "Content-Length: 4294967296", "Content-Length:", "Content-Length: 0x10",
        "content-length: 2\r\nContent-Length: x", "Content-Length: abc", "Content-Length: 99999999999", "Content-Type: text/plain",
    ];

    /// <summary>Every kind <see cref="Next"/> makes, for the run's figures.</summary>
    public static IReadOnlyList<string> Kinds { get; } =
    [
        "plausible request", "wrong-typed arguments", "random envelope", "random JSON", "random bytes framed",
        "garbage header", "bad Content-Length", "stray bytes", "short frame", "split frame",
    ];

    /// <summary>The requests traffic draws on.</summary>
    public PlausibleRequests Requests { get; } = requests ?? throw new ArgumentNullException(nameof(requests));

    /// <summary>The next message <paramref name="random"/> chooses.</summary>
    public DapMessage Next(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var roll = random.Next(100);
        return roll switch
        {
            < 30 => Whole("plausible request", Plausible(random)),
            < 50 => Whole("wrong-typed arguments", WrongTyped(random)),
            < 60 => Whole("random envelope", RandomEnvelope(random)),
            < 65 => Whole("random JSON", Encoding.UTF8.GetBytes(RandomJson.Value(random)?.ToJsonString() ?? "null")),
            < 70 => Whole("random bytes framed", RandomBytes(random, 0, 300)),
            < 76 => Broken("garbage header", GarbageHeader(random)),
            < 82 => Broken("bad Content-Length", Encoding.ASCII.GetBytes(BadHeaders[random.Next(BadHeaders.Length)] + "\r\n\r\n")),
            < 88 => Broken("stray bytes", [.. RandomBytes(random, 1, 4), .. DapWire.Frame(Plausible(random))]),
            < 94 => Broken("short frame", ShortFrame(random)),
            _ => Split(DapWire.Frame(Plausible(random)), random),
        };
    }

    /// <summary>A plausible request with seq <paramref name="seq"/> as one frame (session openings).</summary>
    public DapMessage Request(string command, int seq, Random random) =>
        new("plausible request", [DapWire.Frame(Envelope(seq, command, Requests.Arguments(command, random)))], false);

    private byte[] Plausible(Random random)
    {
        var (command, arguments) = Requests.Next(random);
        return Envelope(random.Next(1, 100_000), command, arguments);
    }

    /// <summary>A plausible request with one argument replaced by a random value, removed, or all arguments replaced.</summary>
    private byte[] WrongTyped(Random random)
    {
        var (command, arguments) = Requests.Next(random);
        JsonNode? spoiled = arguments;
        var names = arguments.Select(pair => pair.Key).ToList();
        switch (random.Next(4))
        {
            case 0 when names.Count > 0:
                arguments[names[random.Next(names.Count)]] = RandomJson.Value(random);
                break;
            case 1 when names.Count > 0:
                arguments.Remove(names[random.Next(names.Count)]);
                break;
            case 2:
                spoiled = RandomJson.Value(random);
                break;
            default:
                arguments[RandomJson.Keys[random.Next(RandomJson.Keys.Count)]] = RandomJson.Value(random);
                break;
        }
        var request = new JsonObject { ["seq"] = random.Next(1, 100_000), ["type"] = "request", ["command"] = command, ["arguments"] = spoiled };
        return Encoding.UTF8.GetBytes(request.ToJsonString());
    }

    private static byte[] RandomEnvelope(Random random)
    {
        var request = new JsonObject
        {
            ["seq"] = RandomJson.Value(random, 2),
            ["type"] = random.Next(3) == 0 ? RandomJson.Value(random, 2) : "request",
            ["command"] = random.Next(4) == 0 ? RandomJson.Value(random, 2) : PlausibleRequests.Commands[random.Next(PlausibleRequests.Commands.Count)],
            ["arguments"] = RandomJson.Value(random),
        };
        return Encoding.UTF8.GetBytes(request.ToJsonString());
    }

    /// <summary>Random bytes with no header end, then one: a header block that is no header.</summary>
    private static byte[] GarbageHeader(Random random)
    {
        var text = Encoding.Latin1.GetString(RandomBytes(random, 1, 200)).Replace("\r\n\r\n", "", StringComparison.Ordinal);
        return [.. Encoding.Latin1.GetBytes(text), .. "\r\n\r\n"u8];
    }

    /// <summary>A frame whose header promises more bytes than follow it.</summary>
    private byte[] ShortFrame(Random random)
    {
        var body = Plausible(random);
        var sent = random.Next(0, body.Length);
        return [.. Encoding.ASCII.GetBytes($"Content-Length: {body.Length + random.Next(1, 500)}\r\n\r\n"), .. body.AsSpan(0, sent)];
    }

    private static DapMessage Split(byte[] frame, Random random)
    {
        var cuts = Enumerable.Range(0, 1 + random.Next(3)).Select(_ => random.Next(1, frame.Length)).Distinct().Order().ToList();
        var pieces = new List<byte[]>();
        var start = 0;
        foreach (var cut in cuts.Append(frame.Length))
        {
            pieces.Add(frame[start..cut]);
            start = cut;
        }
        return new DapMessage("split frame", pieces, false);
    }

    private static byte[] Envelope(int seq, string command, JsonObject arguments) =>
        Encoding.UTF8.GetBytes(new JsonObject { ["seq"] = seq, ["type"] = "request", ["command"] = command, ["arguments"] = arguments }.ToJsonString());

    private static DapMessage Whole(string kind, byte[] body) => new(kind, [DapWire.Frame(body)], false);

    private static DapMessage Broken(string kind, byte[] bytes) => new(kind, [bytes], true);

    private static byte[] RandomBytes(Random random, int least, int most)
    {
        var bytes = new byte[random.Next(least, most)];
        random.NextBytes(bytes);
        return bytes;
    }
}
