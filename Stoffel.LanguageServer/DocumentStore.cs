using System.Collections.Concurrent;

namespace Stoffel.LanguageServer;

/// <summary>The open documents by URI, each replaced whole on every change (full synchronization).</summary>
internal sealed class DocumentStore
{
    private readonly ConcurrentDictionary<string, StfaDocument> _documents = new(StringComparer.Ordinal);

    public StfaDocument Update(string uri, int version, string text)
    {
        var document = new StfaDocument(uri, version, text);
        _documents[uri] = document;
        return document;
    }

    public void Close(string uri) => _documents.TryRemove(uri, out _);

    /// <summary>The document, or null when it is not open.</summary>
    public StfaDocument? Find(string uri) => _documents.GetValueOrDefault(uri);
}
