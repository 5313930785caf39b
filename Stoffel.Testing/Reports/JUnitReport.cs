using System.Globalization;
using System.Xml;

namespace Stoffel.Testing.Reports;

/// <summary>
/// JUnit XML: <c>testsuites</c> with the totals, one <c>testsuite</c> per file, one
/// <c>testcase</c> per case (<c>classname</c> the file's path with dots, <c>name</c> the test
/// function or the file name for a script case, <c>file</c> and <c>line</c>), a failure as
/// <c>failure</c> (message, then <c>file:line</c>, expected and actual in its text), a skipped
/// case as <c>skipped</c>, and the case's output as <c>system-out</c>.
/// </summary>
internal static class JUnitReport
{
    public static void Write(TestRunResult run, TextWriter writer)
    {
        using var xml = XmlWriter.Create(writer, new XmlWriterSettings { Indent = true, NewLineChars = "\n" });
        xml.WriteStartDocument();
        xml.WriteStartElement("testsuites");
        xml.WriteAttributeString("name", "stoffel test");
        WriteCounts(xml, run.Results, run.Duration);
        foreach (var file in run.Results.GroupBy(r => r.Case.FilePath))
        {
            WriteSuite(xml, file.ToArray());
        }
        xml.WriteEndElement();
        xml.WriteEndDocument();
    }

    private static void WriteSuite(XmlWriter xml, IReadOnlyList<TestCaseResult> results)
    {
        xml.WriteStartElement("testsuite");
        xml.WriteAttributeString("name", results[0].Case.DisplayPath);
        WriteCounts(xml, results, TimeSpan.FromTicks(results.Sum(r => r.Duration.Ticks)));
        xml.WriteAttributeString("file", results[0].Case.DisplayPath);
        foreach (var result in results)
        {
            WriteCase(xml, result);
        }
        xml.WriteEndElement();
    }

    private static void WriteCase(XmlWriter xml, TestCaseResult result)
    {
        var testCase = result.Case;
        xml.WriteStartElement("testcase");
        xml.WriteAttributeString("name", testCase.FunctionName ?? Path.GetFileName(testCase.FilePath));
        xml.WriteAttributeString("classname", ClassName(testCase.DisplayPath));
        xml.WriteAttributeString("file", testCase.DisplayPath);
        if (testCase.Line > 0)
        {
            xml.WriteAttributeString("line", testCase.Line.ToString(CultureInfo.InvariantCulture));
        }
        xml.WriteAttributeString("time", Seconds(result.Duration));
        if (result.Failure is { } failure)
        {
            xml.WriteStartElement("failure");
            xml.WriteAttributeString("message", failure.Message);
            xml.WriteAttributeString("type", "failure");
            xml.WriteString(FailureText(result));
            xml.WriteEndElement();
        }
        if (result.Outcome == TestOutcome.Skipped)
        {
            xml.WriteStartElement("skipped");
            xml.WriteAttributeString("message", testCase.SkipReason);
            xml.WriteEndElement();
        }
        if (result.Output.Length > 0)
        {
            xml.WriteElementString("system-out", result.Output);
        }
        xml.WriteEndElement();
    }

    private static void WriteCounts(XmlWriter xml, IReadOnlyCollection<TestCaseResult> results, TimeSpan duration)
    {
        xml.WriteAttributeString("tests", Count(results.Count));
        xml.WriteAttributeString("failures", Count(results.Count(r => r.Outcome == TestOutcome.Failed)));
        xml.WriteAttributeString("errors", Count(0));
        xml.WriteAttributeString("skipped", Count(results.Count(r => r.Outcome == TestOutcome.Skipped)));
        xml.WriteAttributeString("time", Seconds(duration));
    }

    /// <summary>The failure's place and values, for the body of <c>failure</c>.</summary>
    private static string FailureText(TestCaseResult result)
    {
        var failure = result.Failure!;
        var lines = new List<string> { result.Describe() };
        if (failure.Expected is { } expected)
        {
            lines.Add($"expected: {expected}");
        }
        if (failure.Actual is { } actual)
        {
            lines.Add($"actual: {actual}");
        }
        return string.Join('\n', lines);
    }

    /// <summary><c>tests/scripts/strings.stfa</c> → <c>tests.scripts.strings</c>, as JUnit consumers group classes.</summary>
    private static string ClassName(string displayPath) =>
        Path.ChangeExtension(displayPath, null).TrimStart('.', '/').Replace('/', '.');

    private static string Count(int count) => count.ToString(CultureInfo.InvariantCulture);

    private static string Seconds(TimeSpan duration) => duration.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture);
}
