using System.IO.Pipelines;
using System.Text.Json;
using Stoffel.Debugger.Protocol;

namespace Stoffel.Debugger.Adapter;

/// <summary>Turns a client away: its first request gets an error response saying why, then the connection ends.</summary>
internal static class ClientRefusal
{
    public static async Task RefuseAsync(Stream stream, string reason, CancellationToken cancellation)
    {
        var reader = new MessageReader(PipeReader.Create(stream, new StreamPipeReaderOptions(leaveOpen: true)));
        var writer = new MessageWriter(stream);
        try
        {
            while (await reader.ReadAsync(cancellation).ConfigureAwait(false) is { } frame)
            {
                if (frame.Body is not { } body || FirstRequest(body) is not { } request)
                {
                    continue;
                }
                writer.SendError(request, reason);
                return;
            }
        }
        finally
        {
            await writer.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static IncomingRequest? FirstRequest(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return ProtocolJson.ParseRequest(document.RootElement, out _);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
