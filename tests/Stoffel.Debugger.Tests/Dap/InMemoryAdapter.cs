using System.IO.Pipelines;
using Stoffel.Debugger.Adapter;
using Stoffel.Vm.Runtime;

namespace Stoffel.Debugger.Tests.Dap;

/// <summary>A <see cref="DebugAdapter"/> wired to a <see cref="TestDapClient"/> through in-memory pipes.</summary>
internal sealed class InMemoryAdapter : IAsyncDisposable
{
    private readonly Pipe _toServer = new();
    private readonly Pipe _toClient = new();

    public InMemoryAdapter(VirtualMachine? hostVm = null)
    {
        Run = Task.Run(() => new DebugAdapter(_toServer.Reader.AsStream(), _toClient.Writer.AsStream(), hostVm).RunAsync());
        Client = new TestDapClient(_toClient.Reader.AsStream(), _toServer.Writer.AsStream());
    }

    public TestDapClient Client { get; }

    /// <summary>The adapter's run; faults if the adapter crashed.</summary>
    public Task Run { get; }

    public async ValueTask DisposeAsync()
    {
        await _toServer.Writer.CompleteAsync();
        await Run.WaitAsync(TestPrograms.Wait);
        await _toClient.Writer.CompleteAsync();
        await Client.DisposeAsync();
    }
}
