using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;

namespace Stoffel.Debugger.Protocol;

/// <summary>
/// Reads DAP frames (<c>Content-Length: N\r\n\r\n</c> + N bytes of JSON) from a pipe and
/// resynchronises on the next <c>Content-Length:</c> header after anything that is not a frame:
/// stray bytes before a header are skipped (and reported once), a bad header (non-numeric,
/// negative, above the size cap, no header end within <see cref="MaxHeaderBytes"/>) is reported
/// and the rest of its frame skipped, and a body that runs into the next header (a too-large
/// Content-Length) is cut there. So a stray byte costs at most the one message it landed in, and
/// no message ends the session.
/// </summary>
internal sealed class MessageReader(PipeReader reader, int maxContentLength = MessageReader.DefaultMaxContentLength)
{
    public const int DefaultMaxContentLength = 16 * 1024 * 1024;
    public const int MaxHeaderBytes = 8 * 1024;

    private static ReadOnlySpan<byte> HeaderName => "Content-Length:"u8;

    private static ReadOnlySpan<byte> HeaderEnd => "\r\n\r\n"u8;

    private int? _contentLength;
    private long _bodyScanned;
    private long _skipped;
    private bool _resyncing;

    /// <summary>The next frame, or null at the end of the stream.</summary>
    public async ValueTask<Frame?> ReadAsync(CancellationToken cancellation)
    {
        while (true)
        {
            var result = await reader.ReadAsync(cancellation).ConfigureAwait(false);
            var step = _contentLength is { } length
                ? ReadBody(result.Buffer, length, result.IsCompleted)
                : ReadHeader(result.Buffer, result.IsCompleted);
            reader.AdvanceTo(step.Consumed, step.Examined);
            if (step.Frame is not null || step.Done)
            {
                return step.Frame;
            }
        }
    }

    private Step ReadHeader(ReadOnlySequence<byte> buffer, bool completed)
    {
        if (Find(buffer, HeaderName) is not { } start)
        {
            if (completed)
            {
                return Step.End(buffer.End, null);
            }
            if (buffer.Length <= MaxHeaderBytes)
            {
                return Step.Wait(buffer);
            }
            // Garbage without a header: drop it, keeping what could be the start of "Content-Length:".
            var keep = HeaderName.Length - 1;
            _skipped += buffer.Length - keep;
            return Step.Wait(buffer, buffer.GetPosition(buffer.Length - keep));
        }
        if (start > 0 || _skipped > 0)
        {
            var before = buffer.Slice(0, start);
            var stray = _skipped > 0 || !IsHeaderLines(before);
            var count = _skipped + start;
            var reported = stray && !_resyncing;
            _skipped = 0;
            _resyncing = false;
            var position = buffer.GetPosition(start);
            return reported
                ? Step.Produce(position, Frame.Failure($"skipped {count} bytes without Content-Length: '{Truncate(Encoding.ASCII.GetString(before.Slice(0, Math.Min(before.Length, 100)).ToArray()))}'"))
                : Step.Continue(position);
        }
        _resyncing = false;
        if (Find(buffer, HeaderEnd) is not { } end)
        {
            if (completed)
            {
                return Step.End(buffer.End, Frame.Failure("the stream ended inside a frame header"));
            }
            return buffer.Length > MaxHeaderBytes
                ? BadFrame(buffer, $"no end of the frame header within {MaxHeaderBytes} bytes")
                : Step.Wait(buffer);
        }
        if (Find(buffer.Slice(HeaderName.Length, end - HeaderName.Length), HeaderName) is not null)
        {
            return BadFrame(buffer, "a frame header runs into the next Content-Length header");
        }
        var header = Encoding.ASCII.GetString(buffer.Slice(0, end).ToArray());
        if (ParseContentLength(header, out var error) is not { } length)
        {
            return BadFrame(buffer, error!);
        }
        _contentLength = length;
        _bodyScanned = 0;
        return Step.Continue(buffer.GetPosition(end + HeaderEnd.Length));
    }

    /// <summary>Reports a bad header and skips its name, so the rest of the frame is passed over (silently) up to the next header.</summary>
    private Step BadFrame(ReadOnlySequence<byte> buffer, string error)
    {
        _resyncing = true;
        return Step.Produce(buffer.GetPosition(HeaderName.Length), Frame.Failure(error));
    }

    private Step ReadBody(ReadOnlySequence<byte> buffer, int length, bool completed)
    {
        var complete = buffer.Length >= length;
        var available = Math.Min(buffer.Length, length);
        // A header that starts inside the body may end past it (a Content-Length a little too large).
        var window = Math.Min(buffer.Length, length + HeaderName.Length - 1L);
        var from = Math.Max(0, _bodyScanned - (HeaderName.Length - 1));
        if (Find(buffer.Slice(from, window - from), HeaderName) is { } found && from + found < length)
        {
            // A header inside the body is the next frame when the body is not one JSON value with it
            // (a too-large Content-Length) but is one up to it, or when its line ends before any
            // quote (a raw line end, which no JSON text holds: a body cut short mid-value, then the
            // next frame's header); inside a JSON string it is just text.
            var next = from + found;
            var headerLine = IsHeaderLine(buffer.Slice(next));
            var overran = complete ? !IsJson(buffer.Slice(0, length)) : IsJson(buffer.Slice(0, next)) || headerLine == true;
            if (overran)
            {
                _contentLength = null;
                return Step.Produce(buffer.GetPosition(next), Frame.Failure($"a frame with Content-Length {length} ran into the next frame after {next} bytes; skipped it"));
            }
            if (!complete && headerLine is null)
            {
                _bodyScanned = next; // look at this header again when the rest of its line has come
                return Step.Wait(buffer);
            }
        }
        else if (complete && !completed && buffer.Length < length + HeaderName.Length - 1L
            && EndsWithHeaderStart(buffer.Slice(0, length)) && !IsJson(buffer.Slice(0, length)))
        {
            return Step.Wait(buffer); // a broken body ends where a header may begin: see the rest first
        }
        _bodyScanned = available;
        if (complete)
        {
            _contentLength = null;
            return Step.Produce(buffer.GetPosition(length), Frame.Success(buffer.Slice(0, length).ToArray()));
        }
        if (completed)
        {
            _contentLength = null;
            return Step.End(buffer.End, Frame.Failure($"the stream ended inside a frame ({buffer.Length} of {length} bytes)"));
        }
        return Step.Wait(buffer);
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
                continue; // other headers (Content-Type) are ignored
            }
            var text = line[(colon + 1)..].Trim();
            if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                error = $"bad Content-Length '{Truncate(text)}'";
                return null;
            }
            if (value > maxContentLength)
            {
                error = $"Content-Length {value} exceeds the limit of {maxContentLength} bytes; skipped the frame";
                return null;
            }
            length = (int)value;
        }
        return length;
    }

    /// <summary>True for other headers (<c>Name: value\r\n</c> lines) written before Content-Length.</summary>
    private static bool IsHeaderLines(ReadOnlySequence<byte> bytes)
    {
        var text = Encoding.ASCII.GetString(bytes.ToArray());
        var lines = text.Split("\r\n");
        return lines[^1].Length == 0 && lines[..^1].All(line => line.Length > 0 && line.Contains(':', StringComparison.Ordinal));
    }

    /// <summary>
    /// Whether the line <paramref name="bytes"/> start (with <c>Content-Length:</c>) ends in a raw
    /// <c>\r</c> or <c>\n</c> before any <c>"</c>: then it is no text inside a JSON string. Null
    /// when the bytes end before that is decided.
    /// </summary>
    private static bool? IsHeaderLine(ReadOnlySequence<byte> bytes)
    {
        var line = new SequenceReader<byte>(bytes);
        line.Advance(HeaderName.Length);
        return line.TryAdvanceToAny("\r\n\""u8, advancePastDelimiter: false) ? !line.IsNext((byte)'"') : null;
    }

    /// <summary>True when <paramref name="body"/> ends with the first bytes of <c>Content-Length:</c>.</summary>
    private static bool EndsWithHeaderStart(ReadOnlySequence<byte> body)
    {
        var tail = body.Slice(Math.Max(0, body.Length - (HeaderName.Length - 1))).ToArray().AsSpan();
        for (var k = tail.Length; k > 0; k--)
        {
            if (tail[^k..].SequenceEqual(HeaderName[..k]))
            {
                return true;
            }
        }
        return false;
    }

    private static bool IsJson(ReadOnlySequence<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return false;
        }
        var json = new Utf8JsonReader(bytes);
        try
        {
            while (json.Read())
            {
            }
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string Truncate(string text) => text.Length <= 80 ? text : text[..80] + "…";

    private static long? Find(ReadOnlySequence<byte> buffer, ReadOnlySpan<byte> needle)
    {
        var sequence = new SequenceReader<byte>(buffer);
        return sequence.TryReadTo(out ReadOnlySequence<byte> before, needle, advancePastDelimiter: false) ? before.Length : null;
    }

    /// <summary>What one look at the buffer decided: how far to consume and examine, and the frame to return, if any.</summary>
    private readonly record struct Step(SequencePosition Consumed, SequencePosition Examined, Frame? Frame, bool Done)
    {
        /// <summary>Nothing to return yet: keep from <paramref name="consumed"/> on and wait for more bytes.</summary>
        public static Step Wait(ReadOnlySequence<byte> buffer, SequencePosition? consumed = null) => new(consumed ?? buffer.Start, buffer.End, null, false);

        /// <summary>Consume up to <paramref name="position"/> and look again at once.</summary>
        public static Step Continue(SequencePosition position) => new(position, position, null, false);

        public static Step Produce(SequencePosition position, Frame frame) => new(position, position, frame, false);

        public static Step End(SequencePosition position, Frame? frame) => new(position, position, frame, true);
    }
}

/// <summary>A frame's JSON bytes, or why no frame could be read.</summary>
internal readonly record struct Frame(byte[]? Body, string? Error)
{
    public static Frame Success(byte[] body) => new(body, null);

    public static Frame Failure(string error) => new(null, error);
}
