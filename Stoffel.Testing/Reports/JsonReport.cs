using System.Text;
using System.Text.Json;

namespace Stoffel.Testing.Reports;

/// <summary>
/// JSON: <c>{"summary": {passed, failed, skipped, durationMs}, "cases": [{name, file, line,
/// function, outcome, durationMs, skipReason?, failure?: {message, file, line, expected, actual},
/// output}]}</c>; paths relative like <see cref="StoffelTestCase.DisplayPath"/>.
/// </summary>
internal static class JsonReport
{
    public static void Write(TestRunResult run, TextWriter writer)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteStartObject("summary");
            json.WriteNumber("passed", run.Passed);
            json.WriteNumber("failed", run.Failed);
            json.WriteNumber("skipped", run.Skipped);
            json.WriteNumber("durationMs", Math.Round(run.Duration.TotalMilliseconds, 3));
            json.WriteEndObject();
            json.WriteStartArray("cases");
            foreach (var result in run.Results)
            {
                WriteCase(json, result);
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        writer.Write(Encoding.UTF8.GetString(buffer.ToArray()));
        writer.Write('\n');
    }

    private static void WriteCase(Utf8JsonWriter json, TestCaseResult result)
    {
        var testCase = result.Case;
        json.WriteStartObject();
        json.WriteString("name", testCase.Name);
        json.WriteString("file", testCase.DisplayPath);
        json.WriteNumber("line", testCase.Line);
        json.WriteString("function", testCase.FunctionName);
        json.WriteString("outcome", result.Outcome.ToString().ToLowerInvariant());
        json.WriteNumber("durationMs", Math.Round(result.Duration.TotalMilliseconds, 3));
        if (testCase.SkipReason is { } reason)
        {
            json.WriteString("skipReason", reason);
        }
        if (result.Failure is { } failure)
        {
            json.WriteStartObject("failure");
            json.WriteString("message", failure.Message);
            json.WriteString("at", testCase.Locate(failure.FilePath, failure.Line));
            json.WriteString("expected", failure.Expected);
            json.WriteString("actual", failure.Actual);
            json.WriteEndObject();
        }
        json.WriteString("output", result.Output);
        json.WriteEndObject();
    }
}
