using System.Text.Json;

namespace Stoffel.Hooks.Profiling;

/// <summary>
/// Writes a <see cref="Profile"/> as a speedscope evented profile
/// (https://www.speedscope.app/file-format-schema.json): <c>shared.frames</c> with name, file
/// and line; one profile of type <c>evented</c>, unit <c>nanoseconds</c>, with O/C events.
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
        json.WriteStartObject("shared");
        json.WriteStartArray("frames");
        foreach (var frame in profile.Frames)
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
        json.WriteStartArray("profiles");
        json.WriteStartObject();
        json.WriteString("type", "evented");
        json.WriteString("name", name);
        json.WriteString("unit", "nanoseconds");
        json.WriteNumber("startValue", 0);
        json.WriteNumber("endValue", profile.EndNanoseconds);
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
        json.WriteEndArray();
        json.WriteEndObject();
    }
}
