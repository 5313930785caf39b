using Stoffel.LanguageServer.Protocol;
using Stoffel.Vm.Formats.Assembly;
using StreamJsonRpc;

namespace Stoffel.LanguageServer.Features;

/// <summary>Go to definition, find references and rename, for labels (within their function) and functions.</summary>
internal static class Navigation
{
    /// <summary>The LSP's RequestFailed error code, for a rename that cannot be done.</summary>
    public const int RequestFailed = -32803;

    public static Location? Definition(StfaDocument document, int line, int column) =>
        document.Symbols.At(line, column) is { } symbol && document.Symbols.Definition(symbol) is { } definition
            ? new Location(document.Uri, definition.Range.ToLsp())
            : null;

    public static Location[] References(StfaDocument document, int line, int column, bool includeDeclaration) =>
        document.Symbols.At(line, column) is { } symbol
            ? document.Symbols.Related(symbol)
                .Where(o => includeDeclaration || !o.IsDefinition)
                .Select(o => new Location(document.Uri, o.Range.ToLsp()))
                .ToArray()
            : [];

    /// <summary>The range of the name to rename; an error when there is none or it is a builtin.</summary>
    public static Protocol.Range PrepareRename(StfaDocument document, int line, int column) => Renameable(document, line, column).Range.ToLsp();

    public static WorkspaceEdit Rename(StfaDocument document, int line, int column, string newName)
    {
        var symbol = Renameable(document, line, column);
        if (newName.Length == 0 || newName.Any(char.IsControl))
        {
            throw new LocalRpcException($"'{newName}' cannot be a name") { ErrorCode = RequestFailed };
        }
        var text = StfaSyntax.FormatName(newName);
        var edits = document.Symbols.Related(symbol).Select(o => new TextEdit(o.Range.ToLsp(), text)).ToArray();
        return new WorkspaceEdit(new Dictionary<string, TextEdit[]> { [document.Uri] = edits });
    }

    private static SymbolOccurrence Renameable(StfaDocument document, int line, int column)
    {
        var symbol = document.Symbols.At(line, column)
            ?? throw new LocalRpcException("no label or function here") { ErrorCode = RequestFailed };
        return document.Symbols.Definition(symbol) is null
            ? throw new LocalRpcException($"'{symbol.Name}' is not defined in this file, so it cannot be renamed here") { ErrorCode = RequestFailed }
            : symbol;
    }
}
