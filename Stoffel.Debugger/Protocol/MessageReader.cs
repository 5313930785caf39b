using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Text;

namespace Stoffel.Debugger.Protocol;

/// <summary>
/// Reads DAP frames (<c>Content-Length: N\r\n\r\n</c> + N bytes of JSON) from a pipe. A bad
/// header (missing, negative, non-numeric or oversized length, or no header end within
/// <see cref="MaxHeaderBytes"/>) yields an error frame and reading resumes after it, so one bad
/// frame never ends the session.
/// </summary>
internal sealed class MessageReader(PipeReader reader, int maxContentLength = MessageReader.DefaultMaxContentLength)
{
    public const int DefaultMaxContentLength = 16 * 1024 * 1024;
    public const int MaxHeaderBytes = 8 * 1024;

    private static ReadOnlySpan<byte> HeaderEnd => "\r\n\r\n"u8;

    /// <summary>The next frame, or null at the end of the stream.</summary>
    public async ValueTask<Frame?> ReadAsync(CancellationToken cancellation)
    {
        int? contentLength = null;
        while (true)
        {
            var result = await reader.ReadAsync(cancellation).ConfigureAwait(false);
            var buffer = result.Buffer;
            if (contentLength is null)
            {
                var end = Find(buffer, HeaderEnd);
                if (end is null)
                {
                    if (buffer.Length > MaxHeaderBytes)
                    {
                        // Garbage without a header end: drop it but keep a possible partial "\r\n\r".
                        reader.AdvanceTo(buffer.GetPosition(buffer.Length - 3));
                        return Frame.Failure($"no frame header in {buffer.Length - 3} bytes; skipped them");
                    }
                    if (result.IsCompleted)
                    {
                        reader.AdvanceTo(buffer.End);
                        return null;
                    }
                    reader.AdvanceTo(buffer.Start, buffer.End);
                    continue;
                }
                var headerLength = end.Value + HeaderEnd.Length;
                var header = Encoding.ASCII.GetString(buffer.Slice(0, end.Value).ToArray());
                var parsed = ParseContentLength(header, out var error);
                if (parsed is null)
                {
                    reader.AdvanceTo(buffer.GetPosition(headerLength));
                    return Frame.Failure(error!);
                }
                contentLength = parsed;
                buffer = buffer.Slice(headerLength);
                reader.AdvanceTo(buffer.Start, buffer.Start);
                if (buffer.Length == 0)
                {
                    continue;
                }
                result = await reader.ReadAsync(cancellation).ConfigureAwait(false);
                buffer = result.Buffer;
            }
            if (buffer.Length >= contentLength.Value)
            {
                var body = buffer.Slice(0, contentLength.Value).ToArray();
                reader.AdvanceTo(buffer.GetPosition(contentLength.Value));
                return Frame.Success(body);
            }
            if (result.IsCompleted)
            {
                reader.AdvanceTo(buffer.End);
                return Frame.Failure($"the stream ended inside a frame ({buffer.Length} of {contentLength} bytes)");
            }
            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private int? ParseContentLength(string header, out string? error)
    {
        error = null;
        int? length = null;
        foreach (var line in header.Split("\r\n"))
        {
            var colon = line.IndexOf(':');
            if (colon < 0 || !line[..colon].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                continue; // other headers (Content-Type) and stray text are ignored
            }
            var text = line[(colon + 1)..].Trim();
            if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                error = $"bad Content-Length '{Truncate(text)}'";
                return null;
            }
            if (value > maxContentLength)
            {
                error = $"Content-Length {value} exceeds the limit of {maxContentLength} bytes";
                return null;
            }
            length = (int)value;
        }
        if (length is null)
        {
            error = $"frame header without Content-Length: '{Truncate(header)}'";
        }
        return length;
    }

    private static string Truncate(string text) => text.Length <= 80 ? text : text[..80] + "…";

    private static long? Find(ReadOnlySequence<byte> buffer, ReadOnlySpan<byte> needle)
    {
        var reader = new SequenceReader<byte>(buffer);
        return reader.TryReadTo(out ReadOnlySequence<byte> before, needle, advancePastDelimiter: false) ? before.Length : null;
    }
}

/// <summary>A frame's JSON bytes, or why no frame could be read.</summary>
internal readonly record struct Frame(byte[]? Body, string? Error)
{
    public static Frame Success(byte[] body) => new(body, null);

    public static Frame Failure(string error) => new(null, error);
}
