using System.Diagnostics;
using Stoffel.Stress.Processes;

namespace Stoffel.Cli.Tests;

/// <summary>Runs the CLI in-process, or as a real <c>stoffel</c> process the way a user does.</summary>
internal static class Cli
{
    public static string Examples => Path.Combine(AppContext.BaseDirectory, "examples");

    public static string Conformance => Path.Combine(AppContext.BaseDirectory, "conformance");

    public static CliResult Run(params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var code = CliApplication.Run(args, stdout, stderr);
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Runs the framework-dependent build next to the tests: <c>dotnet stoffel.dll ARGS</c>.</summary>
    public static CliResult RunProcess(params string[] args) =>
        RunExecutable("dotnet", [Path.Combine(AppContext.BaseDirectory, "stoffel.dll"), .. args]);

    /// <summary>
    /// Runs <paramref name="executable"/> with <paramref name="args"/>, failing the test after 60 s.
    /// The result carries the wall time and, on Linux, the process's peak resident set (VmHWM,
    /// read from /proc while it runs: the stress tool's <see cref="ChildProcess"/>).
    /// </summary>
    public static CliResult RunExecutable(string executable, params string[] args)
    {
        var start = new ProcessStartInfo(executable);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        var run = ChildProcess.Run(start, TimeSpan.FromSeconds(60));
        if (run.TimedOut)
        {
            Assert.Fail($"{executable} {string.Join(' ', args)} did not finish in 60 s");
        }
        return new CliResult(run.ExitCode, run.Stdout, run.Stderr)
        {
            Elapsed = run.Elapsed,
            PeakResidentBytes = run.PeakResidentBytes,
        };
    }

    public static string TempFile(string name, byte[] content)
    {
        var directory = Directory.CreateTempSubdirectory("stoffel-cli-");
        var path = Path.Combine(directory.FullName, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    public static string TempFile(string name, string content) => TempFile(name, System.Text.Encoding.UTF8.GetBytes(content));
}

internal sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Wall time of a process run (zero for an in-process run).</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>Peak resident set of a process run in bytes, sampled every 20 ms (zero in-process or off Linux).</summary>
    public long PeakResidentBytes { get; init; }

    public string[] StdoutLines => Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public string LastLine => StdoutLines.LastOrDefault() ?? "";

    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";

    // What a run did is its exit code and output; how long it took and how much memory it used
    // are measurements, so a process run equals the in-process run of the same command.
    public bool Equals(CliResult? other) => other is not null && (ExitCode, Stdout, Stderr) == (other.ExitCode, other.Stdout, other.Stderr);

    public override int GetHashCode() => HashCode.Combine(ExitCode, Stdout, Stderr);
}
