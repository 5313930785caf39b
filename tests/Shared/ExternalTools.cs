using System.Diagnostics;

namespace Stoffel.Tests.Shared;

/// <summary>
/// The consumers that check exported files (tests/format-validation, installed by test.sh with
/// npm ci; genhtml from the Debian package lcov). A missing tool fails the test under CI
/// (CI=true) and makes it inconclusive elsewhere.
/// </summary>
internal static class ExternalTools
{
    /// <summary>tests/format-validation, found above the test's output directory.</summary>
    public static string Validation { get; } = FindValidationDirectory();

    /// <summary>Runs <paramref name="tool"/>, failing the test after 60 s.</summary>
    /// <returns>The exit code, and the command line followed by its stdout and stderr.</returns>
    public static (int Code, string Output) Run(string tool, string workingDirectory, params string[] arguments)
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

    /// <summary>Stops the test unless the npm package <paramref name="package"/> is installed in tests/format-validation.</summary>
    public static void RequireNpmPackage(string package)
    {
        if (!Directory.Exists(Path.Combine(Validation, "node_modules", package)))
        {
            Missing($"run npm ci --prefix {Validation} first");
        }
    }

    /// <summary>Stops the test unless <paramref name="tool"/> is on the PATH.</summary>
    public static void RequireOnPath(string tool, string package)
    {
        var found = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(directory => File.Exists(Path.Combine(directory, tool)));
        if (!found)
        {
            Missing($"{tool} (Debian package {package}) is not installed");
        }
    }

    private static string FindValidationDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "tests", "format-validation");
            if (File.Exists(Path.Combine(candidate, "package.json")))
            {
                return candidate;
            }
        }
        throw new DirectoryNotFoundException("tests/format-validation not found above " + AppContext.BaseDirectory);
    }

    private static void Missing(string message)
    {
        if (Environment.GetEnvironmentVariable("CI") == "true")
        {
            Assert.Fail($"CI must run this check: {message}");
        }
        Assert.Inconclusive(message);
    }
}
