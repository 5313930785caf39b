using System.Text;
using System.Text.Json;
using StreamJsonRpc;

namespace Stoffel.LanguageServer.Tests;

[TestClass]
public sealed class RobustnessTests
{
    private static readonly string[] DocumentRequests =
        ["textDocument/documentSymbol", "textDocument/semanticTokens/full", "textDocument/foldingRange", "textDocument/formatting", "textDocument/codeLens"];

    private static readonly string[] PositionRequests =
        ["textDocument/hover", "textDocument/completion", "textDocument/signatureHelp", "textDocument/definition", "textDocument/references"];

    public static IEnumerable<object[]> HostileDocuments => [["binary garbage"], ["half-typed lines"], ["1 MB"]];

    private static string Hostile(string name)
    {
        var bytes = new byte[20_000];
        new Random(9).NextBytes(bytes);
        return name switch
        {
            "binary garbage" => Encoding.Latin1.GetString(bytes),
            "half-typed lines" => ".function\n.function f(\n  ADD r1,\n  CALL\nlabel:\n  LDI r0, \"open\n  JMP\n.end extra\n.end\n.parent\n",
            _ => string.Concat(Enumerable.Repeat(Documents.Fib.Replace("main", "m").Replace("fib", "f"), 1_000_000 / Documents.Fib.Length + 1)),
        };
    }

    [TestMethod]
    [DynamicData(nameof(HostileDocuments))]
    public async Task Every_request_answers_on_any_document(string name)
    {
        var text = Hostile(name);
        await using var client = await LanguageClient.StartAsync();
        await client.OpenAsync(text);
        foreach (var method in DocumentRequests)
        {
            await client.DocumentAsync(method);
        }
        foreach (var method in PositionRequests)
        {
            foreach (var (line, character) in new[] { (0, 0), (1, 3), (4, 9), (10_000_000, 5), (-1, -1) })
            {
                await client.AtAsync(method, line, character, new { context = new { includeDeclaration = true } });
            }
        }
        Assert.AreEqual("1:4-1:8", Json.Range((await ServerStillAnswers(client)).GetProperty("range")), name);
    }

    [TestMethod]
    public async Task A_malformed_request_gets_an_error_response_and_the_server_goes_on()
    {
        await using var client = await LanguageClient.StartAsync();
        await client.OpenAsync(Documents.Fib);
        await Assert.ThrowsAsync<RemoteRpcException>(() => client.RequestAsync("textDocument/documentSymbol", new { }));
        await Assert.ThrowsAsync<RemoteRpcException>(() => client.RequestAsync("textDocument/hover", new { textDocument = new { uri = LanguageClient.Uri } }));
        await Assert.ThrowsAsync<RemoteRpcException>(() => client.RequestAsync("textDocument/definition", new { textDocument = 42 }));
        await Assert.ThrowsExactlyAsync<RemoteMethodNotFoundException>(() => client.RequestAsync("textDocument/nonsense", new { }));
        await client.NotifyAsync("textDocument/didChange", new { textDocument = "nope" });
        await ServerStillAnswers(client);
    }

    [TestMethod]
    public async Task Shutdown_then_exit_ends_the_server()
    {
        var client = await LanguageClient.StartAsync();
        Assert.AreEqual(JsonValueKind.Null, (await client.RequestAsync("shutdown", null)).ValueKind);
        await client.NotifyAsync("exit", null);
        await client.Server.WaitAsync(TimeSpan.FromSeconds(20));
        await client.DisposeAsync();
    }

    // A fresh document still gets its diagnostics: the connection and the server are alive.
    private static async Task<JsonElement> ServerStillAnswers(LanguageClient client) =>
        (await client.OpenAsync(".function f()\n    NOPE\n.end\n"))[0];
}
