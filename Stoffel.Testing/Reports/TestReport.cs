namespace Stoffel.Testing.Reports;

/// <summary>Writes a <see cref="TestRunResult"/> in a <see cref="TestReportFormat"/>.</summary>
public static class TestReport
{
    /// <summary>The format named <paramref name="name"/>: <c>junit</c>, <c>tap</c> or <c>json</c> (any case).</summary>
    /// <param name="name">The name.</param>
    /// <returns>The format.</returns>
    /// <exception cref="ArgumentException">Any other name.</exception>
    public static TestReportFormat ParseFormat(string name) => name.ToLowerInvariant() switch
    {
        "junit" => TestReportFormat.JUnit,
        "tap" => TestReportFormat.Tap,
        "json" => TestReportFormat.Json,
        _ => throw new ArgumentException($"unknown report format '{name}' (known: junit, tap, json)"),
    };

    /// <summary>Writes <paramref name="run"/> to <paramref name="writer"/>.</summary>
    /// <param name="run">The results.</param>
    /// <param name="format">The format.</param>
    /// <param name="writer">Where to write.</param>
    public static void Write(TestRunResult run, TestReportFormat format, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(writer);
        switch (format)
        {
            case TestReportFormat.JUnit: JUnitReport.Write(run, writer); break;
            case TestReportFormat.Tap: TapReport.Write(run, writer); break;
            case TestReportFormat.Json: JsonReport.Write(run, writer); break;
            default: throw new ArgumentOutOfRangeException(nameof(format), format, "unknown report format");
        }
    }

    /// <summary>
    /// Writes the cases of <paramref name="suite"/> without running them, as JSON
    /// (<c>{"cases": [...]}</c>, each case as in the JSON report): what an editor lists.
    /// </summary>
    /// <param name="suite">The suite.</param>
    /// <param name="writer">Where to write.</param>
    public static void WriteList(StoffelTestSuite suite, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(suite);
        ArgumentNullException.ThrowIfNull(writer);
        JsonReport.WriteList(suite.Cases, writer);
    }

    /// <summary>Writes <paramref name="run"/> to the file <paramref name="path"/> in UTF-8 (created or overwritten).</summary>
    /// <param name="run">The results.</param>
    /// <param name="format">The format.</param>
    /// <param name="path">The file.</param>
    /// <exception cref="IOException">The file cannot be written.</exception>
    /// <exception cref="UnauthorizedAccessException">The file cannot be written.</exception>
    public static void WriteFile(TestRunResult run, TestReportFormat format, string path)
    {
        using var writer = new StreamWriter(path, append: false, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false)) { NewLine = "\n" };
        Write(run, format, writer);
    }
}
