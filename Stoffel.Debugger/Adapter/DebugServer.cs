using System.Net;
using System.Net.Sockets;
using Stoffel.Vm.Runtime;

namespace Stoffel.Debugger.Adapter;

/// <summary>
/// A DAP server on a TCP port (loopback by default). <see cref="Listen(VirtualMachine, int, IPAddress?)"/> lets VS Code attach to a
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
    private readonly LaunchVmFactory? _createVm;
    private readonly bool _record;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _acceptLoop;
    private Task? _attached;

    /// <summary>How long a refused second client may take to send its first request.</summary>
    private static readonly TimeSpan RefusalTimeout = TimeSpan.FromSeconds(10);

    private DebugServer(LaunchVmFactory? createVm, VirtualMachine? hostVm, int port, IPAddress? address, bool record = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, IPEndPoint.MaxPort);
        _hostVm = hostVm;
        _createVm = createVm;
        _record = record;
        _listener = new TcpListener(address ?? IPAddress.Loopback, port);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    /// <summary>The port listened on (the assigned one when 0 was asked for).</summary>
    public int Port { get; }

    /// <summary>Completes when the server has stopped.</summary>
    public Task Completion => _acceptLoop;

    /// <summary>Serves attach sessions for <paramref name="vm"/>, one client at a time: while one is connected, another gets an error response to its first request and is disconnected.</summary>
    /// <param name="vm">The host's VM.</param>
    /// <param name="port">TCP port; 0 picks a free one (see <see cref="Port"/>).</param>
    /// <param name="address">Address to bind; loopback when null.</param>
    /// <exception cref="SocketException">The port is taken.</exception>
    public static DebugServer Listen(VirtualMachine vm, int port, IPAddress? address = null) => Listen(vm, port, address, record: false);

    /// <summary>
    /// Serves attach sessions for <paramref name="vm"/> as <see cref="Listen(VirtualMachine, int, IPAddress?)"/>;
    /// with <paramref name="record"/>, each session records the host's runs (an execution recording
    /// attached while a client is connected) so step back, reverse continue and restart frame work.
    /// An attach request's <c>record</c> attribute overrides it.
    /// </summary>
    /// <param name="vm">The host's VM.</param>
    /// <param name="port">TCP port; 0 picks a free one (see <see cref="Port"/>).</param>
    /// <param name="address">Address to bind; loopback when null.</param>
    /// <param name="record">Whether sessions record by default.</param>
    /// <exception cref="SocketException">The port is taken.</exception>
    public static DebugServer Listen(VirtualMachine vm, int port, IPAddress? address, bool record)
    {
        ArgumentNullException.ThrowIfNull(vm);
        return new DebugServer(null, vm, port, address, record);
    }

    /// <summary>Serves launch sessions (each client launches its own program on VMs from <paramref name="createVm"/>).</summary>
    /// <param name="createVm">The host's way to make a VM for a launch.</param>
    /// <param name="port">TCP port; 0 picks a free one.</param>
    /// <param name="address">Address to bind; loopback when null.</param>
    /// <exception cref="SocketException">The port is taken.</exception>
    public static DebugServer ListenForLaunch(LaunchVmFactory createVm, int port, IPAddress? address = null)
    {
        ArgumentNullException.ThrowIfNull(createVm);
        return new DebugServer(createVm, null, port, address);
    }

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
                sessions.RemoveAll(t => t.IsCompleted);
                if (_hostVm is not null && _attached is { IsCompleted: false })
                {
                    // One debugger per host VM at a time: a second client is told so, not left waiting.
                    sessions.Add(RefuseAsync(client));
                    continue;
                }
                var session = ServeAsync(client);
                if (_hostVm is not null)
                {
                    _attached = session;
                }
                sessions.Add(session);
            }
        }
        finally
        {
            await Task.WhenAll(sessions).ConfigureAwait(false);
        }
    }

    private async Task RefuseAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
                timeout.CancelAfter(RefusalTimeout);
                await ClientRefusal.RefuseAsync(client.GetStream(), "this VM is already being debugged by another client; disconnect it first", timeout.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
            {
                // The refused client went away or never asked.
            }
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
                var adapter = _hostVm is not null ? new DebugAdapter(stream, stream, _hostVm, _record) : new DebugAdapter(stream, stream, _createVm!);
                await adapter.RunAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
            {
                // The client went away; the adapter already ended its session.
            }
        }
    }
}
