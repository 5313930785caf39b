using System.Text.Json;

namespace Stoffel.LanguageServer.Tests;

[TestClass]
public sealed class LayoutTests
{
    [TestMethod]
    public async Task Semantic_tokens_classify_directives_names_mnemonics_operands_and_comments()
    {
        await using var client = await LanguageClient.StartAsync();
        await client.OpenAsync(".function f(a)\n    CALL print ; c\n    LDI r0, \"s\"\n.end\n");
        var data = (await client.DocumentAsync("textDocument/semanticTokens/full")).GetProperty("data").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        // (delta line, delta start, length, type, modifiers); types: 0 macro, 1 keyword, 2 function,
        // 3 parameter, 5 variable, 7 string, 9 comment; modifiers: 1 declaration, 2 defaultLibrary.
        CollectionAssert.AreEqual(
            new[]
            {
                0, 0, 9, 0, 0,
                0, 10, 1, 2, 1,
                0, 2, 1, 3, 1,
                1, 4, 4, 1, 0,
                0, 5, 5, 2, 2,
                0, 6, 3, 9, 0,
                1, 4, 3, 1, 0,
                0, 4, 2, 3, 0,
                0, 4, 3, 7, 0,
                1, 0, 4, 0, 0,
            },
            data);
    }

    [TestMethod]
    public async Task Functions_fold_from_their_directive_to_their_end()
    {
        await using var client = await LanguageClient.StartAsync();
        await client.OpenAsync(Documents.Fib);
        CollectionAssert.AreEqual(
            new[] { "1-7", "9-16" },
            Json.Strings(await client.DocumentAsync("textDocument/foldingRange"), f => $"{f.GetProperty("startLine")}-{f.GetProperty("endLine")}"));
    }

    [TestMethod]
    public async Task Formatting_gives_the_disassembler_layout_and_keeps_comments()
    {
        await using var client = await LanguageClient.StartAsync();
        await client.OpenAsync("""
              ; header


            .FUNCTION  f( a,b )   registers 2 ; f
            top:   add R1,r0 ,  r1
              ld r1,[ sp - 1 ]
                ; inside
             ldi r1, 1e3
            jmp   top
               .end
            """);
        var edits = await client.DocumentAsync("textDocument/formatting");
        Assert.AreEqual("0:0-9:7", Json.Range(edits[0].GetProperty("range")));
        Assert.AreEqual("""
            ; header

            .function f(a, b) registers 2 ; f
            top:
                ADD r1, r0, r1
                LD r1, [sp-1]
                ; inside
                LDI r1, 1000.0
                JMP top
            .end

            """.Replace("\r\n", "\n"), edits[0].GetProperty("newText").GetString());
    }

    [TestMethod]
    public async Task A_formatted_document_needs_no_edits()
    {
        await using var client = await LanguageClient.StartAsync();
        await client.OpenAsync(Documents.Fib.Replace("\r\n", "\n"));
        Assert.AreEqual(0, (await client.DocumentAsync("textDocument/formatting")).GetArrayLength());
    }

    [TestMethod]
    public async Task Each_function_has_run_and_debug_code_lenses()
    {
        await using var client = await LanguageClient.StartAsync();
        await client.OpenAsync(Documents.Fib);
        CollectionAssert.AreEqual(
            new[]
            {
                $"1:0-1:9 Run stoffel.runFunction [\"{LanguageClient.Uri}\",\"main\"]",
                $"1:0-1:9 Debug stoffel.debugFunction [\"{LanguageClient.Uri}\",\"main\"]",
                $"9:0-9:9 Run stoffel.runFunction [\"{LanguageClient.Uri}\",\"fib\"]",
                $"9:0-9:9 Debug stoffel.debugFunction [\"{LanguageClient.Uri}\",\"fib\"]",
            },
            Json.Strings(await client.DocumentAsync("textDocument/codeLens"), l =>
                $"{Json.Range(l.GetProperty("range"))} {l.GetProperty("command").GetProperty("title")} {l.GetProperty("command").GetProperty("command")} {l.GetProperty("command").GetProperty("arguments").GetRawText()}"));
    }
}
