using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Nerdbank.Streams;
using StreamJsonRpc;

namespace Stoffel.LanguageServer.Tests;

/// <summary>
/// A language client talking to <see cref="StoffelLanguageServer"/>, in-process over
/// <see cref="FullDuplexStream.CreatePair"/> or to a <c>stoffel lsp</c> process over its standard
/// streams: raw JSON in and out, as an editor sends it.
/// </summary>
internal sealed class LanguageClient : IAsyncDisposable
{
    public const string Uri = "file:///work/test.stfa";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private readonly JsonRpc _rpc;
    private readonly Channel<JsonElement> _diagnostics = Channel.CreateUnbounded<JsonElement>();
    private readonly CancellationTokenSource _stop;

    private LanguageClient(Stream toServer, Stream fromServer, Task server, CancellationTokenSource stop)
    {
        Server = server;
        _stop = stop;
        _rpc = new JsonRpc(new HeaderDelimitedMessageHandler(toServer, fromServer, new SystemTextJsonFormatter()));
        var publish = new Action<JsonElement>(p => _diagnostics.Writer.TryWrite(p));
        _rpc.AddLocalRpcMethod(publish.Method, publish.Target,
            new JsonRpcMethodAttribute("textDocument/publishDiagnostics") { UseSingleObjectParameterDeserialization = true });
        _rpc.StartListening();
    }

    /// <summary>The server's run; completes when the connection ends.</summary>
    public Task Server { get; }

    /// <summary>Starts a server in-process and initializes it.</summary>
    public static Task<LanguageClient> StartAsync()
    {
        var (clientStream, serverStream) = FullDuplexStream.CreatePair();
        var stop = new CancellationTokenSource();
        return InitializeAsync(new LanguageClient(clientStream, clientStream, StoffelLanguageServer.RunAsync(serverStream, serverStream, stop.Token), stop));
    }

    /// <summary>Initializes the server <paramref name="process"/> runs (its standard streams redirected); <see cref="Server"/> is its exit.</summary>
    public static Task<LanguageClient> StartAsync(System.Diagnostics.Process process) =>
        InitializeAsync(new LanguageClient(process.StandardInput.BaseStream, process.StandardOutput.BaseStream, process.WaitForExitAsync(), new CancellationTokenSource()));

    /// <summary>The <c>initialize</c> result.</summary>
    public JsonElement InitializeResult { get; private set; }

    private static async Task<LanguageClient> InitializeAsync(LanguageClient client)
    {
        client.InitializeResult = await client.RequestAsync("initialize", new { processId = (int?)null, rootUri = (string?)null, capabilities = new { } });
        await client.NotifyAsync("initialized", new { });
        return client;
    }

    /// <summary>Opens <see cref="Uri"/> with <paramref name="text"/> and returns the diagnostics published for it.</summary>
    public async Task<JsonElement> OpenAsync(string text)
    {
        await NotifyAsync("textDocument/didOpen", new { textDocument = new { uri = Uri, languageId = "stoffel-asm", version = 1, text } });
        return await NextDiagnosticsAsync();
    }

    public async Task<JsonElement> NextDiagnosticsAsync() =>
        (await _diagnostics.Reader.ReadAsync().AsTask().WaitAsync(Timeout)).GetProperty("diagnostics");

    public Task<JsonElement> RequestAsync(string method, object? parameters) =>
        _rpc.InvokeWithParameterObjectAsync<JsonElement>(method, parameters).WaitAsync(Timeout);

    /// <summary>A request about <see cref="Uri"/> at 0-based <paramref name="line"/> and <paramref name="character"/>.</summary>
    public Task<JsonElement> AtAsync(string method, int line, int character, object? extra = null)
    {
        var parameters = JsonSerializer.SerializeToNode(new { textDocument = new { uri = Uri }, position = new { line, character } })!.AsObject();
        if (extra is not null)
        {
            foreach (var (name, value) in JsonSerializer.SerializeToNode(extra)!.AsObject())
            {
                parameters[name] = value?.DeepClone();
            }
        }
        return RequestAsync(method, parameters);
    }

    public Task<JsonElement> DocumentAsync(string method) => RequestAsync(method, new { textDocument = new { uri = Uri } });

    public Task NotifyAsync(string method, object? parameters) => _rpc.NotifyWithParameterObjectAsync(method, parameters);

    public async ValueTask DisposeAsync()
    {
        _rpc.Dispose();
        await _stop.CancelAsync();
        await Server.WaitAsync(Timeout);
        _stop.Dispose();
    }
}
