using Stoffel.LanguageServer.Protocol;
using Stoffel.Vm.Formats.Assembly;
using Range = Stoffel.LanguageServer.Protocol.Range;

namespace Stoffel.LanguageServer;

/// <summary>Converts the assembler's 1-based ranges into the LSP's 0-based ones.</summary>
internal static class Ranges
{
    public static Range ToLsp(this StfaRange range) =>
        new(new Position(range.Line - 1, range.Column - 1), new Position(range.Line - 1, range.EndColumn - 1));

    /// <summary>Whole lines <paramref name="firstLine"/> to <paramref name="lastLine"/> (1-based) of <paramref name="document"/>.</summary>
    public static Range Lines(StfaDocument document, int firstLine, int lastLine) =>
        new(new Position(firstLine - 1, 0), new Position(lastLine - 1, document.LineText(lastLine).Length));
}
