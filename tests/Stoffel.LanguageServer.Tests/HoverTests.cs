using System.Text.Json;

namespace Stoffel.LanguageServer.Tests;

[TestClass]
public sealed class HoverTests
{
    private static async Task<string> HoverAsync(LanguageClient client, int line, int character)
    {
        var hover = await client.AtAsync("textDocument/hover", line, character);
        return $"{Json.Range(hover.GetProperty("range"))} {hover.GetProperty("contents").GetProperty("value").GetString()}";
    }

    [TestMethod]
    public async Task Hover_describes_opcodes_callees_labels_literals_and_registers()
    {
        await using var client = await LanguageClient.StartAsync();
        await client.OpenAsync(Documents.Fib);
        Assert.AreEqual("2:4-2:7 ```stfa\nLDI rD, literal\n```\nload a constant\n\nopcode 0x01", await HoverAsync(client, 2, 5));
        Assert.AreEqual("6:9-6:14 ```stfa\nprint(values...)\n```\nwrites the values separated by spaces, then a newline; returns unit\n\nbuiltin, Core module", await HoverAsync(client, 6, 10));
        Assert.AreEqual("4:9-4:12 ```stfa\n.function fib(n) registers 4\n```\ndefined on line 10", await HoverAsync(client, 4, 9));
        Assert.AreEqual("12:10-12:14 label `base` of function `fib`: instruction 4, defined on line 15", await HoverAsync(client, 12, 12));
        Assert.AreEqual("2:12-2:14 `20`: int64 literal", await HoverAsync(client, 2, 13));
        Assert.AreEqual(
            "11:8-11:10 register `r0` of `fib`, read by CMP\n\nholds parameter `n` on entry\n\nr0 receives the result of every CALL",
            await HoverAsync(client, 11, 8));
        Assert.AreEqual(JsonValueKind.Null, (await client.AtAsync("textDocument/hover", 0, 3)).ValueKind, "nothing to say about a comment");
    }
}
