using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading.Channels;

namespace Stoffel.Debugger.Protocol;

/// <summary>
/// Writes DAP frames from any thread. Each message gets the next <c>seq</c> (from 1) when it is
/// queued, under one lock, and one writer task sends the queue in order, so <c>seq</c> increases
/// in the order messages reach the client.
/// </summary>
internal sealed class MessageWriter : IAsyncDisposable
{
    private readonly object _gate = new();
    private readonly Channel<byte[]> _queue = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true });
    private readonly PipeWriter _pipe;
    private readonly Task _pump;
    private int _seq;

    public MessageWriter(Stream output)
    {
        _pipe = PipeWriter.Create(output, new StreamPipeWriterOptions(leaveOpen: true));
        _pump = Task.Run(PumpAsync);
    }

    public void SendResponse<T>(IncomingRequest request, bool success, string? message, T? body, JsonTypeInfo<T> typeInfo)
    {
        var element = body is null ? (JsonElement?)null : JsonSerializer.SerializeToElement(body, typeInfo);
        Enqueue(seq => JsonSerializer.SerializeToUtf8Bytes(
            new ResponseMessage { Seq = seq, RequestSeq = request.Seq, Success = success, Command = request.Command, Message = message, Body = element },
            ProtocolJson.Default.ResponseMessage));
    }

    /// <summary>An error response (<c>success: false</c>) whose <c>body.error</c> repeats the message.</summary>
    public void SendError(IncomingRequest request, string message) =>
        SendResponse(request, false, message, new ErrorBody { Error = new ErrorMessageDto { Id = 1000, Format = message, ShowUser = false } }, ProtocolJson.Default.ErrorBody);

    public void SendEvent<T>(string name, T? body, JsonTypeInfo<T> typeInfo)
    {
        var element = body is null ? (JsonElement?)null : JsonSerializer.SerializeToElement(body, typeInfo);
        Enqueue(seq => JsonSerializer.SerializeToUtf8Bytes(new EventMessage { Seq = seq, Event = name, Body = element }, ProtocolJson.Default.EventMessage));
    }

    /// <summary>Sends what is queued, then stops.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        try
        {
            await _pump.ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException)
        {
            // The client went away.
        }
    }

    private void Enqueue(Func<int, byte[]> serialize)
    {
        lock (_gate)
        {
            var json = serialize(++_seq);
            var header = Encoding.ASCII.GetBytes($"Content-Length: {json.Length}\r\n\r\n");
            _queue.Writer.TryWrite([.. header, .. json]);
        }
    }

    private async Task PumpAsync()
    {
        await foreach (var frame in _queue.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            await _pipe.WriteAsync(frame).ConfigureAwait(false);
        }
        await _pipe.CompleteAsync().ConfigureAwait(false);
    }
}
