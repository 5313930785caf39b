using System.Text.Json;
using PolyType;
using Stoffel.LanguageServer.Features;
using Stoffel.LanguageServer.Protocol;
using StreamJsonRpc;

namespace Stoffel.LanguageServer;

/// <summary>
/// The LSP methods the server answers, each a thin adapter from protocol positions to a feature.
/// A request for a document that is not open gets an empty answer; an exception becomes the
/// request's error response (StreamJsonRpc), never the end of the server. Its PolyType shape
/// (source-generated) is what StreamJsonRpc dispatches on, without reflecting over the class.
/// </summary>
[GenerateShape(IncludeMethods = MethodShapeFlags.PublicInstance)]
internal sealed partial class LanguageServerTarget(Func<PublishDiagnosticsParams, Task> publish, Action exit)
{
    private static readonly string[] TriggerCharacters = [" ", ","];
    private readonly DocumentStore _documents = new();

    [JsonRpcMethod("initialize")]
    public InitializeResult Initialize(JsonElement parameters) => new(
        new ServerCapabilities(
            new TextDocumentSyncOptions(OpenClose: true, Change: 1),
            HoverProvider: true,
            new TriggerOptions(TriggerCharacters),
            new TriggerOptions(TriggerCharacters),
            DefinitionProvider: true,
            ReferencesProvider: true,
            new RenameOptions(PrepareProvider: true),
            DocumentSymbolProvider: true,
            new SemanticTokensOptions(SemanticTokensProvider.Legend, Full: true),
            FoldingRangeProvider: true,
            DocumentFormattingProvider: true,
            new CodeLensOptions(ResolveProvider: false)),
        new ServerInfo("stoffel", typeof(LanguageServerTarget).Assembly.GetName().Version?.ToString(3) ?? "0.0.0"));

    [JsonRpcMethod("initialized")]
    public void Initialized(JsonElement parameters)
    {
        // Nothing to do: the server registers no capabilities dynamically.
    }

    [JsonRpcMethod("shutdown")]
    public object? Shutdown() => null;

    [JsonRpcMethod("exit")]
    public void Exit() => exit();

    [JsonRpcMethod("textDocument/didOpen")]
    public Task DidOpen(DidOpenTextDocumentParams parameters) =>
        Publish(_documents.Update(parameters.TextDocument.Uri, parameters.TextDocument.Version, parameters.TextDocument.Text));

    [JsonRpcMethod("textDocument/didChange")]
    public Task DidChange(DidChangeTextDocumentParams parameters) =>
        parameters.ContentChanges is [.., var last]
            ? Publish(_documents.Update(parameters.TextDocument.Uri, parameters.TextDocument.Version, last.Text))
            : Task.CompletedTask;

    [JsonRpcMethod("textDocument/didClose")]
    public Task DidClose(DidCloseTextDocumentParams parameters)
    {
        _documents.Close(parameters.TextDocument.Uri);
        return publish(new PublishDiagnosticsParams(parameters.TextDocument.Uri, null, []));
    }

    [JsonRpcMethod("textDocument/hover")]
    public Hover? Hover(TextDocumentPositionParams parameters) => AtPosition(parameters, HoverProvider.At);

    [JsonRpcMethod("textDocument/completion")]
    public CompletionItem[] Completion(TextDocumentPositionParams parameters) => AtPosition(parameters, CompletionProvider.At) ?? [];

    [JsonRpcMethod("textDocument/signatureHelp")]
    public SignatureHelp? SignatureHelp(TextDocumentPositionParams parameters) => AtPosition(parameters, SignatureHelpProvider.At);

    [JsonRpcMethod("textDocument/definition")]
    public Location? Definition(TextDocumentPositionParams parameters) => AtPosition(parameters, Navigation.Definition);

    [JsonRpcMethod("textDocument/references")]
    public Location[] References(ReferenceParams parameters) =>
        AtPosition(new(parameters.TextDocument, parameters.Position), (d, l, c) => Navigation.References(d, l, c, parameters.Context?.IncludeDeclaration ?? true)) ?? [];

    [JsonRpcMethod("textDocument/prepareRename")]
    public Protocol.Range? PrepareRename(TextDocumentPositionParams parameters) => AtPosition(parameters, Navigation.PrepareRename);

    [JsonRpcMethod("textDocument/rename")]
    public WorkspaceEdit? Rename(RenameParams parameters) =>
        AtPosition(new(parameters.TextDocument, parameters.Position), (d, l, c) => Navigation.Rename(d, l, c, parameters.NewName));

    [JsonRpcMethod("textDocument/documentSymbol")]
    public DocumentSymbol[] DocumentSymbol(DocumentParams parameters) => Whole(parameters, OutlineProvider.Symbols) ?? [];

    [JsonRpcMethod("textDocument/foldingRange")]
    public FoldingRange[] FoldingRange(DocumentParams parameters) => Whole(parameters, OutlineProvider.Folding) ?? [];

    [JsonRpcMethod("textDocument/semanticTokens/full")]
    public SemanticTokens SemanticTokens(DocumentParams parameters) => Whole(parameters, SemanticTokensProvider.For) ?? new SemanticTokens([]);

    [JsonRpcMethod("textDocument/formatting")]
    public TextEdit[] Formatting(DocumentParams parameters) => Whole(parameters, DocumentFormatter.Format) ?? [];

    [JsonRpcMethod("textDocument/codeLens")]
    public CodeLens[] CodeLens(DocumentParams parameters) => Whole(parameters, CodeLensProvider.For) ?? [];

    private Task Publish(StfaDocument document) =>
        publish(new PublishDiagnosticsParams(document.Uri, document.Version, DiagnosticsProvider.For(document)));

    // LSP positions are 0-based; the features take the assembler's 1-based lines and columns.
    // Parameters missing a member the records require never get here: StreamJsonRpc answers
    // them with an error response itself.
    private T? AtPosition<T>(TextDocumentPositionParams parameters, Func<StfaDocument, int, int, T?> feature) where T : class =>
        _documents.Find(parameters.TextDocument.Uri) is { } document
            ? feature(document, parameters.Position.Line + 1, parameters.Position.Character + 1)
            : null;

    private T? Whole<T>(DocumentParams parameters, Func<StfaDocument, T> feature) where T : class =>
        _documents.Find(parameters.TextDocument.Uri) is { } document ? feature(document) : null;
}
