namespace Stoffel.Vm.Formats.Assembly;

/// <summary>The kinds of token on a <c>.stfa</c> line.</summary>
internal enum TokenKind
{
    /// <summary>A run of characters other than spaces, punctuation, quotes and comment starts: mnemonics, registers, names, numbers, directives.</summary>
    Word,
    /// <summary>A quoted string; <see cref="Token.Text"/> is the decoded text.</summary>
    String,
    /// <summary><c>,</c></summary>
    Comma,
    /// <summary><c>:</c></summary>
    Colon,
    /// <summary><c>(</c></summary>
    LeftParen,
    /// <summary><c>)</c></summary>
    RightParen,
    /// <summary><c>[</c></summary>
    LeftBracket,
    /// <summary><c>]</c></summary>
    RightBracket,
}

/// <summary>A token: its kind, 1-based column, length in the source, and text (decoded for strings).</summary>
internal readonly record struct Token(TokenKind Kind, int Column, int Length, string Text)
{
    /// <summary>The column just after the token.</summary>
    public int EndColumn => Column + Length;
}

/// <summary>Splits one line into tokens, dropping spaces and <c>;</c> / <c>#</c> comments.</summary>
internal static class StfaLexer
{
    /// <summary>
    /// Tokenizes <paramref name="line"/>; string errors go to <paramref name="diagnostics"/>, and the
    /// 1-based column where a comment starts to <paramref name="commentColumn"/> (0 when none).
    /// </summary>
    public static List<Token> Tokenize(string line, int lineNumber, StfaDiagnostics diagnostics, out int commentColumn)
    {
        var tokens = new List<Token>();
        commentColumn = 0;
        var i = 0;
        while (i < line.Length)
        {
            var c = line[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c is ';' or '#')
            {
                commentColumn = i + 1;
                break;
            }
            else if (c == '"')
            {
                i = ReadString(line, i, lineNumber, tokens, diagnostics);
            }
            else if (PunctuationKind(c) is { } kind)
            {
                tokens.Add(new Token(kind, i + 1, 1, c.ToString()));
                i++;
            }
            else
            {
                var start = i;
                while (i < line.Length && IsWordCharacter(line[i]))
                {
                    i++;
                }
                tokens.Add(new Token(TokenKind.Word, start + 1, i - start, line[start..i]));
            }
        }
        return tokens;
    }

    private static bool IsWordCharacter(char c) =>
        !char.IsWhiteSpace(c) && c is not (';' or '#' or '"') && PunctuationKind(c) is null;

    private static TokenKind? PunctuationKind(char c) => c switch
    {
        ',' => TokenKind.Comma,
        ':' => TokenKind.Colon,
        '(' => TokenKind.LeftParen,
        ')' => TokenKind.RightParen,
        '[' => TokenKind.LeftBracket,
        ']' => TokenKind.RightBracket,
        _ => null,
    };

    // Returns the index after the closing quote. A bad or unterminated string still yields a
    // token, so the rest of the line parses without follow-on errors.
    private static int ReadString(string line, int start, int lineNumber, List<Token> tokens, StfaDiagnostics diagnostics)
    {
        var end = start + 1;
        while (end < line.Length && line[end] != '"')
        {
            end += line[end] == '\\' ? 2 : 1;
        }
        if (end >= line.Length)
        {
            diagnostics.Add(new StfaRange(lineNumber, start + 1, line.Length - start), StfaErrorCode.BadLiteral, "unterminated string");
            tokens.Add(new Token(TokenKind.String, start + 1, line.Length - start, ""));
            return line.Length;
        }
        if (!LiteralParser.TryUnescape(line[(start + 1)..end], out var text, out var error, out var errorIndex))
        {
            diagnostics.Add(new StfaRange(lineNumber, start + 2 + errorIndex, 1), StfaErrorCode.BadLiteral, error);
        }
        tokens.Add(new Token(TokenKind.String, start + 1, end - start + 1, text));
        return end + 1;
    }
}
