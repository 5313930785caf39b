using System.IO.Pipelines;
using Stoffel.Debugger.Adapter;

namespace Stoffel.Stress.Dap;

/// <summary>
/// A launch-mode <see cref="DebugAdapter"/> serving one session in this process, over in-memory
/// pipes, with a <see cref="DapWire"/> as its client: what <c>stoffel dap</c> runs, without the
/// process around it.
/// </summary>
public sealed class InProcessAdapter : IAsyncDisposable
{
    private readonly Pipe _clientToAdapter = new();
    private readonly Pipe _adapterToClient = new();

    /// <summary>Starts the adapter; each <c>launch</c> runs on a VM from <paramref name="createVm"/>.</summary>
    public InProcessAdapter(LaunchVmFactory createVm)
    {
        ArgumentNullException.ThrowIfNull(createVm);
        var adapter = new DebugAdapter(_clientToAdapter.Reader.AsStream(), _adapterToClient.Writer.AsStream(), createVm);
        Serving = Task.Run(async () =>
        {
            try
            {
                await adapter.RunAsync().ConfigureAwait(false);
            }
            finally
            {
                // What a host does when the session ends (stoffel dap closes its stdout): the client reads the end.
                await _adapterToClient.Writer.CompleteAsync().ConfigureAwait(false);
            }
        });
        Wire = new DapWire(_adapterToClient.Reader.AsStream(), _clientToAdapter.Writer.AsStream());
    }

    /// <summary>The client end.</summary>
    public DapWire Wire { get; }

    /// <summary>The adapter's <see cref="DebugAdapter.RunAsync"/>: ends when the session does, faults if the adapter crashed.</summary>
    public Task Serving { get; }

    /// <summary>Closes the client's end and waits for the adapter's output to end.</summary>
    public async ValueTask DisposeAsync()
    {
        await Wire.DisposeAsync().ConfigureAwait(false);
        await _adapterToClient.Reader.CompleteAsync().ConfigureAwait(false);
    }
}
