using System.Text.Json;
using StreamJsonRpc;

namespace Stoffel.LanguageServer.Tests;

[TestClass]
public sealed class NavigationTests
{
    private static string Location(JsonElement location) => $"{location.GetProperty("uri")} {Json.Range(location.GetProperty("range"))}";

    [TestMethod]
    public async Task Definition_goes_from_a_call_to_the_function_and_from_a_jump_to_the_label()
    {
        await using var client = await LanguageClient.StartAsync();
        await client.OpenAsync(Documents.Fib);
        Assert.AreEqual($"{LanguageClient.Uri} 9:10-9:13", Location(await client.AtAsync("textDocument/definition", 4, 10)));
        Assert.AreEqual($"{LanguageClient.Uri} 14:0-14:4", Location(await client.AtAsync("textDocument/definition", 12, 11)));
        Assert.AreEqual(JsonValueKind.Null, (await client.AtAsync("textDocument/definition", 6, 10)).ValueKind, "a builtin has no definition here");
    }

    [TestMethod]
    public async Task References_list_every_use_with_or_without_the_declaration()
    {
        await using var client = await LanguageClient.StartAsync();
        await client.OpenAsync(Documents.Fib);
        CollectionAssert.AreEqual(
            new[] { "4:9-4:12", "9:10-9:13" },
            Json.Strings(await client.AtAsync("textDocument/references", 9, 11, new { context = new { includeDeclaration = true } }), l => Json.Range(l.GetProperty("range"))));
        CollectionAssert.AreEqual(
            new[] { "12:10-12:14" },
            Json.Strings(await client.AtAsync("textDocument/references", 14, 1, new { context = new { includeDeclaration = false } }), l => Json.Range(l.GetProperty("range"))));
    }

    [TestMethod]
    public async Task Rename_edits_the_definition_and_every_use_and_quotes_names_that_need_it()
    {
        await using var client = await LanguageClient.StartAsync();
        await client.OpenAsync(Documents.Fib);
        Assert.AreEqual("4:9-4:12", Json.Range(await client.AtAsync("textDocument/prepareRename", 4, 10)));
        var edit = await client.AtAsync("textDocument/rename", 4, 10, new { newName = "fib onacci" });
        CollectionAssert.AreEqual(
            new[] { "4:9-4:12 \"fib onacci\"", "9:10-9:13 \"fib onacci\"" },
            Json.Strings(edit.GetProperty("changes").GetProperty(LanguageClient.Uri), e => $"{Json.Range(e.GetProperty("range"))} {e.GetProperty("newText")}"));
        var labels = await client.AtAsync("textDocument/rename", 14, 0, new { newName = "small" });
        CollectionAssert.AreEqual(
            new[] { "12:10-12:14 small", "14:0-14:4 small" },
            Json.Strings(labels.GetProperty("changes").GetProperty(LanguageClient.Uri), e => $"{Json.Range(e.GetProperty("range"))} {e.GetProperty("newText")}"));
    }

    [TestMethod]
    public async Task Renaming_a_builtin_is_refused_with_an_error_response()
    {
        await using var client = await LanguageClient.StartAsync();
        await client.OpenAsync(Documents.Fib);
        var error = await Assert.ThrowsExactlyAsync<RemoteInvocationException>(() => client.AtAsync("textDocument/rename", 6, 10, new { newName = "show" }));
        Assert.AreEqual(-32803, error.ErrorCode);
        Assert.AreEqual("'print' is not defined in this file, so it cannot be renamed here", error.Message);
    }

    [TestMethod]
    public async Task Document_symbols_list_functions_with_their_labels()
    {
        await using var client = await LanguageClient.StartAsync();
        await client.OpenAsync(Documents.Fib);
        var symbols = await client.DocumentAsync("textDocument/documentSymbol");
        CollectionAssert.AreEqual(
            new[] { "main () 12 1:0-7:4 1:10-1:14 []", "fib (n) 12 9:0-16:4 9:10-9:13 [base 20 14:0-14:4]" },
            Json.Strings(symbols, s =>
                $"{s.GetProperty("name")} {s.GetProperty("detail")} {s.GetProperty("kind")} {Json.Range(s.GetProperty("range"))} {Json.Range(s.GetProperty("selectionRange"))} " +
                $"[{string.Join(", ", Json.Strings(s.GetProperty("children"), c => $"{c.GetProperty("name")} {c.GetProperty("kind")} {Json.Range(c.GetProperty("range"))}"))}]"));
    }
}
