using System.Diagnostics;

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

    /// <summary>Runs <paramref name="executable"/> with <paramref name="args"/>, failing the test after 60 s.</summary>
    public static CliResult RunExecutable(string executable, params string[] args) => RunExecutable(executable, args, out _);

    /// <summary>
    /// Runs <paramref name="executable"/> with <paramref name="args"/>, failing the test after
    /// 60 s, and reports its peak resident memory in KiB: the kernel's high-water mark (VmHWM in
    /// /proc, Linux only; 0 elsewhere), read every 20 ms while it runs.
    /// </summary>
    public static CliResult RunExecutable(string executable, IReadOnlyList<string> args, out long peakKilobytes)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var deadline = Stopwatch.StartNew();
        peakKilobytes = 0;
        while (!process.WaitForExit(TimeSpan.FromMilliseconds(20)))
        {
            peakKilobytes = Math.Max(peakKilobytes, HighWaterMark(process.Id));
            if (deadline.Elapsed > TimeSpan.FromSeconds(60))
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"{executable} {string.Join(' ', args)} did not finish in 60 s");
            }
        }
        return new CliResult(process.ExitCode, stdout.Result.ReplaceLineEndings("\n"), stderr.Result.ReplaceLineEndings("\n"));
    }

    private static long HighWaterMark(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0; // not Linux, or the process just exited
        }
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
    public string[] StdoutLines => Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public string LastLine => StdoutLines.LastOrDefault() ?? "";

    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
}
