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
    [DataRow("trace")]
    [DataRow("trace with event log")]
    [DataRow("sample")]
    public void Speedscope_export_validates_against_the_schema_shipped_with_speedscope(string mode)
    {
        var options = mode switch
        {
            "trace" => new ProfilerOptions { LineHits = true },
            "trace with event log" => new ProfilerOptions { EventLimit = 10_000 },
            _ => new ProfilerOptions { Mode = ProfileMode.Sample, SampleInterval = TimeSpan.FromMilliseconds(0.5) },
        };
        var profile = Profile(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "examples", "closures.stfa")), options);
        var file = Path.Combine(TestVm.TempDirectory(), "closures.speedscope.json");
        ProfileFormats.WriteFile(profile, ProfileFormat.Speedscope, file, "closures.stfa");

        FormatValidation.AssertValidSpeedscope(file);
    }

    private static Profile Profile(string source, ProfilerOptions options)
    {
        var vm = TestVm.LoadFromFile(source, out _);
        var profiler = Profiler.Attach(vm, options);
        // Run until the sampler has had a chance to take samples too.
        var started = DateTime.UtcNow;
        do
        {
            vm.Execute("main");
        }
        while (options.Mode == ProfileMode.Sample && DateTime.UtcNow - started < TimeSpan.FromMilliseconds(50));
        return profiler.Finish();
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
