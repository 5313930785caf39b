using System.Text.Json;

namespace Stoffel.Hooks.Profiling;

/// <summary>
/// Writes a <see cref="Profile"/> in speedscope's format
/// (https://www.speedscope.app/file-format-schema.json): <c>shared.frames</c> with name, file and
/// line, then
/// <list type="bullet">
/// <item>from the call tree, a <c>sampled</c> profile weighted by self time in nanoseconds (one
/// sample per distinct stack), and, in trace mode, a second one weighted by instructions (unit
/// <c>none</c>); the file's size depends on the distinct stacks only;</item>
/// <item>with an event log (<see cref="ProfilerOptions.EventLimit"/>), an <c>evented</c> profile
/// of its O/C events instead.</item>
/// </list>
/// Open the file at https://www.speedscope.app for a flame graph.
/// </summary>
public static class SpeedscopeWriter
{
    /// <summary>The schema URL the file declares.</summary>
    public const string SchemaUrl = "https://www.speedscope.app/file-format-schema.json";

    /// <summary>Writes <paramref name="profile"/> to <paramref name="stream"/> as UTF-8 JSON.</summary>
    /// <param name="profile">The profile.</param>
    /// <param name="stream">A writable stream; left open.</param>
    /// <param name="name">The profile's name as speedscope shows it (e.g. the program file).</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void Write(Profile profile, Stream stream, string name)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(name);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false });
        json.WriteStartObject();
        json.WriteString("$schema", SchemaUrl);
        json.WriteString("name", name);
        json.WriteString("exporter", "Stoffel.Hooks");
        json.WriteNumber("activeProfileIndex", 0);
        WriteFrames(json, profile.Frames);
        json.WriteStartArray("profiles");
        if (profile.Events.Count > 0)
        {
            WriteEvented(json, profile, name);
        }
        else
        {
            WriteSampled(json, profile, $"{name} (time)", "nanoseconds", n => n.SelfNanoseconds);
            if (profile.Mode == ProfileMode.Trace && profile.TotalInstructions > 0)
            {
                WriteSampled(json, profile, $"{name} (instructions)", "none", n => n.SelfInstructions);
            }
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteFrames(Utf8JsonWriter json, IReadOnlyList<ProfileFrame> frames)
    {
        json.WriteStartObject("shared");
        json.WriteStartArray("frames");
        foreach (var frame in frames)
        {
            json.WriteStartObject();
            json.WriteString("name", frame.Name);
            if (frame.File is not null)
            {
                json.WriteString("file", frame.File);
            }
            if (frame.Line > 0)
            {
                json.WriteNumber("line", frame.Line);
            }
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteSampled(Utf8JsonWriter json, Profile profile, string name, string unit, Func<ProfileNode, long> weightOf)
    {
        var samples = CallTreeLayout.Walk(profile.CallTree).Where(p => weightOf(p.Node) > 0).ToArray();
        json.WriteStartObject();
        json.WriteString("type", "sampled");
        json.WriteString("name", name);
        json.WriteString("unit", unit);
        json.WriteNumber("startValue", 0);
        json.WriteNumber("endValue", samples.Sum(p => weightOf(p.Node)));
        json.WriteStartArray("samples");
        foreach (var sample in samples)
        {
            json.WriteStartArray();
            foreach (var frame in sample.Stack)
            {
                json.WriteNumberValue(frame);
            }
            json.WriteEndArray();
        }
        json.WriteEndArray();
        json.WriteStartArray("weights");
        foreach (var sample in samples)
        {
            json.WriteNumberValue(weightOf(sample.Node));
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteEvented(Utf8JsonWriter json, Profile profile, string name)
    {
        json.WriteStartObject();
        json.WriteString("type", "evented");
        json.WriteString("name", name);
        json.WriteString("unit", "nanoseconds");
        json.WriteNumber("startValue", 0);
        json.WriteNumber("endValue", Math.Max(profile.EndNanoseconds, profile.Events[^1].At));
        json.WriteStartArray("events");
        foreach (var e in profile.Events)
        {
            json.WriteStartObject();
            json.WriteString("type", e.Type == ProfileEventType.Open ? "O" : "C");
            json.WriteNumber("frame", e.Frame);
            json.WriteNumber("at", e.At);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }
}
