using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Stoffel.Stress.Dap;

/// <summary>
/// The client end of a DAP connection, for fuzzing: sends any bytes at all, sends requests and
/// waits for their responses, and reads every frame the adapter sends on a task of its own,
/// checking each one (<see cref="AdapterMessageCheck"/>). What it finds wrong collects in
/// <see cref="Problems"/>.
/// </summary>
public sealed class DapWire : IAsyncDisposable
{
    /// <summary>Requests this wire numbers itself start here, far from the small and random seqs fuzzed requests carry.</summary>
    private const int FirstOwnSeq = 1_000_000_000;

    private readonly Stream _toAdapter;
    private readonly Stream _fromAdapter;
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonObject>> _awaited = new();
    private readonly ConcurrentQueue<string> _problems = new();
    private readonly ConcurrentQueue<string> _lastSent = new();
    private readonly ConcurrentQueue<string> _lastReceived = new();
    private readonly Task _reading;
    private int _ownSeq = FirstOwnSeq;
    private int _expectedSeq = 1;
    private long _received;

    /// <summary>Starts reading <paramref name="fromAdapter"/>; requests go to <paramref name="toAdapter"/>.</summary>
    public DapWire(Stream fromAdapter, Stream toAdapter)
    {
        _fromAdapter = fromAdapter ?? throw new ArgumentNullException(nameof(fromAdapter));
        _toAdapter = toAdapter ?? throw new ArgumentNullException(nameof(toAdapter));
        _reading = Task.Run(ReadAllAsync);
    }

    /// <summary>Everything found wrong with what the adapter sent, in order.</summary>
    public IReadOnlyList<string> Problems => [.. _problems];

    /// <summary>The last eight writes (<c>→</c>) and four messages received (<c>←</c>), abbreviated: what a failure report shows.</summary>
    public IReadOnlyList<string> Transcript => [.. _lastSent, .. _lastReceived];

    /// <summary>Messages received so far.</summary>
    public long Received => Interlocked.Read(ref _received);

    /// <summary>Completes when the adapter closes its output (or the wire is abandoned).</summary>
    public Task Closed => _reading;

    /// <summary>Wraps <paramref name="body"/> in a correct header.</summary>
    public static byte[] Frame(ReadOnlySpan<byte> body) =>
        [.. Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"Content-Length: {body.Length}\r\n\r\n")), .. body];

    /// <summary>A request of the wire's own numbering (seq at least 1,000,000,000), unframed.</summary>
    public (int Seq, byte[] Body) Request(string command, JsonObject? arguments)
    {
        var seq = Interlocked.Increment(ref _ownSeq);
        var request = new JsonObject { ["seq"] = seq, ["type"] = "request", ["command"] = command };
        if (arguments is not null)
        {
            request["arguments"] = arguments;
        }
        return (seq, Encoding.UTF8.GetBytes(request.ToJsonString()));
    }

    /// <summary>Sends <paramref name="bytes"/> exactly as they are. False when the adapter no longer reads.</summary>
    public async Task<bool> SendAsync(ReadOnlyMemory<byte> bytes)
    {
        await _sending.WaitAsync().ConfigureAwait(false);
        try
        {
            Note(_lastSent, "→", bytes.Span, 8);
            await _toAdapter.WriteAsync(bytes).ConfigureAwait(false);
            await _toAdapter.FlushAsync().ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException)
        {
            return false;
        }
        finally
        {
            _sending.Release();
        }
    }

    /// <summary>Sends a request of the wire's own numbering and waits up to <paramref name="wait"/> for its response; null when none came.</summary>
    public async Task<JsonObject?> AskAsync(string command, JsonObject? arguments, TimeSpan wait, ReadOnlyMemory<byte> before = default)
    {
        var (seq, body) = Request(command, arguments);
        var answer = Expect(seq);
        if (!await SendAsync((byte[])[.. before.Span, .. Frame(body)]).ConfigureAwait(false))
        {
            _awaited.TryRemove(seq, out _);
            return null;
        }
        return await WaitAsync(seq, answer, wait).ConfigureAwait(false);
    }

    /// <summary>Registers interest in the response to <paramref name="seq"/> before the request goes out.</summary>
    public Task<JsonObject> Expect(int seq) =>
        _awaited.GetOrAdd(seq, _ => new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    /// <summary>Waits up to <paramref name="wait"/> for <paramref name="answer"/> (from <see cref="Expect"/>); null when it did not come or the adapter's output ended.</summary>
    public async Task<JsonObject?> WaitAsync(int seq, Task<JsonObject> answer, TimeSpan wait)
    {
        try
        {
            return await answer.WaitAsync(wait).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            return null; // no answer in time, or the adapter's output ended first
        }
        finally
        {
            _awaited.TryRemove(seq, out _);
        }
    }

    /// <summary>Closes the sending side: the adapter reads the end of its input.</summary>
    public async Task CloseAsync()
    {
        await _sending.WaitAsync().ConfigureAwait(false);
        try
        {
            await _toAdapter.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            _sending.Release();
        }
    }

    /// <summary>Disappears the way a killed client does: stops reading and closes the sending side.</summary>
    public async Task AbandonAsync()
    {
        await _fromAdapter.DisposeAsync().ConfigureAwait(false);
        await CloseAsync().ConfigureAwait(false);
    }

    /// <summary>Closes the sending side and waits (briefly) for the reader to finish.</summary>
    public async ValueTask DisposeAsync()
    {
        await CloseAsync().ConfigureAwait(false);
        await Task.WhenAny(_reading, Task.Delay(TimeSpan.FromSeconds(5))).ConfigureAwait(false);
        _sending.Dispose();
    }

    private async Task ReadAllAsync()
    {
        var reader = PipeReader.Create(_fromAdapter, new StreamPipeReaderOptions(leaveOpen: true));
        try
        {
            while (true)
            {
                var read = await reader.ReadAsync().ConfigureAwait(false);
                var buffer = read.Buffer;
                while (TryTakeFrame(ref buffer, out var body))
                {
                    if (body is null)
                    {
                        return; // a broken header from the adapter: recorded, and nothing after it can be trusted
                    }
                    Receive(body);
                }
                reader.AdvanceTo(buffer.Start, buffer.End);
                if (read.IsCompleted)
                {
                    if (!buffer.IsEmpty)
                    {
                        _problems.Enqueue($"the adapter's output ended inside a frame ({buffer.Length} bytes left)");
                    }
                    return;
                }
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException)
        {
            // The wire was abandoned, or the adapter's end went away.
        }
        finally
        {
            await reader.CompleteAsync().ConfigureAwait(false);
            foreach (var waiting in _awaited.Values)
            {
                waiting.TrySetCanceled();
            }
        }
    }

    /// <summary>Takes one frame off <paramref name="buffer"/>; body null (and a problem recorded) when the adapter's header is broken.</summary>
    private bool TryTakeFrame(ref ReadOnlySequence<byte> buffer, out byte[]? body)
    {
        body = null;
        var scan = new SequenceReader<byte>(buffer);
        if (!scan.TryReadTo(out ReadOnlySequence<byte> header, "\r\n\r\n"u8))
        {
            return false;
        }
        var text = Encoding.ASCII.GetString(header);
        const string Name = "Content-Length: ";
        if (!text.StartsWith(Name, StringComparison.Ordinal) || !int.TryParse(text.AsSpan(Name.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var length))
        {
            _problems.Enqueue($"the adapter sent a bad header: {JsonSerializer.Serialize(text)}");
            return true;
        }
        if (scan.Remaining < length)
        {
            return false;
        }
        body = scan.UnreadSequence.Slice(0, length).ToArray();
        buffer = buffer.Slice(scan.Position).Slice(length);
        return true;
    }

    private void Receive(byte[] body)
    {
        Interlocked.Increment(ref _received);
        Note(_lastReceived, "←", body, 4);
        JsonObject message;
        try
        {
            message = JsonNode.Parse(body) as JsonObject ?? throw new JsonException("not an object");
        }
        catch (JsonException e)
        {
            _problems.Enqueue($"the adapter sent a body that is not a JSON object ({e.Message}): {Encoding.UTF8.GetString(body)}");
            _expectedSeq++;
            return;
        }
        if (AdapterMessageCheck.Problem(message, _expectedSeq) is { } problem)
        {
            _problems.Enqueue($"{problem} in {Abbreviate(message.ToJsonString())}");
        }
        _expectedSeq = message["seq"] is JsonValue seq && seq.TryGetValue<int>(out var number) ? number + 1 : _expectedSeq + 1;
        if (message["request_seq"] is JsonValue requestSeq && requestSeq.TryGetValue<int>(out var answered)
            && _awaited.TryGetValue(answered, out var waiting))
        {
            waiting.TrySetResult(message);
        }
    }

    private static void Note(ConcurrentQueue<string> ring, string direction, ReadOnlySpan<byte> bytes, int kept)
    {
        var text = new StringBuilder(direction).Append(' ');
        foreach (var b in bytes[..Math.Min(bytes.Length, 300)])
        {
            text.Append(b switch
            {
                (byte)'\r' => "\\r",
                (byte)'\n' => "\\n",
                < 0x20 or >= 0x7F => string.Create(CultureInfo.InvariantCulture, $"\\x{b:X2}"),
                _ => ((char)b).ToString(),
            });
        }
        ring.Enqueue(bytes.Length > 300 ? text.Append('…').ToString() : text.ToString());
        while (ring.Count > kept && ring.TryDequeue(out _))
        {
        }
    }

    private static string Abbreviate(string json) => json.Length <= 400 ? json : json[..400] + "…";
}
