using System.Text.Json;

namespace Stoffel.LanguageServer.Tests;

[TestClass]
public sealed class DiagnosticsTests
{
    private static string Render(JsonElement d) =>
        $"{Json.Range(d.GetProperty("range"))} {d.GetProperty("severity")} {d.GetProperty("code")}: {d.GetProperty("message")}";

    [TestMethod]
    public async Task Opening_a_document_publishes_every_error_and_warning_with_its_exact_range_severity_and_code()
    {
        await using var client = await LanguageClient.StartAsync();
        var diagnostics = await client.OpenAsync(Documents.Broken);
        CollectionAssert.AreEqual(
            new[]
            {
                "1:4-1:8 1 unknown-mnemonic: unknown mnemonic 'MOVE'",
                "3:8-3:15 1 unknown-label: unknown label 'nowhere' in function 'main'",
                "5:12-5:17 1 bad-literal: 300u8 is out of range for u8",
                "2:8-2:10 2 register-beyond-declared: r7 is beyond the 2 registers function 'main' declares",
                "4:9-4:16 2 unknown-function: unknown function 'nothing': neither this file nor the standard library defines it",
            },
            Json.Strings(diagnostics, Render));
        Assert.IsTrue(diagnostics.EnumerateArray().All(d => d.GetProperty("source").GetString() == "stoffel"));
    }

    [TestMethod]
    public async Task A_change_republishes_and_a_fixed_document_has_no_diagnostics()
    {
        await using var client = await LanguageClient.StartAsync();
        Assert.AreEqual(0, (await client.OpenAsync(Documents.Fib)).GetArrayLength());
        await client.NotifyAsync("textDocument/didChange", new
        {
            textDocument = new { uri = LanguageClient.Uri, version = 2 },
            contentChanges = new[] { new { text = Documents.Fib.Replace("JMPLT base", "JMPLT bass") } },
        });
        Assert.AreEqual("12:10-12:14 1 unknown-label: unknown label 'bass' in function 'fib'", Render((await client.NextDiagnosticsAsync()).EnumerateArray().Single()));
        await client.NotifyAsync("textDocument/didChange", new
        {
            textDocument = new { uri = LanguageClient.Uri, version = 3 },
            contentChanges = new[] { new { text = Documents.Fib } },
        });
        Assert.AreEqual(0, (await client.NextDiagnosticsAsync()).GetArrayLength());
        await client.NotifyAsync("textDocument/didClose", new { textDocument = new { uri = LanguageClient.Uri } });
        Assert.AreEqual(0, (await client.NextDiagnosticsAsync()).GetArrayLength());
        Assert.AreEqual(JsonValueKind.Null, (await client.AtAsync("textDocument/hover", 2, 5)).ValueKind, "a closed document is forgotten");
    }

    [TestMethod]
    public async Task The_repository_examples_have_no_diagnostics()
    {
        await using var client = await LanguageClient.StartAsync();
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "examples"), "*.stfa"))
        {
            var diagnostics = await client.OpenAsync(File.ReadAllText(file));
            Assert.AreEqual(0, diagnostics.GetArrayLength(), $"{Path.GetFileName(file)}: {diagnostics}");
        }
    }
}
