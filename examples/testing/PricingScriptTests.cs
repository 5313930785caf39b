using Microsoft.VisualStudio.TestTools.UnitTesting;
using Stoffel.Testing;
using Stoffel.Vm.Runtime;

namespace Stoffel.Example.Testing;

/// <summary>
/// Every test case in scripts/ (a script's expectations, each test_* function) as one MSTest row,
/// run in a fresh VM that has the stdlib and the host's own <c>vat</c> function.
/// </summary>
[TestClass]
public sealed class PricingScriptTests
{
    private static readonly StoffelTestSuite Suite = StoffelTestSuite.Discover(
        Path.Combine(AppContext.BaseDirectory, "scripts"),
        new StoffelTestOptions
        {
            BaseDirectory = AppContext.BaseDirectory,
            MaxInstructions = 1_000_000,
            ConfigureVm = vm => vm.RegisterFunction("vat", (long cents) => cents * 21 / 100),
        });

    /// <summary>The rows: one per case, shown by its name (<c>scripts/pricing.stfa::test_vat_is_added</c>).</summary>
    public static IEnumerable<StoffelTestCase> Cases() => Suite.Cases;

    /// <summary>Runs one case; a failure shows <c>file:line: name: expected …, got …</c>.</summary>
    [TestMethod]
    [DynamicData(nameof(Cases))]
    public void Script_case_passes(StoffelTestCase testCase)
    {
        var result = testCase.Run();

        if (result.Outcome == TestOutcome.Skipped)
        {
            Assert.Inconclusive(result.Describe());
        }
        Assert.AreEqual(TestOutcome.Passed, result.Outcome, result.Describe());
    }
}
