using System.Diagnostics;

namespace Stoffel.Tests.Shared;

/// <summary>
/// Runs programs as their own processes: the CLI and the sample host the way users run them, and
/// the consumers that check exported files (tests/format-validation, installed by test.sh with
/// npm ci; genhtml from the Debian package lcov). A missing consumer fails the test under CI
/// (CI=true) and makes it inconclusive elsewhere.
/// </summary>
internal static class ExternalTools
{
    /// <summary>tests/format-validation, found above the test's output directory.</summary>
    public static string Validation { get; } = FindValidationDirectory();

    /// <summary>Runs <paramref name="tool"/> as its own process, failing the test after 60 s.</summary>
    /// <param name="tool">The executable (looked up on the PATH).</param>
    /// <param name="workingDirectory">Where it runs; null for the test's current directory.</param>
    /// <param name="arguments">Its arguments, passed as they are.</param>
    public static ToolRun Run(string tool, string? workingDirectory, params string[] arguments) =>
        Run(Start(tool, workingDirectory, arguments), TimeSpan.FromSeconds(60));

    /// <summary>A start description for <see cref="Run(ProcessStartInfo, TimeSpan)"/>, to add environment variables to.</summary>
    public static ProcessStartInfo Start(string tool, string? workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory ?? "" };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        return start;
    }

    /// <summary>Runs <paramref name="start"/> (with redirected output), failing the test after <paramref name="timeout"/>.</summary>
    public static ToolRun Run(ProcessStartInfo start, TimeSpan timeout)
    {
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var commandLine = $"{start.FileName} {string.Join(' ', start.ArgumentList)}";
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{commandLine} did not finish in {timeout.TotalSeconds:0} s");
        }
        return new ToolRun(commandLine, process.ExitCode, stdout.Result.ReplaceLineEndings("\n"), stderr.Result.ReplaceLineEndings("\n"));
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

/// <summary>How a process run by <see cref="ExternalTools.Run"/> ended.</summary>
internal sealed record ToolRun(string CommandLine, int ExitCode, string Stdout, string Stderr)
{
    /// <summary>The command line, then stdout and stderr: the message of a failed check.</summary>
    public string Output => $"{CommandLine}\n{Stdout}{Stderr}";
}
