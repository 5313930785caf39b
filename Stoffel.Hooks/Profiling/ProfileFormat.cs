namespace Stoffel.Hooks.Profiling;

/// <summary>A profile file format.</summary>
public enum ProfileFormat
{
    /// <summary>speedscope's evented JSON (<see cref="SpeedscopeWriter"/>).</summary>
    Speedscope,
    /// <summary>Chrome trace event JSON (<see cref="ChromeTraceWriter"/>), for Perfetto and chrome://tracing.</summary>
    Chrome,
}

/// <summary>Choosing and writing a <see cref="ProfileFormat"/>.</summary>
public static class ProfileFormats
{
    /// <summary>
    /// The format a file name implies: <c>*.speedscope.json</c> → speedscope, any other
    /// <c>*.json</c> → Chrome trace, anything else → speedscope.
    /// </summary>
    /// <param name="path">The output path.</param>
    /// <returns>The format.</returns>
    public static ProfileFormat FromPath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) && !path.EndsWith(".speedscope.json", StringComparison.OrdinalIgnoreCase)
            ? ProfileFormat.Chrome
            : ProfileFormat.Speedscope;
    }

    /// <summary>Parses <c>speedscope</c> or <c>chrome</c> (case-insensitive).</summary>
    /// <exception cref="ArgumentException">Any other name.</exception>
    public static ProfileFormat Parse(string name) => name?.ToLowerInvariant() switch
    {
        "speedscope" => ProfileFormat.Speedscope,
        "chrome" => ProfileFormat.Chrome,
        _ => throw new ArgumentException($"unknown profile format '{name}' (expected speedscope or chrome)", nameof(name)),
    };

    /// <summary>Writes <paramref name="profile"/> to <paramref name="path"/> (created or overwritten) in <paramref name="format"/>.</summary>
    /// <param name="profile">The profile.</param>
    /// <param name="format">The format.</param>
    /// <param name="path">The output file.</param>
    /// <param name="name">The profile or process name shown by viewers.</param>
    /// <exception cref="IOException">The file cannot be written.</exception>
    /// <exception cref="UnauthorizedAccessException">The file cannot be written.</exception>
    public static void WriteFile(Profile profile, ProfileFormat format, string path, string name)
    {
        using var stream = File.Create(path);
        if (format == ProfileFormat.Chrome)
        {
            ChromeTraceWriter.Write(profile, stream, name);
        }
        else
        {
            SpeedscopeWriter.Write(profile, stream, name);
        }
    }
}
