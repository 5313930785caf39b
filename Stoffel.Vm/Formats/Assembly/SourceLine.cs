namespace Stoffel.Vm.Formats.Assembly;

/// <summary>One tokenized line of a <c>.stfa</c> file, with helpers to report errors against it.</summary>
internal sealed record SourceLine(int Number, string Text, IReadOnlyList<Token> Tokens)
{
    /// <summary>The column just after the last token, where "missing …" errors point.</summary>
    public int EndColumn => Tokens.Count > 0 ? Tokens[^1].EndColumn : Text.Length + 1;

    /// <summary>The source text from the first to the last of <paramref name="tokens"/>, as written.</summary>
    public string Slice(IReadOnlyList<Token> tokens) =>
        Text[(tokens[0].Column - 1)..(tokens[^1].EndColumn - 1)];

    /// <summary>The source text of one token, as written (quotes and escapes included).</summary>
    public string Slice(Token token) => Text[(token.Column - 1)..(token.EndColumn - 1)];

    /// <summary>What an error says it found at <paramref name="index"/>: the token as written, or "end of line".</summary>
    public string Describe(int index) => index < Tokens.Count ? $"'{Slice(Tokens[index])}'" : "end of line";

    /// <summary>The column of token <paramref name="index"/>, or <see cref="EndColumn"/> past the end.</summary>
    public int ColumnOf(int index) => index < Tokens.Count ? Tokens[index].Column : EndColumn;

    /// <summary>True when token <paramref name="index"/> is a name: a bare identifier or a quoted string.</summary>
    public bool IsName(int index) =>
        index < Tokens.Count
        && (Tokens[index].Kind == TokenKind.String
            || (Tokens[index].Kind == TokenKind.Word && StfaSyntax.IsIdentifier(Tokens[index].Text)));
}
