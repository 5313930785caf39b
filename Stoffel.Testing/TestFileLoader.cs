using Stoffel.Vm.Formats;
using Stoffel.Vm.Formats.Assembly;
using Stoffel.Vm.Programs;

namespace Stoffel.Testing;

/// <summary>
/// Turns one test file into its cases: the script case when the file states expectations (a
/// binary states them in a <c>NAME.stflb.expect</c> sidecar), then one case per function named
/// <c>test_*</c>, in file order.
/// </summary>
internal static class TestFileLoader
{
    /// <summary>The prefix that makes a function a test case.</summary>
    public const string TestFunctionPrefix = "test_";

    /// <summary>The suffix of a binary's expectation sidecar: <c>NAME.stflb.expect</c>.</summary>
    public const string SidecarSuffix = ".expect";

    /// <summary>Loads <paramref name="path"/>; errors go to <paramref name="errors"/>.</summary>
    /// <param name="path">A full path to a <c>.stfa</c> or <c>.stflb</c> file.</param>
    /// <param name="options">The options the cases run with.</param>
    /// <param name="errors">Receives one line per load or directive error.</param>
    /// <returns>The cases, empty when the file fails to load or holds none.</returns>
    public static IReadOnlyList<StoffelTestCase> Load(string path, StoffelTestOptions options, List<string> errors)
    {
        var isSource = Path.GetExtension(path).Equals(TestFileFinder.SourceExtension, StringComparison.OrdinalIgnoreCase);
        var expectationsPath = isSource ? path : path + SidecarSuffix;
        StoffelProgram program;
        TestFileAnnotations annotations;
        try
        {
            var text = isSource || File.Exists(expectationsPath) ? File.ReadAllText(expectationsPath) : "";
            annotations = TestAnnotationParser.Parse(text, expectationsPath, out var directiveErrors);
            if (directiveErrors.Count > 0)
            {
                errors.AddRange(directiveErrors);
                return [];
            }
            program = isSource ? StfaAssembler.Assemble(text, path) : ProgramFile.Load(path);
        }
        catch (ProgramLoadException e)
        {
            errors.AddRange(e.Errors);
            return [];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            errors.Add($"{path}: cannot read the file: {e.Message}");
            return [];
        }

        var cases = new List<StoffelTestCase>();
        if (annotations.Expectations is { } expectations)
        {
            cases.Add(new StoffelTestCase(
                TestCaseKind.Script, path, null, annotations.FunctionLines.GetValueOrDefault(expectations.Entry),
                annotations.FileSkipReason ?? annotations.FunctionSkipReasons.GetValueOrDefault(expectations.Entry),
                expectations, expectationsPath, program, options));
        }
        foreach (var function in program.Functions.Where(f => f.Name.StartsWith(TestFunctionPrefix, StringComparison.Ordinal)))
        {
            cases.Add(new StoffelTestCase(
                TestCaseKind.Function, path, function.Name, annotations.FunctionLines.GetValueOrDefault(function.Name),
                annotations.FileSkipReason ?? annotations.FunctionSkipReasons.GetValueOrDefault(function.Name),
                null, expectationsPath, program, options));
        }
        foreach (var function in annotations.FunctionSkipReasons.Keys.Where(name => !cases.Any(c => (c.FunctionName ?? c.Expectations!.Entry) == name)))
        {
            errors.Add($"{expectationsPath}:{annotations.FunctionLines.GetValueOrDefault(function)}: skip inside '{function}', which no case runs: put it in a test_* function, the entry function, or outside every function");
        }
        return cases;
    }
}
