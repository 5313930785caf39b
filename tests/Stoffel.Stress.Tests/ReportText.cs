using Stoffel.Stress.Reporting;

namespace Stoffel.Stress.Tests;

/// <summary>A report as the tool prints it, for assertion messages and for checking the summary.</summary>
internal static class ReportText
{
    public static string Of(StressReport report)
    {
        var text = new StringWriter { NewLine = "\n" };
        ReportWriter.Write(report, text);
        return text.ToString();
    }

    /// <summary>The figure whose name starts with <paramref name="name"/>.</summary>
    public static long Figure(this StressReport report, string name) => report.Figures.Single(f => f.Key.StartsWith(name, StringComparison.Ordinal)).Value;
}
