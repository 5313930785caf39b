using System.Text.RegularExpressions;

namespace Stoffel.Stress.Reporting;

/// <summary>
/// An error message with its particulars blanked (numbers, offsets, quoted names), so messages
/// of one kind count together: <c>the constant count N in the constant pool at offset 0x… …</c>.
/// </summary>
public static partial class MessageShape
{
    /// <summary>The shape of <paramref name="message"/>'s first line.</summary>
    public static string Of(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var line = message.Split('\n')[0];
        line = Quoted().Replace(line, "'…'");
        return Numbers().Replace(line, number => number.Value.StartsWith("0x", StringComparison.Ordinal) ? "0x…" : "N");
    }

    [GeneratedRegex("'[^']*'")]
    private static partial Regex Quoted();

    [GeneratedRegex("0x[0-9A-Fa-f]+|[0-9]+")]
    private static partial Regex Numbers();
}
