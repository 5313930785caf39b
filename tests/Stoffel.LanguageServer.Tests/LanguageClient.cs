using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Nerdbank.Streams;
using StreamJsonRpc;

namespace Stoffel.LanguageServer.Tests;

/// <summary>
/// A language client talking to <see cref="StoffelLanguageServer"/> in-process over
/// <see cref="FullDuplexStream.CreatePair"/>: raw JSON in and out, as an editor sends it.
/// </summary>
internal sealed class LanguageClient : IAsyncDisposable
{
    public const string Uri = "file:///work/test.stfa";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private readonly JsonRpc _rpc;
    private readonly Channel<JsonElement> _diagnostics = Channel.CreateUnbounded<JsonElement>();
    private readonly CancellationTokenSource _stop = new();

    private LanguageClient()
    {
        var (clientStream, serverStream) = FullDuplexStream.CreatePair();
        Server = StoffelLanguageServer.RunAsync(serverStream, serverStream, _stop.Token);
        _rpc = new JsonRpc(new HeaderDelimitedMessageHandler(clientStream, clientStream, new SystemTextJsonFormatter()));
        var publish = new Action<JsonElement>(p => _diagnostics.Writer.TryWrite(p));
        _rpc.AddLocalRpcMethod(publish.Method, publish.Target,
            new JsonRpcMethodAttribute("textDocument/publishDiagnostics") { UseSingleObjectParameterDeserialization = true });
        _rpc.StartListening();
    }

    /// <summary>The server's run; completes when the connection ends.</summary>
    public Task Server { get; }

    public static async Task<LanguageClient> StartAsync()
    {
        var client = new LanguageClient();
        await client.RequestAsync("initialize", new { processId = (int?)null, rootUri = (string?)null, capabilities = new { } });
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
