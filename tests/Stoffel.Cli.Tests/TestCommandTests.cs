using System.Text.RegularExpressions;
using Stoffel.Tests.Shared;

namespace Stoffel.Cli.Tests;

/// <summary><c>stoffel test</c> end to end, on the project's own scripts and on broken copies of them.</summary>
[TestClass]
public sealed partial class TestCommandTests
{
    private static readonly string Scripts = Path.Combine(AppContext.BaseDirectory, "scripts");

    private const string Hang = "; expect-result: 1\n.function main()\nloop:\n    JMP loop\n.end\n";

    [TestMethod]
    public void The_project_suite_passes_and_the_summary_counts_every_case()
    {
        var result = Cli.Run("test", Cli.Examples, Scripts);
        var tap = Cli.Run("test", Cli.Examples, Scripts, "--reporter", "tap");

        Assert.AreEqual(0, result.ExitCode, result.ToString());
        var summary = Summary().Match(result.LastLine);
        Assert.IsTrue(summary.Success, result.ToString());
        var passedLines = tap.StdoutLines.Count(line => line.StartsWith("ok ", StringComparison.Ordinal) && !line.Contains("# SKIP", StringComparison.Ordinal));
        var skippedLines = tap.StdoutLines.Count(line => line.Contains("# SKIP", StringComparison.Ordinal));
        Assert.AreEqual($"{passedLines} passed, 0 failed, {skippedLines} skipped", result.LastLine);
        Assert.AreEqual(Directory.GetFiles(Cli.Examples, "*.stfa").Length + Directory.GetFiles(Scripts, "*.stfa").Length + 2, passedLines + skippedLines,
            "one case per script (test_functions.stfa has none) plus its three test functions");
    }

    [TestMethod]
    public void A_broken_copy_fails_with_file_line_and_expected_against_got_for_each_case()
    {
        var folder = CopyOfSuite();
        var fibLine = Break(folder, "fib.stfa", "; expect-result: 6765", "; expect-result: 6766");
        var closuresLine = Break(folder, "closures.stfa", "; expect-output: 12", "; expect-output: 13");
        var errorLine = Break(folder, "error.stfa", "; expect-error-line: 21", "; expect-error-line: 20");
        Break(folder, "test_functions.stfa", "    LDI r1, 5", "    LDI r1, 6");
        var assertLine = LineOf(Path.Combine(folder, "test_functions.stfa"), "    CALL assert");

        var result = Cli.Run("test", folder);

        Assert.AreEqual(1, result.ExitCode, result.ToString());
        var failures = result.StdoutLines[..^1];
        Assert.HasCount(4, failures, result.ToString());
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, folder).Replace('\\', '/');
        CollectionAssert.AreEquivalent(
            new[]
            {
                $"{relative}/closures.stfa:{closuresLine}: {relative}/closures.stfa: output line 2: expected \"13\", got \"12\"",
                $"{relative}/error.stfa:{errorLine}: {relative}/error.stfa: error line: expected \"20\", got \"21\"",
                $"{relative}/fib.stfa:{fibLine}: {relative}/fib.stfa: result: expected \"6766\", got \"6765\"",
                $"{relative}/test_functions.stfa:{assertLine}: {relative}/test_functions.stfa::test_addition: 2 + 3 must be 5",
            },
            failures);
        Assert.AreEqual("4", Summary().Match(result.LastLine).Groups["failed"].Value);
    }

    [TestMethod]
    public void A_hanging_test_is_cut_by_its_timeout_or_budget_while_the_rest_run()
    {
        var folder = NewFolder();
        File.WriteAllText(Path.Combine(folder, "hang.stfa"), Hang);
        File.Copy(Path.Combine(Cli.Examples, "fib.stfa"), Path.Combine(folder, "fib.stfa"));

        var byTimeout = Cli.Run("test", folder, "--timeout", "0.5", "--jobs", "2");
        var byBudget = Cli.Run("test", folder, "--max-instructions", "2000000", "--jobs", "1");

        Assert.AreEqual(1, byTimeout.ExitCode, byTimeout.ToString());
        Assert.EndsWith("hang.stfa: execution timed out after 0.5 s", byTimeout.StdoutLines[0]);
        Assert.AreEqual("1 passed, 1 failed, 0 skipped", byTimeout.LastLine);
        Assert.AreEqual(1, byBudget.ExitCode, byBudget.ToString());
        Assert.EndsWith("hang.stfa: instruction limit of 2000000 reached", byBudget.StdoutLines[0]);
        Assert.AreEqual("1 passed, 1 failed, 0 skipped", byBudget.LastLine);
    }

    [TestMethod]
    public void Coverage_is_merged_over_the_suite_and_renders_with_genhtml()
    {
        var folder = NewFolder();
        var source = Path.Combine(folder, "covered.stfa");
        File.WriteAllText(source, ".function helper()\n    LDI r0, 1\n.end\n.function test_a()\n    CALL helper\n.end\n.function test_b()\n    CALL helper\n.end\n");
        File.Copy(Path.Combine(Cli.Examples, "fib.stfa"), Path.Combine(folder, "fib.stfa"));
        var lcov = Path.Combine(folder, "suite.lcov");

        var result = Cli.Run("test", folder, "--coverage", lcov);

        Assert.AreEqual(0, result.ExitCode, result.ToString());
        var records = File.ReadAllText(lcov).Split("end_of_record\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.HasCount(2, records);
        var covered = records.Single(r => r.Contains($"SF:{source}\n", StringComparison.Ordinal));
        Assert.Contains("FNDA:2,helper\n", covered);
        Assert.Contains("DA:2,2\n", covered);
        Assert.Contains("FNDA:1,test_a\n", covered);

        ExternalTools.RequireOnPath("genhtml", "lcov");
        var genhtml = ExternalTools.Run("genhtml", folder, lcov, "--output-directory", Path.Combine(folder, "html"));
        Assert.AreEqual(0, genhtml.ExitCode, genhtml.Output);
        Assert.IsTrue(File.Exists(Path.Combine(folder, "html", "index.html")), genhtml.Output);
    }

    [TestMethod]
    public void A_report_goes_to_its_file_or_to_stdout_with_the_summary_moved_to_stderr()
    {
        var folder = NewFolder();
        File.Copy(Path.Combine(Cli.Examples, "fib.stfa"), Path.Combine(folder, "fib.stfa"));
        var xml = Path.Combine(folder, "report.xml");

        var toFile = Cli.Run("test", folder, "--reporter", "junit", "--output", xml);
        var toStdout = Cli.Run("test", folder, "--reporter", "json");

        Assert.AreEqual("1 passed, 0 failed, 0 skipped\n", toFile.Stdout);
        var report = System.Xml.Linq.XDocument.Load(xml);
        Assert.AreEqual("1", report.Root!.Attribute("tests")!.Value);
        Assert.AreEqual("1 passed, 0 failed, 0 skipped\n", toStdout.Stderr);
        using var json = System.Text.Json.JsonDocument.Parse(toStdout.Stdout);
        Assert.AreEqual(1, json.RootElement.GetProperty("summary").GetProperty("passed").GetInt32());
    }

    [TestMethod]
    public void Filter_runs_only_the_matching_cases()
    {
        var result = Cli.Run("test", Scripts, "--filter", "TEST_ADD");

        Assert.AreEqual(0, result.ExitCode, result.ToString());
        Assert.AreEqual("1 passed, 0 failed, 0 skipped", result.LastLine);
    }

    [TestMethod]
    public void List_prints_the_cases_without_running_them()
    {
        var folder = NewFolder();
        File.WriteAllText(Path.Combine(folder, "hang.stfa"), Hang);
        File.Copy(Path.Combine(Scripts, "test_functions.stfa"), Path.Combine(folder, "test_functions.stfa"));
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, folder).Replace('\\', '/');

        var names = Cli.Run("test", folder, "--list", "--timeout", "0.1");
        var json = Cli.Run("test", folder, "--list", "--reporter", "json");

        Assert.AreEqual(0, names.ExitCode, names.ToString());
        CollectionAssert.AreEqual(
            new[]
            {
                $"{relative}/hang.stfa",
                $"{relative}/test_functions.stfa::test_addition",
                $"{relative}/test_functions.stfa::test_concatenation",
                $"{relative}/test_functions.stfa::test_division_by_zero_is_skipped (skipped: shows a skipped case; it would fail with division by zero)",
            },
            names.StdoutLines);
        using var document = System.Text.Json.JsonDocument.Parse(json.Stdout);
        Assert.AreEqual(4, document.RootElement.GetProperty("cases").GetArrayLength());
    }

    [TestMethod]
    [DataRow("--reporter", "xml", "error: --reporter: unknown report format 'xml' (known: junit, tap, json)")]
    [DataRow("--output", "x.xml", "error: --output names the file of a --reporter; give --reporter junit, tap or json")]
    [DataRow("--jobs", "0", "error: --jobs must be at least 1, got 0")]
    [DataRow("--timeout", "-1", "error: --timeout must be a positive number of seconds, got -1")]
    [DataRow("--max-instructions", "0", "error: --max-instructions must be positive, got 0")]
    [DataRow("--filter", "no-such-case", "error: no test case matches --filter 'no-such-case'")]
    [DataRow("--list", "--reporter=tap", "error: --list prints the cases on stdout: as names, or as JSON with --reporter json (no --output or --coverage)")]
    public void Bad_options_are_usage_errors(string option, string value, string message)
    {
        var result = Cli.Run("test", Scripts, option, value);

        Assert.AreEqual(2, result.ExitCode, result.ToString());
        Assert.AreEqual(message + "\n", result.Stderr);
    }

    [TestMethod]
    public void A_missing_path_or_a_file_that_does_not_assemble_is_a_load_error()
    {
        var folder = NewFolder();
        var broken = Path.Combine(folder, "broken.stfa");
        File.WriteAllText(broken, "; expect-result: 1\n.function main()\n    FROB r1\n.end\n");
        var missing = Path.Combine(folder, "missing");

        var result = Cli.Run("test", missing, broken);

        Assert.AreEqual(2, result.ExitCode, result.ToString());
        Assert.AreEqual("", result.Stdout);
        Assert.StartsWith($"{missing}: no such file or directory\n{broken}:3:", result.Stderr);
    }

    private static string NewFolder() =>
        Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "work", Guid.NewGuid().ToString("N"))).FullName;

    private static string CopyOfSuite()
    {
        var folder = NewFolder();
        foreach (var file in Directory.GetFiles(Cli.Examples, "*.stfa").Concat(Directory.GetFiles(Scripts, "*.stfa")))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }
        return folder;
    }

    /// <summary>Replaces the line <paramref name="line"/> of a copied file; returns its 1-based number.</summary>
    private static int Break(string folder, string file, string line, string replacement)
    {
        var path = Path.Combine(folder, file);
        var number = LineOf(path, line);
        var lines = File.ReadAllLines(path);
        lines[number - 1] = replacement;
        File.WriteAllLines(path, lines);
        return number;
    }

    private static int LineOf(string path, string line) => Array.IndexOf(File.ReadAllLines(path), line) is var index and >= 0
        ? index + 1
        : throw new AssertFailedException($"{path} has no line '{line}'");

    [GeneratedRegex(@"^(?<passed>\d+) passed, (?<failed>\d+) failed, (?<skipped>\d+) skipped$")]
    private static partial Regex Summary();
}
