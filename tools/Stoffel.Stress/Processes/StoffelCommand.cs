using System.Diagnostics;

namespace Stoffel.Stress.Processes;

/// <summary>
/// How to start the <c>stoffel</c> CLI as a child process: a native executable (the Native AOT
/// build of README "Install"), or the framework-dependent <c>stoffel.dll</c> run with
/// <c>dotnet</c>. <see cref="Locate"/> takes, in order: the path given (the tool's
/// <c>--stoffel</c> option), the <c>STOFFEL_NATIVE</c> environment variable (as test.sh sets it
/// for the native tests), and the <c>stoffel.dll</c> built next to this tool.
/// </summary>
public sealed class StoffelCommand
{
    /// <summary>The environment variable naming a native <c>stoffel</c>.</summary>
    public const string EnvironmentVariable = "STOFFEL_NATIVE";

    private StoffelCommand(string fileName, IReadOnlyList<string> leadingArguments)
    {
        FileName = fileName;
        LeadingArguments = leadingArguments;
    }

    /// <summary>The executable started: the native <c>stoffel</c>, or <c>dotnet</c>.</summary>
    public string FileName { get; }

    /// <summary>Arguments before the CLI's own: the path of <c>stoffel.dll</c> when run with <c>dotnet</c>, else none.</summary>
    public IReadOnlyList<string> LeadingArguments { get; }

    /// <summary>
    /// The CLI at <paramref name="path"/> (a <c>.dll</c> runs with <c>dotnet</c>), else the one
    /// <see cref="EnvironmentVariable"/> names, else <c>stoffel.dll</c> next to this tool.
    /// </summary>
    public static StoffelCommand Locate(string? path = null)
    {
        var chosen = !string.IsNullOrEmpty(path) ? path
            : Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } native ? native
            : Path.Combine(AppContext.BaseDirectory, "stoffel.dll");
        var full = Path.GetFullPath(chosen);
        return full.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)
            ? new StoffelCommand("dotnet", [full])
            : new StoffelCommand(full, []);
    }

    /// <summary>A start description for <c>stoffel ARGUMENTS</c>.</summary>
    public ProcessStartInfo Start(params IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(FileName) { UseShellExecute = false };
        foreach (var argument in LeadingArguments.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }
        return start;
    }

    /// <summary>The command line of <c>stoffel</c>, as a shell would show it.</summary>
    public override string ToString() => string.Join(' ', [FileName, .. LeadingArguments]);
}
