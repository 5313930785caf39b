namespace Stoffel.LanguageServer.Protocol;

// The request and result shapes of the language features.

internal sealed record Hover(MarkupContent Contents, Range Range);

internal enum CompletionItemKind
{
    Function = 3,
    Variable = 6,
    Keyword = 14,
    Snippet = 15,
    Reference = 18,
    Constant = 21,
}

internal enum InsertTextFormat
{
    PlainText = 1,
    Snippet = 2,
}

internal sealed record CompletionItem(
    string Label,
    CompletionItemKind Kind,
    string? Detail = null,
    MarkupContent? Documentation = null,
    string? InsertText = null,
    InsertTextFormat? InsertTextFormat = null);

internal sealed record ReferenceContext(bool IncludeDeclaration);

internal sealed record ReferenceParams(TextDocumentIdentifier TextDocument, Position Position, ReferenceContext Context);

internal sealed record RenameParams(TextDocumentIdentifier TextDocument, Position Position, string NewName);

internal enum SymbolKind
{
    Function = 12,
    Key = 20,
}

internal sealed record DocumentSymbol(string Name, string? Detail, SymbolKind Kind, Range Range, Range SelectionRange, DocumentSymbol[] Children);

internal sealed record DocumentParams(TextDocumentIdentifier TextDocument);

internal sealed record SemanticTokensLegend(string[] TokenTypes, string[] TokenModifiers);

internal sealed record SemanticTokens(int[] Data);

internal sealed record FoldingRange(int StartLine, int EndLine, string Kind);

internal sealed record ParameterInformation(string Label);

internal sealed record SignatureInformation(string Label, MarkupContent? Documentation, ParameterInformation[] Parameters);

internal sealed record SignatureHelp(SignatureInformation[] Signatures, int ActiveSignature, int ActiveParameter);

internal sealed record CodeLens(Range Range, Command Command);
