using System.Text.Json;

namespace Stoffel.LanguageServer.Tests;

[TestClass]
public sealed class CompletionTests
{
    private static string[] Labels(JsonElement items) => Json.Strings(items, i => i.GetProperty("label").GetString()!);

    [TestMethod]
    public async Task Operands_complete_with_what_their_kind_allows()
    {
        await using var client = await LanguageClient.StartAsync();
        await client.OpenAsync(Documents.Fib);
        var registers = await client.AtAsync("textDocument/completion", 11, 12);
        CollectionAssert.AreEqual(new[] { "r0", "r1", "r2", "r3" }, Labels(registers));
        Assert.AreEqual("parameter n", registers[0].GetProperty("detail").GetString());
        CollectionAssert.AreEqual(new[] { "base" }, Labels(await client.AtAsync("textDocument/completion", 12, 10)));
        var callees = Labels(await client.AtAsync("textDocument/completion", 4, 9));
        CollectionAssert.AreEqual(new[] { "main", "fib", "print", "assert" }, callees.Take(4).ToArray());
        CollectionAssert.Contains(callees, "LocalStorage.store");
        CollectionAssert.AreEqual(new[] { "true", "false", "unit" }, Labels(await client.AtAsync("textDocument/completion", 2, 12)));
    }

    [TestMethod]
    public async Task A_statement_completes_with_opcodes_end_and_call_snippets_and_outside_a_function_with_a_function()
    {
        await using var client = await LanguageClient.StartAsync();
        await client.OpenAsync(Documents.Fib.Replace("    PUSHARG r0\n", "    \n"));
        var items = await client.AtAsync("textDocument/completion", 5, 4);
        var labels = Labels(items);
        CollectionAssert.AreEqual(new[] { "LD", "LDI", "MOV" }, labels.Take(3).ToArray());
        CollectionAssert.Contains(labels, ".end");
        var pop = items.EnumerateArray().Single(i => i.GetProperty("label").GetString() == "call pop");
        Assert.AreEqual("PUSHARG ${1:r1}\nCALL pop", pop.GetProperty("insertText").GetString());
        Assert.AreEqual(2, pop.GetProperty("insertTextFormat").GetInt32());
        CollectionAssert.AreEqual(new[] { ".function" }, Labels(await client.AtAsync("textDocument/completion", 8, 0)));
    }

    [TestMethod]
    public async Task Signature_help_counts_the_arguments_pushed_before_a_call_and_shows_an_instructions_operands()
    {
        await using var client = await LanguageClient.StartAsync();
        await client.OpenAsync(Documents.Fib);
        var call = await client.AtAsync("textDocument/signatureHelp", 4, 9);
        Assert.AreEqual("fib(n)", call.GetProperty("signatures")[0].GetProperty("label").GetString());
        Assert.AreEqual("1 argument pushed", call.GetProperty("signatures")[0].GetProperty("documentation").GetProperty("value").GetString());
        Assert.AreEqual(0, call.GetProperty("activeParameter").GetInt32());
        var compare = await client.AtAsync("textDocument/signatureHelp", 11, 12);
        Assert.AreEqual("CMP rA, rB", compare.GetProperty("signatures")[0].GetProperty("label").GetString());
        Assert.AreEqual(1, compare.GetProperty("activeParameter").GetInt32());
    }
}
