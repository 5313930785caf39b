using Stoffel.Vm.Formats.Assembly;

namespace Stoffel.LanguageServer;

/// <summary>
/// One open <c>.stfa</c> document: its text split into lines as the assembler splits them, the
/// assembler's analysis, and the index of its labels and functions. Immutable: an edit makes a
/// new one.
/// </summary>
internal sealed class StfaDocument
{
    private readonly string[] _lines;
    private readonly Lazy<SymbolIndex> _symbols;

    public StfaDocument(string uri, int version, string text)
    {
        Uri = uri;
        Version = version;
        Text = text;
        _lines = text.Split('\n').Select(line => line.EndsWith('\r') ? line[..^1] : line).ToArray();
        Analysis = StfaAssembler.Analyze(text);
        _symbols = new Lazy<SymbolIndex>(() => new SymbolIndex(Analysis));
    }

    public string Uri { get; }

    public int Version { get; }

    public string Text { get; }

    public StfaAnalysis Analysis { get; }

    public SymbolIndex Symbols => _symbols.Value;

    public int LineCount => _lines.Length;

    /// <summary>The text of 1-based line <paramref name="line"/> without its ending; "" outside the document.</summary>
    public string LineText(int line) => line >= 1 && line <= _lines.Length ? _lines[line - 1] : "";

    /// <summary>The source text of <paramref name="range"/>.</summary>
    public string Slice(StfaRange range)
    {
        var text = LineText(range.Line);
        var start = Math.Clamp(range.Column - 1, 0, text.Length);
        return text[start..Math.Clamp(range.EndColumn - 1, start, text.Length)];
    }

    /// <summary>The function whose lines hold 1-based <paramref name="line"/>, or null.</summary>
    public StfaFunctionSyntax? FunctionAt(int line) =>
        Analysis.Functions.FirstOrDefault(f => f.Directive.Line <= line && line <= f.EndLine);

    /// <summary>The instruction written on 1-based <paramref name="line"/>, or null.</summary>
    public StfaInstructionSyntax? InstructionAt(int line) =>
        FunctionAt(line)?.Instructions.FirstOrDefault(i => i.Mnemonic.Line == line);
}
