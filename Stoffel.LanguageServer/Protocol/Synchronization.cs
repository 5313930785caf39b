namespace Stoffel.LanguageServer.Protocol;

// Full document synchronization: didOpen, didChange (whole text), didClose.

internal sealed record TextDocumentItem(string Uri, string LanguageId, int Version, string Text);

internal sealed record DidOpenTextDocumentParams(TextDocumentItem TextDocument);

internal sealed record VersionedTextDocumentIdentifier(string Uri, int Version);

internal sealed record TextDocumentContentChangeEvent(string Text);

internal sealed record DidChangeTextDocumentParams(VersionedTextDocumentIdentifier TextDocument, TextDocumentContentChangeEvent[] ContentChanges);

internal sealed record DidCloseTextDocumentParams(TextDocumentIdentifier TextDocument);
