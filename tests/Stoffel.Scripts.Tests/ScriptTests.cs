using Stoffel.Testing;

namespace Stoffel.Scripts.Tests;

/// <summary>
/// Runs every test case in tests/scripts and examples/ through Stoffel.Testing, the library behind
/// <c>stoffel test</c>: one format, one runner (docs/testing.md).
/// </summary>
[TestClass]
public sealed class ScriptTests
{
    private static readonly StoffelTestSuite Suite = StoffelTestSuite.Discover(
        new[] { "scripts", "examples" }.Select(folder => Path.Combine(AppContext.BaseDirectory, folder)),
        new StoffelTestOptions { BaseDirectory = AppContext.BaseDirectory });

    public static IEnumerable<StoffelTestCase> Cases() => Suite.Cases;

    [TestMethod]
    [DynamicData(nameof(Cases))]
    public void Case_meets_its_expectations(StoffelTestCase testCase)
    {
        var result = testCase.Run();

        if (result.Outcome == TestOutcome.Skipped)
        {
            Assert.Inconclusive(result.Describe());
        }
        Assert.AreEqual(TestOutcome.Passed, result.Outcome, result.Describe());
    }
}
