using System.Text.Json;

namespace Stoffel.Hooks.Profiling;

/// <summary>
/// Writes a <see cref="Profile"/> in the Chrome trace event format (JSON object form):
/// <c>traceEvents</c> with one <c>B</c> (begin) and one <c>E</c> (end) event per call, <c>ts</c>
/// in microseconds (fractional, so nanosecond resolution survives), <c>pid</c> 1 and <c>tid</c> 1,
/// plus process and thread name metadata. Open it in Perfetto (https://ui.perfetto.dev) or
/// <c>chrome://tracing</c>.
/// </summary>
public static class ChromeTraceWriter
{
    /// <summary>Writes <paramref name="profile"/> to <paramref name="stream"/> as UTF-8 JSON.</summary>
    /// <param name="profile">The profile.</param>
    /// <param name="stream">A writable stream; left open.</param>
    /// <param name="name">The process name shown by the viewer (e.g. the program file).</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void Write(Profile profile, Stream stream, string name)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(name);
        using var json = new Utf8JsonWriter(stream);
        json.WriteStartObject();
        json.WriteStartArray("traceEvents");
        WriteMetadata(json, "process_name", name);
        WriteMetadata(json, "thread_name", "VM");
        foreach (var e in profile.Events)
        {
            var frame = profile.Frames[e.Frame];
            json.WriteStartObject();
            json.WriteString("name", frame.Name);
            json.WriteString("cat", frame.IsForeign ? "foreign" : "stoffel");
            json.WriteString("ph", e.Type == ProfileEventType.Open ? "B" : "E");
            json.WriteNumber("ts", e.At / 1000.0);
            json.WriteNumber("pid", 1);
            json.WriteNumber("tid", 1);
            if (e.Type == ProfileEventType.Open && frame.File is not null)
            {
                json.WriteStartObject("args");
                json.WriteString("file", frame.File);
                json.WriteNumber("line", frame.Line);
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteString("displayTimeUnit", "ns");
        json.WriteEndObject();
    }

    private static void WriteMetadata(Utf8JsonWriter json, string kind, string value)
    {
        json.WriteStartObject();
        json.WriteString("name", kind);
        json.WriteString("ph", "M");
        json.WriteNumber("pid", 1);
        json.WriteNumber("tid", 1);
        json.WriteStartObject("args");
        json.WriteString("name", value);
        json.WriteEndObject();
        json.WriteEndObject();
    }
}
