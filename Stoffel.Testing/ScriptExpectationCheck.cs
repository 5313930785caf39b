using Stoffel.Vm.Values;

namespace Stoffel.Testing;

/// <summary>
/// Judges a script case's run against its <see cref="TestExpectations"/>, reporting the first
/// mismatch at the line of the directive it breaks: an unexpected error first (it explains any
/// missing output), then the output line by line, then the error or the result.
/// </summary>
internal static class ScriptExpectationCheck
{
    private const string EndOfOutput = "(end of output)";

    public static TestFailure? Check(StoffelTestCase testCase, TestExpectations expected, string output, RunOutcome run)
    {
        if (run.Error is { } error && expected.Error is null)
        {
            return TestCaseExecution.UnexpectedError(testCase, error);
        }
        return CheckOutput(testCase, expected, OutputLines(output))
            ?? (expected.Error is { } expectedError ? CheckError(testCase, expected, expectedError, run) : CheckResult(testCase, expected, run.Result));
    }

    private static TestFailure? CheckOutput(StoffelTestCase testCase, TestExpectations expected, IReadOnlyList<string> actual)
    {
        for (var i = 0; i < Math.Max(expected.Output.Count, actual.Count); i++)
        {
            if (i >= expected.Output.Count)
            {
                var line = expected.Output.Count > 0 ? expected.Output[^1].Line : testCase.Line;
                return Mismatch(testCase, line, $"output line {i + 1}", EndOfOutput, actual[i]);
            }
            var want = expected.Output[i];
            var got = i < actual.Count ? actual[i] : EndOfOutput;
            if (want.Value != got)
            {
                return Mismatch(testCase, want.Line, $"output line {i + 1}", want.Value, got);
            }
        }
        return null;
    }

    private static TestFailure? CheckError(StoffelTestCase testCase, TestExpectations expected, Directive expectedError, RunOutcome run)
    {
        if (run.Error is not { } error)
        {
            var result = ValueFormatter.Format(run.Result);
            return Mismatch(testCase, expectedError.Line, "error containing", expectedError.Value, result, $"no error but result {result}");
        }
        if (!error.Message.Contains(expectedError.Value, StringComparison.Ordinal))
        {
            return Mismatch(testCase, expectedError.Line, "error containing", expectedError.Value, error.Message);
        }
        if (expected.ExpectedErrorLine is { } line && line != error.Line)
        {
            return Mismatch(testCase, expected.ErrorLine!.Value.Line, "error line", line.ToString(System.Globalization.CultureInfo.InvariantCulture),
                error.Line > 0 ? error.Line.ToString(System.Globalization.CultureInfo.InvariantCulture) : "an unknown line");
        }
        return null;
    }

    private static TestFailure? CheckResult(StoffelTestCase testCase, TestExpectations expected, Value result)
    {
        var want = expected.Result?.Value ?? ValueFormatter.Format(Value.Unit);
        var got = ValueFormatter.Format(result);
        return want == got ? null : Mismatch(testCase, expected.Result?.Line ?? testCase.Line, "result", want, got);
    }

    /// <summary>A failure reading <c>WHAT: expected "X", got "Y"</c>; <paramref name="shownActual"/> replaces the quoted actual value in the message.</summary>
    private static TestFailure Mismatch(StoffelTestCase testCase, int line, string what, string expected, string actual, string? shownActual = null) =>
        new($"{what}: expected {Quote(expected)}, got {shownActual ?? Quote(actual)}", testCase.ExpectationsPath, line, expected, actual);

    private static string Quote(string text) => text == EndOfOutput ? text : $"\"{text}\"";

    private static string[] OutputLines(string output) =>
        output.Length == 0 ? [] : output.TrimEnd('\n').Split('\n');
}
