using System.Diagnostics;

namespace Stoffel.Tests.Shared;

/// <summary>
/// Checks exported files with the formats' own consumers: the speedscope schema from the
/// speedscope npm package (tests/format-validation, installed by test.sh with npm ci) and
/// genhtml from lcov (installed by test.sh with apt-get). A missing tool fails the test under CI
/// (CI=true) and makes it inconclusive elsewhere.
/// </summary>
internal static class FormatValidation
{
    private static readonly string Validation = FindValidationDirectory();

    /// <summary>Fails unless tests/format-validation/validate-speedscope.js accepts <paramref name="file"/>.</summary>
    public static void AssertValidSpeedscope(string file)
    {
        if (!Directory.Exists(Path.Combine(Validation, "node_modules", "speedscope")))
        {
            MissingTool($"run npm ci --prefix {Validation} first");
        }
        var (code, output) = RunTool("node", Validation, Path.Combine(Validation, "validate-speedscope.js"), file);

        Assert.AreEqual(0, code, output);
    }

    /// <summary>Runs <paramref name="tool"/> in <paramref name="workingDirectory"/>, failing the test after 60 s; returns its exit code and the command line with its output.</summary>
    public static (int Code, string Output) RunTool(string tool, string workingDirectory, params string[] arguments)
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

    /// <summary>True when <paramref name="tool"/> is on the PATH.</summary>
    public static bool OnPath(string tool) => (Environment.GetEnvironmentVariable("PATH") ?? "")
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Any(directory => File.Exists(Path.Combine(directory, tool)));

    /// <summary>Fails under CI, else makes the test inconclusive.</summary>
    public static void MissingTool(string message)
    {
        if (Environment.GetEnvironmentVariable("CI") == "true")
        {
            Assert.Fail($"CI must run this check: {message}");
        }
        Assert.Inconclusive(message);
    }

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
}
