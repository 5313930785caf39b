using System.CommandLine;
using Stoffel.LanguageServer;

namespace Stoffel.Cli.Commands;

/// <summary>
/// <c>stoffel lsp [--stdio]</c>: the language server for <c>.stfa</c> files, speaking the
/// Language Server Protocol on stdin/stdout (<c>--stdio</c>, which language clients pass, is the
/// only transport and may be left out).
/// </summary>
public static class LspCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var stdio = new Option<bool>("--stdio") { Description = "Speak LSP on stdin/stdout (the default and only transport)." };
        var command = new Command("lsp", "Run the language server (Language Server Protocol) for .stfa files.") { stdio };
        command.SetAction(_ => Run());
        return command;
    }

    private static int Run()
    {
        // The protocol owns stdout: anything else written to the console goes to stderr.
        using var input = Console.OpenStandardInput();
        using var output = Console.OpenStandardOutput();
        Console.SetOut(Console.Error);
        StoffelLanguageServer.RunAsync(input, output).GetAwaiter().GetResult();
        return ExitCodes.Success;
    }
}
