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

    /// <summary>The range of one token.</summary>
    public StfaRange RangeOf(Token token) => new(Number, token.Column, token.Length);

    /// <summary>The range from the first to the last of <paramref name="tokens"/>.</summary>
    public StfaRange RangeOf(IReadOnlyList<Token> tokens) => new(Number, tokens[0].Column, tokens[^1].EndColumn - tokens[0].Column);

    /// <summary>The range of token <paramref name="index"/>, or an empty range at <see cref="EndColumn"/> past the end.</summary>
    public StfaRange RangeAt(int index) => index < Tokens.Count ? RangeOf(Tokens[index]) : new(Number, EndColumn, 0);

    /// <summary>The name token <paramref name="index"/> (see <see cref="IsName"/>) with its range.</summary>
    public StfaName NameAt(int index) => new(Tokens[index].Text, RangeOf(Tokens[index]));

    /// <summary>True when token <paramref name="index"/> is a name: a bare identifier or a quoted string.</summary>
    public bool IsName(int index) =>
        index < Tokens.Count
        && (Tokens[index].Kind == TokenKind.String
            || (Tokens[index].Kind == TokenKind.Word && StfaSyntax.IsIdentifier(Tokens[index].Text)));
}
