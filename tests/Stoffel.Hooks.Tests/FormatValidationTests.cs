using Stoffel.Hooks.Coverage;
using Stoffel.Hooks.Profiling;
using Stoffel.Tests.Shared;

namespace Stoffel.Hooks.Tests;

/// <summary>
/// The exported files, checked by the formats' own consumers (<see cref="ExternalTools"/>): the
/// speedscope schema from the speedscope npm package and genhtml from lcov.
/// </summary>
[TestClass]
public sealed class FormatValidationTests
{
    [TestMethod]
    public void Speedscope_export_validates_against_the_schema_shipped_with_speedscope()
    {
        ExternalTools.RequireNpmPackage("speedscope");
        var vm = TestVm.LoadFromFile(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "examples", "closures.stfa")), out _);
        var profiler = Profiler.Attach(vm, new ProfilerOptions { CountInstructions = true });
        vm.Execute("main");
        var file = Path.Combine(TestVm.TempDirectory(), "closures.speedscope.json");
        ProfileFormats.WriteFile(profiler.Finish(), ProfileFormat.Speedscope, file, "closures.stfa");

        var validation = ExternalTools.Run("node", ExternalTools.Validation, Path.Combine(ExternalTools.Validation, "validate-speedscope.js"), file);

        Assert.AreEqual(0, validation.ExitCode, validation.Output);
    }

    [TestMethod]
    public void Genhtml_renders_the_lcov_export_of_a_source_file_and_of_a_binary()
    {
        ExternalTools.RequireOnPath("genhtml", "lcov");
        var vm = TestVm.LoadFromFile(TestVm.Branch, out _);
        using var coverage = CoverageCollector.Attach(vm);
        vm.Execute("main");
        var directory = TestVm.TempDirectory();
        var lcov = Path.Combine(directory, "out.lcov");
        LcovWriter.WriteFile(coverage.Report(), lcov, "branch");

        var genhtml = ExternalTools.Run("genhtml", directory, lcov, "--output-directory", Path.Combine(directory, "html"));

        Assert.AreEqual(0, genhtml.ExitCode, genhtml.Output);
        Assert.IsTrue(File.Exists(Path.Combine(directory, "html", "index.html")), genhtml.Output);
        Assert.DoesNotContain("WARNING", genhtml.Output);
    }
}
