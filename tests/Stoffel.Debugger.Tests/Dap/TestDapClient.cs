using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace Stoffel.Debugger.Tests.Dap;

/// <summary>A minimal DAP client for tests: sends requests, matches responses, queues events, checks seq order.</summary>
internal sealed class TestDapClient : IAsyncDisposable
{
    private readonly Stream _input;
    private readonly Stream _output;
    private readonly Channel<JsonObject> _messages = Channel.CreateUnbounded<JsonObject>();
    private readonly List<JsonObject> _unclaimed = [];
    private readonly List<JsonObject> _all = [];
    private readonly Task _reader;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private int _seq;
    private int _lastServerSeq;

    /// <param name="fromServer">Where the adapter's frames arrive.</param>
    /// <param name="toServer">Where requests go.</param>
    public TestDapClient(Stream fromServer, Stream toServer)
    {
        _input = fromServer;
        _output = toServer;
        _reader = Task.Run(ReadLoopAsync);
    }

    /// <summary>Messages whose seq did not increase by one.</summary>
    public List<string> SeqViolations { get; } = [];

    /// <summary>Every message received so far, in order: a copy, since the reader goes on appending while a test looks.</summary>
    public List<JsonObject> All
    {
        get
        {
            lock (_all)
            {
                return [.. _all];
            }
        }
    }

    public async Task<JsonObject> RequestAsync(string command, JsonObject? arguments = null)
    {
        var seq = Interlocked.Increment(ref _seq);
        var request = new JsonObject { ["seq"] = seq, ["type"] = "request", ["command"] = command };
        if (arguments is not null)
        {
            request["arguments"] = arguments;
        }
        await SendRawAsync(Encoding.UTF8.GetBytes(request.ToJsonString()));
        return await WaitForAsync(m => (string?)m["type"] == "response" && (int?)m["request_seq"] == seq && (string?)m["command"] == command, $"response to {command}");
    }

    /// <summary>Sends a request whose <c>arguments</c> is the raw JSON <paramref name="arguments"/> (any shape) and returns its response.</summary>
    public async Task<JsonObject> RequestRawAsync(string command, string arguments)
    {
        var seq = Interlocked.Increment(ref _seq);
        var json = $"{{\"seq\":{seq},\"type\":\"request\",\"command\":{JsonValue.Create(command).ToJsonString()},\"arguments\":{arguments}}}";
        await SendRawAsync(Encoding.UTF8.GetBytes(json));
        return await WaitForAsync(m => (string?)m["type"] == "response" && (int?)m["request_seq"] == seq, $"response to {command}");
    }

    /// <summary>Sends one framed body.</summary>
    public Task SendRawAsync(byte[] body) =>
        SendBytesAsync([.. Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n"), .. body]);

    /// <summary>Sends bytes as they are (for framing tests).</summary>
    public async Task SendBytesAsync(byte[] bytes)
    {
        await _writeLock.WaitAsync();
        try
        {
            await _output.WriteAsync(bytes);
            await _output.FlushAsync();
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public Task<JsonObject> EventAsync(string name) =>
        WaitForAsync(m => (string?)m["type"] == "event" && (string?)m["event"] == name, $"event {name}");

    public async Task<JsonObject> WaitForAsync(Func<JsonObject, bool> match, string what)
    {
        lock (_unclaimed)
        {
            var index = _unclaimed.FindIndex(m => match(m));
            if (index >= 0)
            {
                var found = _unclaimed[index];
                _unclaimed.RemoveAt(index);
                return found;
            }
        }
        using var timeout = new CancellationTokenSource(TestPrograms.Wait);
        try
        {
            while (true)
            {
                var message = await _messages.Reader.ReadAsync(timeout.Token);
                if (match(message))
                {
                    return message;
                }
                lock (_unclaimed)
                {
                    _unclaimed.Add(message);
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ChannelClosedException)
        {
            throw new TimeoutException($"no {what} (got: {string.Join(" | ", _unclaimed.Select(m => m.ToJsonString()))})");
        }
    }

    public async ValueTask DisposeAsync()
    {
        _output.Dispose();
        await _reader.WaitAsync(TestPrograms.Wait).ContinueWith(_ => { });
    }

    private async Task ReadLoopAsync()
    {
        var buffer = new List<byte>();
        var chunk = new byte[4096];
        try
        {
            while (true)
            {
                var text = Encoding.ASCII.GetString(buffer.ToArray());
                var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
                if (end >= 0)
                {
                    var length = int.Parse(text[..end].Split(':')[1].Trim(), CultureInfo.InvariantCulture);
                    if (buffer.Count >= end + 4 + length)
                    {
                        var body = buffer.GetRange(end + 4, length).ToArray();
                        buffer.RemoveRange(0, end + 4 + length);
                        var message = JsonNode.Parse(body)!.AsObject();
                        var seq = (int)message["seq"]!;
                        if (seq != _lastServerSeq + 1)
                        {
                            SeqViolations.Add($"{_lastServerSeq} -> {seq}");
                        }
                        _lastServerSeq = seq;
                        lock (_all)
                        {
                            _all.Add(message);
                        }
                        _messages.Writer.TryWrite(message);
                        continue;
                    }
                }
                var read = await _input.ReadAsync(chunk);
                if (read == 0)
                {
                    break;
                }
                buffer.AddRange(chunk.AsSpan(0, read).ToArray());
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
        }
        finally
        {
            _messages.Writer.TryComplete();
        }
    }
}
