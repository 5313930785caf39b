using System.Globalization;

namespace Stoffel.Stress.Reporting;

/// <summary>Writes a <see cref="StressReport"/> as the summary a person reads after a run.</summary>
/// <example>
/// <code>
/// binaries: 2,000 binaries, 0 failed, 1.9 s (1,052 binaries/s), peak RSS 96 MiB (this process), seed 7
///   refused by the loader: 1,543
///   …
/// </code>
/// </example>
public static class ReportWriter
{
    /// <summary>The name the tool is started by, for replay lines.</summary>
    public const string ToolName = "Stoffel.Stress";

    /// <summary>Writes <paramref name="report"/> to <paramref name="output"/>.</summary>
    public static void Write(StressReport report, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        var peak = report.PeakResidentBytes > 0 ? $", peak RSS {Mebibytes(report.PeakResidentBytes)} ({report.PeakOf})" : "";
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{report.Name}: {report.Count:N0} {report.Unit}, {report.FailureCount:N0} failed, {Seconds(report.Elapsed)} ({Rate(report.Rate)} {report.Unit}/s){peak}, seed {report.Seed}"));
        foreach (var (name, count) in report.Figures)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name}: {count:N0}"));
        }
        foreach (var note in report.Notes)
        {
            output.WriteLine($"  {note}");
        }
        foreach (var failure in report.Failures)
        {
            output.WriteLine($"FAILED {report.Name} case {failure.Case}: {failure.Message}");
            output.WriteLine($"  replay: {ToolName} {report.ReplayArguments} --case {failure.Case}");
        }
        if (report.FailureCount > report.Failures.Count)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  … and {report.FailureCount - report.Failures.Count:N0} more failures"));
        }
    }

    /// <summary>A rate with the precision it deserves: <c>5,354</c>, <c>2.8</c>, <c>0.48</c>.</summary>
    public static string Rate(double perSecond) =>
        perSecond.ToString(perSecond >= 100 ? "N0" : perSecond >= 1 ? "N1" : "N2", CultureInfo.InvariantCulture);

    /// <summary>Bytes as whole mebibytes: <c>96 MiB</c>.</summary>
    public static string Mebibytes(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024.0):N0} MiB");

    /// <summary>A duration as seconds with one decimal: <c>1.9 s</c>.</summary>
    public static string Seconds(TimeSpan elapsed) => string.Create(CultureInfo.InvariantCulture, $"{elapsed.TotalSeconds:N1} s");
}
