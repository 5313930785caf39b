using System.CommandLine;
using System.Net.Sockets;
using Stoffel.Debugger.Adapter;

namespace Stoffel.Cli.Commands;

/// <summary>
/// <c>stoffel dap [--port N]</c>: the Debug Adapter Protocol server. Speaks DAP on stdin/stdout by
/// default (what VS Code starts); with <c>--port</c> it listens on loopback TCP instead, which is
/// how one debugs the adapter itself.
/// </summary>
public static class DapCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var port = new Option<int?>("--port") { Description = "Listen on this loopback TCP port instead of stdio (0 picks one)." };
        var command = new Command("dap", "Run the debug adapter (Debug Adapter Protocol) for VS Code.") { port };
        command.SetAction(parsed => Run(parsed.GetValue(port), stderr));
        return command;
    }

    private static int Run(int? port, TextWriter stderr)
    {
        if (port is { } number)
        {
            if (number is < 0 or > 65535)
            {
                stderr.WriteLine($"error: --port must be between 0 and 65535, got {number}");
                return ExitCodes.LoadError;
            }
            try
            {
                using var server = DebugServer.ListenForLaunch(RunVm.ForLaunch, number);
                stderr.WriteLine($"stoffel dap: listening on 127.0.0.1:{server.Port}");
                server.Completion.GetAwaiter().GetResult();
                return ExitCodes.Success;
            }
            catch (SocketException e)
            {
                stderr.WriteLine($"error: cannot listen on port {number}: {e.Message}");
                return ExitCodes.LoadError;
            }
        }
        // The protocol owns stdout: anything else written to the console goes to stderr.
        using var input = Console.OpenStandardInput();
        using var output = Console.OpenStandardOutput();
        Console.SetOut(Console.Error);
        new DebugAdapter(input, output, RunVm.ForLaunch).RunAsync().GetAwaiter().GetResult();
        return ExitCodes.Success;
    }
}
