using System.Net;
using System.Net.Sockets;
using Stoffel.Vm.Runtime;

namespace Stoffel.Debugger.Adapter;

/// <summary>
/// A DAP server on a TCP port (loopback by default). <see cref="Listen"/> lets VS Code attach to a
/// VM inside a host application (<c>"request": "attach", "port": N</c>): the host keeps running
/// its own code, breakpoints stop the scripts it runs, and a disconnect removes every hook.
/// <see cref="ListenForLaunch"/> serves launch sessions (<c>stoffel dap --port N</c>).
/// Dispose to stop listening and end the current sessions.
/// </summary>
/// <example>
/// <code>
/// var vm = new VirtualMachine();
/// StandardLibrary.Register(vm);
/// vm.Load(StfaAssembler.AssembleFile("scripts/tick.stfa"));
/// await using var server = DebugServer.Listen(vm, 4711);
/// while (running) { vm.Execute("tick"); }   // breakpoints stop here while VS Code is attached
/// </code>
/// </example>
public sealed class DebugServer : IAsyncDisposable, IDisposable
{
    private readonly TcpListener _listener;
    private readonly VirtualMachine? _hostVm;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _acceptLoop;

    private DebugServer(VirtualMachine? hostVm, int port, IPAddress? address)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, IPEndPoint.MaxPort);
        _hostVm = hostVm;
        _listener = new TcpListener(address ?? IPAddress.Loopback, port);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    /// <summary>The port listened on (the assigned one when 0 was asked for).</summary>
    public int Port { get; }

    /// <summary>Completes when the server has stopped.</summary>
    public Task Completion => _acceptLoop;

    /// <summary>Serves attach sessions for <paramref name="vm"/>, one client at a time.</summary>
    /// <param name="vm">The host's VM.</param>
    /// <param name="port">TCP port; 0 picks a free one (see <see cref="Port"/>).</param>
    /// <param name="address">Address to bind; loopback when null.</param>
    /// <exception cref="SocketException">The port is taken.</exception>
    public static DebugServer Listen(VirtualMachine vm, int port, IPAddress? address = null)
    {
        ArgumentNullException.ThrowIfNull(vm);
        return new DebugServer(vm, port, address);
    }

    /// <summary>Serves launch sessions (each client launches its own program).</summary>
    /// <param name="port">TCP port; 0 picks a free one.</param>
    /// <param name="address">Address to bind; loopback when null.</param>
    /// <exception cref="SocketException">The port is taken.</exception>
    public static DebugServer ListenForLaunch(int port, IPAddress? address = null) => new(null, port, address);

    /// <summary>Stops listening and ends the sessions (detaching from a host's VM).</summary>
    public async ValueTask DisposeAsync()
    {
        _stopping.Cancel();
        _listener.Stop();
        try
        {
            await _acceptLoop.WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
        }
        _stopping.Dispose();
    }

    /// <summary>Stops listening and ends the sessions.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private async Task AcceptLoopAsync()
    {
        var sessions = new List<Task>();
        try
        {
            while (!_stopping.IsCancellationRequested)
            {
                TcpClient client;
                try
                {
                    client = await _listener.AcceptTcpClientAsync(_stopping.Token).ConfigureAwait(false);
                }
                catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
                {
                    break;
                }
                var session = ServeAsync(client);
                if (_hostVm is not null)
                {
                    await session.ConfigureAwait(false); // one debugger per host VM at a time
                }
                else
                {
                    sessions.RemoveAll(t => t.IsCompleted);
                    sessions.Add(session);
                }
            }
        }
        finally
        {
            await Task.WhenAll(sessions).ConfigureAwait(false);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                client.NoDelay = true;
                var stream = client.GetStream();
                await new DebugAdapter(stream, stream, _hostVm).RunAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
            {
                // The client went away; the adapter already ended its session.
            }
        }
    }
}
