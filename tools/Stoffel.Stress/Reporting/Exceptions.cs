namespace Stoffel.Stress.Reporting;

/// <summary>An unexpected exception as a failure message: its type, message and the frames where it was thrown.</summary>
public static class Exceptions
{
    /// <summary><c>Type: message (at Frame1 ← Frame2 ← Frame3)</c>.</summary>
    public static string Describe(Exception exception, int frames = 4)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var where = (exception.StackTrace ?? "")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Take(frames)
            .Select(frame => frame.StartsWith("at ", StringComparison.Ordinal) ? frame[3..] : frame);
        var inner = exception.InnerException is { } cause ? $"; caused by {cause.GetType().FullName}: {cause.Message}" : "";
        return $"{exception.GetType().FullName}: {exception.Message}{inner} (at {string.Join(" ← ", where)})";
    }
}
