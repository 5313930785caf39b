using Stoffel.Tests.Shared;

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
    public static CliResult RunExecutable(string executable, params string[] args)
    {
        var run = ExternalTools.Run(executable, null, args);
        return new CliResult(run.ExitCode, run.Stdout, run.Stderr);
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
