using Stoffel.LanguageServer.Protocol;

namespace Stoffel.LanguageServer.Features;

/// <summary>Document symbols (functions with their labels, for the outline and breadcrumbs) and folding of <c>.function</c> … <c>.end</c>.</summary>
internal static class OutlineProvider
{
    public static DocumentSymbol[] Symbols(StfaDocument document) => document.Analysis.Functions
        .Where(f => f.Name is not null)
        .Select(f => new DocumentSymbol(
            f.Name!.Text,
            $"({string.Join(", ", f.Parameters.Select(p => p.Text))})",
            SymbolKind.Function,
            Ranges.Lines(document, f.Directive.Line, f.EndLine),
            f.Name.Range.ToLsp(),
            f.Labels.Select(label => new DocumentSymbol(label.Text, null, SymbolKind.Key, label.Range.ToLsp(), label.Range.ToLsp(), [])).ToArray()))
        .ToArray();

    public static FoldingRange[] Folding(StfaDocument document) => document.Analysis.Functions
        .Where(f => f.EndLine > f.Directive.Line)
        .Select(f => new FoldingRange(f.Directive.Line - 1, f.EndLine - 1, "region"))
        .ToArray();
}
