namespace Stoffel.Vm.Formats.Assembly;

/// <summary>
/// Name rules shared by the assembler and the disassembler, so that every name the
/// disassembler writes bare is one the assembler reads as a single name.
/// </summary>
public static class StfaSyntax
{
    /// <summary>
    /// True for a bare name: a letter or <c>_</c>, then letters, digits, <c>_</c> or <c>.</c>
    /// (dotted names such as <c>utils.math.add</c>).
    /// </summary>
    public static bool IsIdentifier(string text) =>
        text.Length > 0
        && (char.IsLetter(text[0]) || text[0] == '_')
        && text.All(c => char.IsLetterOrDigit(c) || c is '_' or '.');

    /// <summary>The name bare when it is an identifier, else quoted like a string literal.</summary>
    public static string FormatName(string name) => IsIdentifier(name) ? name : LiteralFormatter.Quote(name);
}
