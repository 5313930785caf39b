using System.CommandLine;
using Stoffel.Hooks.Coverage;
using Stoffel.Testing;
using Stoffel.Testing.Reports;

namespace Stoffel.Cli.Commands;

/// <summary>
/// <c>stoffel test [PATH]... [--jobs N] [--filter TEXT] [--reporter junit|tap|json [--output FILE]]
/// [--coverage OUT.lcov] [--max-instructions N] [--timeout SECONDS] [--list]</c>: discovers the
/// test cases under the paths (docs/testing.md), runs each in its own VM, prints one
/// <c>file:line</c> line per failing case and the summary <c>N passed, N failed, N skipped</c>.
/// Exit 0 when nothing failed, 1 when a case failed, 2 for usage and load errors. <c>--list</c>
/// prints the cases instead of running them: their names, or JSON with <c>--reporter json</c>.
/// </summary>
public static class TestCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var paths = new Argument<string[]>("PATH") { Description = "Files and directories to search for tests (default: the current directory).", Arity = ArgumentArity.ZeroOrMore };
        var jobs = new Option<long?>("--jobs", "-j") { Description = "Cases run at once (default: the number of cores).", CustomParser = NumberOptions.WholeNumber };
        var filter = new Option<string>("--filter") { Description = "Run only the cases whose name (file or file::test_name) contains this text, ignoring case." };
        var reporter = new Option<string>("--reporter") { Description = "Also write a report: junit, tap or json (to --output, else to stdout)." };
        var output = new Option<string>("--output", "-o") { Description = "The file --reporter writes." };
        var coverage = new Option<string>("--coverage") { Description = "Write LCOV coverage merged over the whole run to this file." };
        var maxInstructions = new Option<long?>("--max-instructions") { Description = "Fail a case after this many instructions.", CustomParser = NumberOptions.WholeNumber };
        var timeout = new Option<double?>("--timeout") { Description = "Fail a case after this many seconds (default 10).", CustomParser = NumberOptions.Seconds };
        var list = new Option<bool>("--list") { Description = "List the cases without running them: one name a line, or JSON with --reporter json." };
        var command = new Command("test", "Run the tests in Stoffel programs.") { paths, jobs, filter, reporter, output, coverage, maxInstructions, timeout, list };
        command.SetAction(parsed => Execute(
            new TestRequest(
                parsed.GetValue(paths) is { Length: > 0 } given ? given : ["."],
                parsed.GetValue(jobs) ?? Environment.ProcessorCount,
                parsed.GetValue(filter),
                parsed.GetValue(reporter),
                parsed.GetValue(output),
                parsed.GetValue(coverage),
                parsed.GetValue(maxInstructions),
                parsed.GetValue(timeout) ?? StoffelTestOptions.DefaultTimeout.TotalSeconds,
                parsed.GetValue(list)),
            stdout,
            stderr));
        return command;
    }

    /// <summary>Runs one request; returns the exit code.</summary>
    public static int Execute(TestRequest request, TextWriter stdout, TextWriter stderr)
    {
        StoffelTestSuite suite;
        TestReportFormat? format;
        try
        {
            format = ReportFormat(request);
            var limits = LimitOptions.Parse(request.MaxInstructions, request.TimeoutSeconds);
            if (request.Jobs is < 1 or > int.MaxValue)
            {
                throw new ArgumentException($"--jobs must be at least 1, got {request.Jobs}");
            }
            var options = new StoffelTestOptions { MaxInstructions = limits.MaxInstructions, Timeout = limits.Timeout, CollectCoverage = request.CoveragePath is not null };
            suite = StoffelTestSuite.Discover(request.Paths, options);
            if (request.Filter is { } text)
            {
                suite = suite.Filter(text);
                if (suite.Cases.Count == 0)
                {
                    throw new ArgumentException($"no test case matches --filter '{text}'");
                }
            }
        }
        catch (TestDiscoveryException e)
        {
            foreach (var error in e.Errors)
            {
                stderr.WriteLine(error);
            }
            return ExitCodes.LoadError;
        }
        catch (ArgumentException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return ExitCodes.LoadError;
        }

        if (request.List)
        {
            return List(suite, format, stdout);
        }
        var run = suite.Run((int)request.Jobs);
        // A report on stdout keeps stdout for itself: the failures and the summary then go to stderr.
        var people = format is not null && request.OutputPath is null ? stderr : stdout;
        foreach (var failed in run.Results.Where(r => r.Outcome == TestOutcome.Failed))
        {
            people.WriteLine(failed.Describe());
        }
        people.WriteLine(run.Summary);
        var written = WriteFiles(request, format, run, stdout, stderr);
        if (run.Failed > 0)
        {
            return ExitCodes.VmError;
        }
        return written ? ExitCodes.Success : ExitCodes.LoadError;
    }

    private static int List(StoffelTestSuite suite, TestReportFormat? format, TextWriter stdout)
    {
        if (format is TestReportFormat.Json)
        {
            TestReport.WriteList(suite, stdout);
            return ExitCodes.Success;
        }
        foreach (var testCase in suite.Cases)
        {
            stdout.WriteLine(testCase.SkipReason is { } reason ? $"{testCase.Name} (skipped: {reason})" : testCase.Name);
        }
        return ExitCodes.Success;
    }

    private static TestReportFormat? ReportFormat(TestRequest request)
    {
        if (request.List && (request.OutputPath is not null || request.CoveragePath is not null || request.Reporter is { } name && !name.Equals("json", StringComparison.OrdinalIgnoreCase)))
        {
            throw new ArgumentException("--list prints the cases on stdout: as names, or as JSON with --reporter json (no --output or --coverage)");
        }
        if (request.Reporter is null)
        {
            return request.OutputPath is null ? null : throw new ArgumentException("--output names the file of a --reporter; give --reporter junit, tap or json");
        }
        try
        {
            return TestReport.ParseFormat(request.Reporter);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"--reporter: {e.Message}");
        }
    }

    /// <summary>Writes the report and the coverage; false when a file could not be written (the reason is on stderr).</summary>
    private static bool WriteFiles(TestRequest request, TestReportFormat? format, TestRunResult run, TextWriter stdout, TextWriter stderr)
    {
        try
        {
            if (format is { } reportFormat)
            {
                if (request.OutputPath is { } path)
                {
                    TestReport.WriteFile(run, reportFormat, path);
                }
                else
                {
                    TestReport.Write(run, reportFormat, stdout);
                }
            }
            if (request.CoveragePath is { } coveragePath)
            {
                LcovWriter.WriteFile(run.Coverage ?? new CoverageReport([]), coveragePath, "stoffel_test");
            }
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"error: {e.Message}");
            return false;
        }
    }
}

/// <summary>What <c>stoffel test</c> was asked to do.</summary>
/// <param name="Paths">Files and directories to search.</param>
/// <param name="Jobs">Cases run at once.</param>
/// <param name="Filter">Text a case name must contain, or null.</param>
/// <param name="Reporter"><c>junit</c>, <c>tap</c> or <c>json</c>, or null.</param>
/// <param name="OutputPath">The report file, or null for stdout.</param>
/// <param name="CoveragePath">Where merged LCOV goes, or null.</param>
/// <param name="MaxInstructions">Instruction budget per case, or null.</param>
/// <param name="TimeoutSeconds">Timeout per case in seconds, or null.</param>
/// <param name="List">List the cases instead of running them.</param>
public sealed record TestRequest(
    IReadOnlyList<string> Paths,
    long Jobs,
    string? Filter,
    string? Reporter,
    string? OutputPath,
    string? CoveragePath,
    long? MaxInstructions,
    double? TimeoutSeconds,
    bool List = false);
