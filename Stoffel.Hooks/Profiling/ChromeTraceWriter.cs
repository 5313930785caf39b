using System.Text.Json;

namespace Stoffel.Hooks.Profiling;

/// <summary>
/// Writes a <see cref="Profile"/> in the Chrome trace event format (JSON object form), for
/// Perfetto (https://ui.perfetto.dev) or <c>chrome://tracing</c>: <c>traceEvents</c> with
/// process and thread name metadata, <c>pid</c> 1, <c>tid</c> 1, <c>ts</c>/<c>dur</c> in
/// microseconds (fractional, so nanosecond resolution survives), and
/// <list type="bullet">
/// <item>from the call tree, one complete (<c>X</c>) event per distinct stack, laid out as a flame
/// chart (a node starts after its earlier siblings; <c>dur</c> = its inclusive time), with
/// <c>args</c> calls, self time, instructions, samples, file and line;</item>
/// <item>with an event log (<see cref="ProfilerOptions.EventLimit"/>), one <c>B</c> and one
/// <c>E</c> event per logged call instead.</item>
/// </list>
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
        if (profile.Events.Count > 0)
        {
            WriteEvents(json, profile);
        }
        else
        {
            WriteCallTree(json, profile);
        }
        json.WriteEndArray();
        json.WriteString("displayTimeUnit", "ns");
        json.WriteEndObject();
    }

    private static void WriteEvents(Utf8JsonWriter json, Profile profile)
    {
        foreach (var e in profile.Events)
        {
            var frame = profile.Frames[e.Frame];
            WriteEventStart(json, frame, e.Type == ProfileEventType.Open ? "B" : "E", e.At);
            if (e.Type == ProfileEventType.Open && frame.File is not null)
            {
                json.WriteStartObject("args");
                WriteLocation(json, frame);
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }
    }

    private static void WriteCallTree(Utf8JsonWriter json, Profile profile)
    {
        foreach (var placed in CallTreeLayout.Walk(profile.CallTree))
        {
            var node = placed.Node;
            var frame = profile.Frames[node.Frame];
            WriteEventStart(json, frame, "X", placed.Start);
            json.WriteNumber("dur", node.InclusiveNanoseconds / 1000.0);
            json.WriteStartObject("args");
            json.WriteNumber(profile.Mode == ProfileMode.Trace ? "calls" : "samples", profile.Mode == ProfileMode.Trace ? node.Calls : node.SelfSamples);
            json.WriteNumber("self_us", node.SelfNanoseconds / 1000.0);
            json.WriteNumber("instructions", node.SelfInstructions);
            if (frame.File is not null)
            {
                WriteLocation(json, frame);
            }
            json.WriteEndObject();
            json.WriteEndObject();
        }
    }

    // Opens an event object and writes the fields every event has; the caller closes it.
    private static void WriteEventStart(Utf8JsonWriter json, ProfileFrame frame, string phase, long atNanoseconds)
    {
        json.WriteStartObject();
        json.WriteString("name", frame.Name);
        json.WriteString("cat", frame.IsForeign ? "foreign" : "stoffel");
        json.WriteString("ph", phase);
        json.WriteNumber("ts", atNanoseconds / 1000.0);
        json.WriteNumber("pid", 1);
        json.WriteNumber("tid", 1);
    }

    private static void WriteLocation(Utf8JsonWriter json, ProfileFrame frame)
    {
        json.WriteString("file", frame.File);
        json.WriteNumber("line", frame.Line);
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
