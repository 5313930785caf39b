using System.IO.Pipelines;
using Stoffel.Debugger.Adapter;
using Stoffel.Vm.Runtime;

namespace Stoffel.Debugger.Tests.Dap;

/// <summary>A <see cref="DebugAdapter"/> wired to a <see cref="TestDapClient"/> through in-memory pipes.</summary>
internal sealed class InMemoryAdapter : IAsyncDisposable
{
    private readonly Pipe _toServer = new();
    private readonly Pipe _toClient = new();

    /// <summary>A launch-mode adapter whose VMs come from <paramref name="createVm"/>.</summary>
    public InMemoryAdapter(LaunchVmFactory createVm)
        : this(streams => new DebugAdapter(streams.Input, streams.Output, createVm))
    {
    }

    /// <summary>An attach-mode adapter on <paramref name="hostVm"/>.</summary>
    public InMemoryAdapter(VirtualMachine hostVm)
        : this(streams => new DebugAdapter(streams.Input, streams.Output, hostVm))
    {
    }

    private InMemoryAdapter(Func<(Stream Input, Stream Output), DebugAdapter> create)
    {
        Run = Task.Run(() => create((_toServer.Reader.AsStream(), _toClient.Writer.AsStream())).RunAsync());
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
