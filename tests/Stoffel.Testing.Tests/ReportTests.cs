using System.Text.Json;
using Stoffel.Testing.Reports;
using Stoffel.Tests.Shared;

namespace Stoffel.Testing.Tests;

[TestClass]
public sealed class ReportTests
{
    private const string Mixed = """
        .function test_pass()
            LDI r1, "said # hello"
            PUSHARG r1
            CALL print
        .end

        .function test_fail()
            LDI r1, false
            PUSHARG r1
            LDI r1, "must <hold> & \"quote\""
            PUSHARG r1
            CALL assert
        .end

        .function test_skip()
            ; skip: later
        .end
        """;

    [TestMethod]
    public void Junit_report_is_read_back_by_test_results_parser_with_the_run_counts_and_failures()
    {
        ExternalTools.RequireNpmPackage("test-results-parser");
        var (folder, run) = RunMixed();
        var report = Path.Combine(folder.Path, "report.xml");
        TestReport.WriteFile(run, TestReportFormat.JUnit, report);

        var reader = ExternalTools.Run("node", ExternalTools.Validation, Path.Combine(ExternalTools.Validation, "read-junit.js"), report);

        Assert.AreEqual(0, reader.ExitCode, reader.Output);
        using var read = JsonDocument.Parse(reader.Stdout);
        var root = read.RootElement;
        Assert.AreEqual((run.Passed, run.Failed, run.Skipped), (root.GetProperty("passed").GetInt32(), root.GetProperty("failed").GetInt32(), root.GetProperty("skipped").GetInt32()));
        var suite = root.GetProperty("suites").EnumerateArray().Single();
        Assert.AreEqual("mixed.stfa", suite.GetProperty("name").GetString());
        var cases = suite.GetProperty("cases").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => (c.GetProperty("status").GetString(), c.GetProperty("failure").GetString()));
        Assert.AreEqual(("PASS", ""), cases["test_pass"]);
        Assert.AreEqual(("FAIL", "must <hold> & \"quote\""), cases["test_fail"]);
        Assert.AreEqual("SKIP", cases["test_skip"].Item1);
    }

    [TestMethod]
    public void Tap_report_has_the_plan_a_line_per_case_and_yaml_diagnostics_for_a_failure()
    {
        var (_, run) = RunMixed();
        var text = new StringWriter();

        TestReport.Write(run, TestReportFormat.Tap, text);

        CollectionAssert.AreEqual(
            new[]
            {
                "TAP version 14",
                "1..3",
                "ok 1 - mixed.stfa::test_pass",
                "not ok 2 - mixed.stfa::test_fail",
                "  ---",
                "  message: \"must \\u003Chold\\u003E \\u0026 \\u0022quote\\u0022\"",
                "  at: \"mixed.stfa:12\"",
                "  actual: \"must \\u003Chold\\u003E \\u0026 \\u0022quote\\u0022\"",
                "  ...",
                "ok 3 - mixed.stfa::test_skip # SKIP later",
                "# 1 passed, 1 failed, 1 skipped",
            },
            text.ToString().TrimEnd('\n').Split('\n'));
    }

    [TestMethod]
    public void Json_report_holds_the_summary_and_every_case()
    {
        var (_, run) = RunMixed();
        var text = new StringWriter();

        TestReport.Write(run, TestReportFormat.Json, text);

        using var json = JsonDocument.Parse(text.ToString());
        var summary = json.RootElement.GetProperty("summary");
        Assert.AreEqual((1, 1, 1), (summary.GetProperty("passed").GetInt32(), summary.GetProperty("failed").GetInt32(), summary.GetProperty("skipped").GetInt32()));
        var cases = json.RootElement.GetProperty("cases").EnumerateArray().ToArray();
        CollectionAssert.AreEqual(new[] { "passed", "failed", "skipped" }, cases.Select(c => c.GetProperty("outcome").GetString()).ToArray());
        Assert.AreEqual("said # hello\n", cases[0].GetProperty("output").GetString());
        Assert.AreEqual("mixed.stfa:12", cases[1].GetProperty("failure").GetProperty("at").GetString());
        Assert.AreEqual(7, cases[1].GetProperty("line").GetInt32());
        Assert.AreEqual("later", cases[2].GetProperty("skipReason").GetString());
    }

    [TestMethod]
    public void The_json_list_gives_each_case_what_an_editor_needs_to_show_run_and_debug_it()
    {
        var folder = new TestFolder();
        var path = folder.Write("sum.stfa", "; args: 20 \"two\"\n; entry: sum\n; expect-result: 22\n.function sum(a, b)\n.end\n.function test_it()\n.end\n");
        var text = new StringWriter();

        TestReport.WriteList(folder.Discover(), text);

        using var json = JsonDocument.Parse(text.ToString());
        var cases = json.RootElement.GetProperty("cases").EnumerateArray().ToArray();
        Assert.HasCount(2, cases);
        Assert.AreEqual(("sum.stfa", path, 4, "script", "sum"), (cases[0].GetProperty("name").GetString(), cases[0].GetProperty("path").GetString(), cases[0].GetProperty("line").GetInt32(), cases[0].GetProperty("kind").GetString(), cases[0].GetProperty("entry").GetString()));
        CollectionAssert.AreEqual(new[] { "20", "\"two\"" }, cases[0].GetProperty("args").EnumerateArray().Select(a => a.GetString()).ToArray());
        Assert.AreEqual(("sum.stfa::test_it", "function", "test_it", "test_it"), (cases[1].GetProperty("name").GetString(), cases[1].GetProperty("kind").GetString(), cases[1].GetProperty("function").GetString(), cases[1].GetProperty("entry").GetString()));
        Assert.IsFalse(cases[1].TryGetProperty("outcome", out _), "a list runs nothing");
    }

    [TestMethod]
    public void Report_format_names_parse_in_any_case_and_others_are_rejected()
    {
        Assert.AreEqual(TestReportFormat.JUnit, TestReport.ParseFormat("JUnit"));
        Assert.AreEqual(TestReportFormat.Tap, TestReport.ParseFormat("tap"));
        Assert.AreEqual(TestReportFormat.Json, TestReport.ParseFormat("JSON"));
        var error = Assert.ThrowsExactly<ArgumentException>(() => TestReport.ParseFormat("xml"));
        Assert.AreEqual("unknown report format 'xml' (known: junit, tap, json)", error.Message);
    }

    private static (TestFolder Folder, TestRunResult Run) RunMixed()
    {
        var folder = new TestFolder();
        folder.Write("mixed.stfa", Mixed);
        return (folder, folder.Discover().Run(jobs: 2));
    }
}
