using System.CommandLine;
using Stoffel.Cli.Commands;

namespace Stoffel.Cli;

/// <summary>
/// The <c>stoffel</c> command line (README.md "Quick start"): <c>run</c>, <c>test</c>, <c>asm</c>,
/// <c>disasm</c>, <c>dap</c> and <c>lsp</c>.
/// Usage errors exit with <see cref="ExitCodes.LoadError"/>; no .NET stack trace is ever printed.
/// </summary>
public static class CliApplication
{
    /// <summary>Parses and runs one command line.</summary>
    /// <param name="args">The arguments after the program name.</param>
    /// <param name="stdout">Where the program's output and result go.</param>
    /// <param name="stderr">Where errors go.</param>
    /// <returns>The exit code.</returns>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var root = new RootCommand("Stoffel for .NET: run, test, assemble and disassemble Stoffel programs.")
        {
            RunCommand.Create(stdout, stderr),
            AsmCommand.Create(stdout, stderr),
            DisasmCommand.Create(stdout, stderr),
            DapCommand.Create(stdout, stderr),
            TestCommand.Create(stdout, stderr),
            LspCommand.Create(),
        };
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                stderr.WriteLine($"error: {error.Message}");
            }
            stderr.WriteLine("Run 'stoffel --help' for usage.");
            return ExitCodes.LoadError;
        }
        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            stderr.WriteLine($"internal error: {e.Message}");
            return ExitCodes.VmError;
        }
    }
}
