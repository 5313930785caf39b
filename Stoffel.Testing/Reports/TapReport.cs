using System.Globalization;
using System.Text.Json;

namespace Stoffel.Testing.Reports;

/// <summary>
/// TAP version 14: the plan, then <c>ok N - NAME</c>, <c>not ok N - NAME</c> followed by a YAML
/// diagnostic block (message, at, expected, actual), or <c>ok N - NAME # SKIP reason</c>.
/// </summary>
internal static class TapReport
{
    public static void Write(TestRunResult run, TextWriter writer)
    {
        writer.Write("TAP version 14\n");
        writer.Write($"1..{run.Results.Count.ToString(CultureInfo.InvariantCulture)}\n");
        for (var i = 0; i < run.Results.Count; i++)
        {
            var result = run.Results[i];
            var number = (i + 1).ToString(CultureInfo.InvariantCulture);
            var name = Escape(result.Case.Name);
            switch (result.Outcome)
            {
                case TestOutcome.Skipped:
                    writer.Write($"ok {number} - {name} # SKIP {Escape(result.Case.SkipReason ?? "")}\n");
                    break;
                case TestOutcome.Failed:
                    writer.Write($"not ok {number} - {name}\n");
                    WriteDiagnostics(writer, result);
                    break;
                default:
                    writer.Write($"ok {number} - {name}\n");
                    break;
            }
        }
        writer.Write($"# {run.Summary}\n");
    }

    private static void WriteDiagnostics(TextWriter writer, TestCaseResult result)
    {
        var failure = result.Failure!;
        writer.Write("  ---\n");
        writer.Write($"  message: {Yaml(failure.Message)}\n");
        writer.Write($"  at: {Yaml(result.Case.Locate(failure.FilePath, failure.Line))}\n");
        if (failure.Expected is { } expected)
        {
            writer.Write($"  expected: {Yaml(expected)}\n");
        }
        if (failure.Actual is { } actual)
        {
            writer.Write($"  actual: {Yaml(actual)}\n");
        }
        writer.Write("  ...\n");
    }

    /// <summary>A YAML double-quoted scalar (JSON string escapes are valid YAML).</summary>
    private static string Yaml(string text) => $"\"{JsonEncodedText.Encode(text)}\"";

    /// <summary>TAP descriptions escape <c>#</c> and <c>\</c>, and stay on one line.</summary>
    private static string Escape(string text) => text.Replace("\\", "\\\\").Replace("#", "\\#").ReplaceLineEndings(" ");
}
