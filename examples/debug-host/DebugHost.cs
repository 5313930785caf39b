using Stoffel.Debugger.Adapter;
using Stoffel.Stdlib;
using Stoffel.Vm.Formats.Assembly;
using Stoffel.Vm.Runtime;
using Stoffel.Vm.Values;

namespace Stoffel.Examples.DebugHost;

/// <summary>
/// A host application with an embedded Stoffel VM: it opens a debug port with one call
/// (<see cref="DebugServer.Listen(VirtualMachine, int, System.Net.IPAddress?, bool)"/>, recording, so
/// step back works inside the host too) and keeps running its own loop, which calls the script's
/// <c>tick</c> function. Attach from VS Code with <c>"request": "attach", "port": 4711</c>.
/// </summary>
public static class DebugHost
{
    /// <summary>Creates the host's VM with the standard library and the script loaded.</summary>
    public static VirtualMachine CreateVm(string scriptPath)
    {
        var vm = new VirtualMachine();
        StandardLibrary.Register(vm);
        vm.Load(StfaAssembler.AssembleFile(scriptPath));
        return vm;
    }

    /// <summary>Listens on <paramref name="port"/> and calls <c>tick(n)</c> every <paramref name="interval"/> until cancelled.</summary>
    /// <param name="vm">The host's VM.</param>
    /// <param name="port">Debug port (0 picks a free one).</param>
    /// <param name="interval">Time between ticks (the host's own pacing).</param>
    /// <param name="listening">Called with the port once the server listens.</param>
    /// <param name="log">Where the host reports each tick.</param>
    /// <param name="cancellation">Stops the host.</param>
    public static async Task RunAsync(VirtualMachine vm, int port, TimeSpan interval, Action<int> listening, TextWriter log, CancellationToken cancellation)
    {
        await using var server = DebugServer.Listen(vm, port, address: null, record: true);
        listening(server.Port);
        for (var tick = 1L; !cancellation.IsCancellationRequested; tick++)
        {
            // The host's own thread runs the script; while a debugger is stopped in it, this call waits.
            var result = await Task.Run(() => vm.Execute("tick", Value.FromI64(tick)), CancellationToken.None);
            log.WriteLine($"tick {tick} -> {result}");
            try
            {
                await Task.Delay(interval, cancellation);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    /// <summary>Entry point: <c>DebugHost [port] [script]</c>.</summary>
    public static async Task<int> Main(string[] args)
    {
        var port = args.Length > 0 && int.TryParse(args[0], out var p) ? p : 4711;
        var script = args.Length > 1 ? args[1] : Path.Combine(AppContext.BaseDirectory, "tick.stfa");
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        var vm = CreateVm(script);
        await RunAsync(vm, port, TimeSpan.FromSeconds(1), actual => Console.WriteLine($"debug-host: attach VS Code to port {actual} (Ctrl+C to quit)"), Console.Out, stop.Token);
        return 0;
    }
}
