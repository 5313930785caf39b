using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Stoffel.Cli.Tests;

/// <summary>
/// A blocking DAP client over the streams of a <c>stoffel dap</c> process (stdio or TCP): sends
/// requests and reads frames until the awaited response or event, keeping the others for later.
/// A read blocks until the adapter writes or closes its output: the caller kills a hung adapter.
/// </summary>
internal sealed class DapConnection(Stream fromAdapter, Stream toAdapter)
{
    private readonly List<JsonObject> _unclaimed = [];
    private int _seq;

    /// <summary>Every message the adapter sent so far, in order.</summary>
    public List<JsonObject> Received { get; } = [];

    /// <summary>Sends a request and returns its response.</summary>
    public JsonObject Request(string command, JsonObject? arguments = null)
    {
        var seq = ++_seq;
        var request = new JsonObject { ["seq"] = seq, ["type"] = "request", ["command"] = command, ["arguments"] = arguments ?? [] };
        var body = Encoding.UTF8.GetBytes(request.ToJsonString());
        toAdapter.Write([.. Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n"), .. body]);
        toAdapter.Flush();
        return Next(m => (string?)m["type"] == "response" && (int?)m["request_seq"] == seq, $"the response to {command}");
    }

    /// <summary>The next event called <paramref name="name"/> (one that already arrived first).</summary>
    public JsonObject Event(string name) =>
        Next(m => (string?)m["type"] == "event" && (string?)m["event"] == name, $"the {name} event");

    private JsonObject Next(Func<JsonObject, bool> match, string what)
    {
        var index = _unclaimed.FindIndex(m => match(m));
        if (index >= 0)
        {
            var found = _unclaimed[index];
            _unclaimed.RemoveAt(index);
            return found;
        }
        while (true)
        {
            var message = ReadFrame() ?? throw new EndOfStreamException($"the adapter closed its output before {what}");
            Received.Add(message);
            if (match(message))
            {
                return message;
            }
            _unclaimed.Add(message);
        }
    }

    private JsonObject? ReadFrame()
    {
        var length = -1;
        for (var line = ReadHeaderLine(); line != ""; line = ReadHeaderLine())
        {
            if (line is null)
            {
                return null;
            }
            if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
            {
                length = int.Parse(line["Content-Length:".Length..].Trim(), CultureInfo.InvariantCulture);
            }
        }
        Assert.IsGreaterThanOrEqualTo(0, length, "a frame without Content-Length");
        var body = new byte[length];
        fromAdapter.ReadExactly(body);
        return JsonNode.Parse(body)!.AsObject();
    }

    /// <summary>One header line without its CRLF; null at the end of the stream.</summary>
    private string? ReadHeaderLine()
    {
        var line = new StringBuilder();
        while (true)
        {
            var next = fromAdapter.ReadByte();
            if (next < 0)
            {
                return null;
            }
            if (next == '\n')
            {
                return line.ToString().TrimEnd('\r');
            }
            line.Append((char)next);
        }
    }
}
