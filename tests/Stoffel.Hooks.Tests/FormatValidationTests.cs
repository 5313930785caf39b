using System.Diagnostics;
using Stoffel.Hooks.Coverage;
using Stoffel.Hooks.Profiling;

namespace Stoffel.Hooks.Tests;

/// <summary>
/// The exported files, checked by the formats' own consumers: the speedscope schema from the
/// speedscope npm package (tests/format-validation, installed by test.sh with npm ci) and
/// genhtml from lcov (installed by test.sh with apt-get). A missing tool fails the test under CI
/// (CI=true) and makes it inconclusive elsewhere.
/// </summary>
[TestClass]
public sealed class FormatValidationTests
{
    private static readonly string Validation = FindValidationDirectory();

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

        AssertValidSpeedscope(file);
    }

    /// <summary>Fails unless the speedscope validator accepts <paramref name="file"/>; inconclusive without node and the speedscope package (a failure under CI).</summary>
    internal static void AssertValidSpeedscope(string file)
    {
        if (!Directory.Exists(Path.Combine(Validation, "node_modules", "speedscope")))
        {
            MissingTool($"run npm ci --prefix {Validation} first");
        }
        var (code, output) = RunTool("node", Validation, Path.Combine(Validation, "validate-speedscope.js"), file);

        Assert.AreEqual(0, code, output);
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
        if (!OnPath("genhtml"))
        {
            MissingTool("genhtml (Debian package lcov) is not installed");
        }
        var vm = TestVm.LoadFromFile(TestVm.Branch, out _);
        using var coverage = CoverageCollector.Attach(vm);
        vm.Execute("main");
        var directory = TestVm.TempDirectory();
        var lcov = Path.Combine(directory, "out.lcov");
        LcovWriter.WriteFile(coverage.Report(), lcov, "branch");

        var (code, output) = RunTool("genhtml", directory, lcov, "--output-directory", Path.Combine(directory, "html"));

        Assert.AreEqual(0, code, output);
        Assert.IsTrue(File.Exists(Path.Combine(directory, "html", "index.html")), output);
        Assert.DoesNotContain("WARNING", output);
    }

    private static (int Code, string Output) RunTool(string tool, string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{tool} did not finish in 60 s");
        }
        return (process.ExitCode, $"{tool} {string.Join(' ', arguments)}\n{stdout.Result}{stderr.Result}");
    }

    private static bool OnPath(string tool) => (Environment.GetEnvironmentVariable("PATH") ?? "")
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Any(directory => File.Exists(Path.Combine(directory, tool)));

    private static string FindValidationDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "tests", "format-validation");
            if (File.Exists(Path.Combine(candidate, "validate-speedscope.js")))
            {
                return candidate;
            }
        }
        throw new DirectoryNotFoundException("tests/format-validation not found above " + AppContext.BaseDirectory);
    }

    private static void MissingTool(string message)
    {
        if (Environment.GetEnvironmentVariable("CI") == "true")
        {
            Assert.Fail($"CI must run this check: {message}");
        }
        Assert.Inconclusive(message);
    }
}
