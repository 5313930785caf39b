using System.Text.RegularExpressions;

namespace Stoffel.Testing.Tests;

/// <summary>The project's own script suite (examples/ and tests/scripts/) through the library.</summary>
[TestClass]
public sealed partial class ProjectSuiteTests
{
    [TestMethod]
    public void The_project_suite_passes_with_one_case_per_stated_script_and_test_function()
    {
        var files = new[] { "examples", "scripts" }
            .SelectMany(folder => Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, folder), "*.stfa"))
            .Select(File.ReadAllText)
            .ToArray();
        var expectedCases = files.Count(text => Expectation().IsMatch(text)) + files.Sum(text => TestFunction().Count(text));
        var expectedSkipped = files.Sum(text => Skip().Count(text));

        var run = StoffelTestSuite.Discover(["examples", "scripts"], new StoffelTestOptions { BaseDirectory = AppContext.BaseDirectory })
            .Run(Environment.ProcessorCount);

        Assert.AreEqual($"{expectedCases - expectedSkipped} passed, 0 failed, {expectedSkipped} skipped", run.Summary,
            string.Join("\n", run.Results.Where(r => r.Outcome == TestOutcome.Failed).Select(r => r.Describe())));
        Assert.IsGreaterThan(0, expectedSkipped);
    }

    [GeneratedRegex(@"^\s*; (expect-[a-z-]+|entry|args): ", RegexOptions.Multiline)]
    private static partial Regex Expectation();

    [GeneratedRegex(@"^\.function test_", RegexOptions.Multiline)]
    private static partial Regex TestFunction();

    [GeneratedRegex(@"^\s*; skip: ", RegexOptions.Multiline)]
    private static partial Regex Skip();
}
