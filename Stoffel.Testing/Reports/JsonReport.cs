using System.Text;
using System.Text.Json;
using Stoffel.Vm.Formats.Assembly;

namespace Stoffel.Testing.Reports;

/// <summary>
/// JSON: <c>{"summary": {passed, failed, skipped, durationMs}, "cases": [CASE + {outcome,
/// durationMs, failure?: {message, at, path, line, expected, actual}, output}]}</c>, or for a list
/// without a run <c>{"cases": [CASE]}</c>, where CASE is <c>{name, path, file, line, kind,
/// function, entry, args, skipReason}</c>: <c>path</c> absolute, <c>file</c> and <c>at</c>
/// relative like <see cref="StoffelTestCase.DisplayPath"/>, <c>entry</c> and <c>args</c> (literals)
/// what a debugger launches to run the case.
/// </summary>
internal static class JsonReport
{
    public static void Write(TestRunResult run, TextWriter writer) => WriteDocument(writer, json =>
    {
        json.WriteStartObject("summary");
        json.WriteNumber("passed", run.Passed);
        json.WriteNumber("failed", run.Failed);
        json.WriteNumber("skipped", run.Skipped);
        json.WriteNumber("durationMs", Milliseconds(run.Duration));
        json.WriteEndObject();
        json.WriteStartArray("cases");
        foreach (var result in run.Results)
        {
            json.WriteStartObject();
            WriteCase(json, result.Case);
            WriteResult(json, result);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    });

    public static void WriteList(IReadOnlyList<StoffelTestCase> cases, TextWriter writer) => WriteDocument(writer, json =>
    {
        json.WriteStartArray("cases");
        foreach (var testCase in cases)
        {
            json.WriteStartObject();
            WriteCase(json, testCase);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    });

    private static void WriteDocument(TextWriter writer, Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            body(json);
            json.WriteEndObject();
        }
        writer.Write(Encoding.UTF8.GetString(buffer.ToArray()));
        writer.Write('\n');
    }

    private static void WriteCase(Utf8JsonWriter json, StoffelTestCase testCase)
    {
        json.WriteString("name", testCase.Name);
        json.WriteString("path", testCase.FilePath);
        json.WriteString("file", testCase.DisplayPath);
        json.WriteNumber("line", testCase.Line);
        json.WriteString("kind", testCase.Kind == TestCaseKind.Script ? "script" : "function");
        json.WriteString("function", testCase.FunctionName);
        json.WriteString("entry", testCase.FunctionName ?? testCase.Expectations!.Entry);
        json.WriteStartArray("args");
        foreach (var argument in testCase.Expectations?.Arguments ?? [])
        {
            json.WriteStringValue(LiteralFormatter.Format(argument));
        }
        json.WriteEndArray();
        json.WriteString("skipReason", testCase.SkipReason);
    }

    private static void WriteResult(Utf8JsonWriter json, TestCaseResult result)
    {
        json.WriteString("outcome", result.Outcome.ToString().ToLowerInvariant());
        json.WriteNumber("durationMs", Milliseconds(result.Duration));
        if (result.Failure is { } failure)
        {
            json.WriteStartObject("failure");
            json.WriteString("message", failure.Message);
            json.WriteString("at", result.Case.Locate(failure.FilePath, failure.Line));
            json.WriteString("path", failure.FilePath);
            json.WriteNumber("line", failure.Line);
            json.WriteString("expected", failure.Expected);
            json.WriteString("actual", failure.Actual);
            json.WriteEndObject();
        }
        json.WriteString("output", result.Output);
    }

    private static double Milliseconds(TimeSpan duration) => Math.Round(duration.TotalMilliseconds, 3);
}
