namespace Stoffel.LanguageServer.Protocol;

// initialize, shutdown, exit: what the server announces it can do.

internal sealed record ServerInfo(string Name, string Version);

internal sealed record InitializeResult(ServerCapabilities Capabilities, ServerInfo ServerInfo);

internal sealed record TextDocumentSyncOptions(bool OpenClose, int Change);

internal sealed record TriggerOptions(string[] TriggerCharacters);

internal sealed record RenameOptions(bool PrepareProvider);

internal sealed record CodeLensOptions(bool ResolveProvider);

internal sealed record SemanticTokensOptions(SemanticTokensLegend Legend, bool Full);

internal sealed record ServerCapabilities(
    TextDocumentSyncOptions TextDocumentSync,
    bool HoverProvider,
    TriggerOptions CompletionProvider,
    TriggerOptions SignatureHelpProvider,
    bool DefinitionProvider,
    bool ReferencesProvider,
    RenameOptions RenameProvider,
    bool DocumentSymbolProvider,
    SemanticTokensOptions SemanticTokensProvider,
    bool FoldingRangeProvider,
    bool DocumentFormattingProvider,
    CodeLensOptions CodeLensProvider);
