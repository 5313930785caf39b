using System.CommandLine;
using Stoffel.Stress.Commands;

namespace Stoffel.Stress;

/// <summary>
/// The stress tool's command line (docs/reliability.md): <c>binaries</c>, <c>dap</c>,
/// <c>shared-program</c>, <c>store-kills</c>, <c>hostile</c> and <c>all</c>. Each prints a summary
/// and exits 0 when nothing failed, 1 when anything did (every failure with the seed and case
/// that replay it), 2 for a usage error.
/// </summary>
public static class StressApplication
{
    /// <summary>Exit code: every case passed.</summary>
    public const int Passed = 0;

    /// <summary>Exit code: at least one case failed.</summary>
    public const int Failed = 1;

    /// <summary>Exit code: the command line was wrong.</summary>
    public const int UsageError = 2;

    /// <summary>Parses and runs one command line; the summary goes to <paramref name="stdout"/>, progress and usage errors to <paramref name="stderr"/>.</summary>
    /// <returns>The exit code.</returns>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var root = new RootCommand("Fuzzing and stress runs against the Stoffel VM, loader, debug adapter, local store and CLI (docs/reliability.md).")
        {
            BinariesCommand.Create(stdout, stderr),
            DapCommand.Create(stdout, stderr),
            SharedProgramCommand.Create(stdout),
            StoreKillsCommand.Create(stdout),
            HostileCommand.Create(stdout),
            AllCommand.Create(stdout, stderr),
        };
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                stderr.WriteLine($"error: {error.Message}");
            }
            return UsageError;
        }
        return parsed.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr });
    }
}
