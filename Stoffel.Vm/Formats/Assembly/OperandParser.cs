using System.Globalization;
using Stoffel.Vm.Instructions;
using Stoffel.Vm.Programs;
using Stoffel.Vm.Values;

namespace Stoffel.Vm.Formats.Assembly;

/// <summary>
/// Reads one instruction operand of a known <see cref="OperandKind"/>
/// (docs/assembly.md "Operands"): <c>r3</c>, a literal (added to the constant pool), <c>[sp-1]</c>,
/// <c>s3</c>, or a label or function name.
/// </summary>
internal sealed class OperandParser(StfaDiagnostics diagnostics, ConstantPoolBuilder constants)
{
    private readonly record struct OperandError(StfaErrorCode Code, string Message);

    /// <summary>
    /// Parses the tokens of operand <paramref name="position"/>. On failure the error is reported
    /// and null returned.
    /// </summary>
    public StfaOperandSyntax? TryParse(int position, OperandKind kind, SourceLine line, IReadOnlyList<Token> tokens)
    {
        var found = line.Slice(tokens);
        var range = line.RangeOf(tokens);
        int number = 0;
        string? symbol = null;
        Value? literal = null;
        var error = kind switch
        {
            OperandKind.Register => TryParseIndex(tokens, found, 'r', "register", out number),
            OperandKind.SpillSlot => TryParseIndex(tokens, found, 's', "spill slot", out number),
            OperandKind.StackOffset => TryParseStackOffset(tokens, found, out number),
            OperandKind.Constant => TryParseConstant(tokens, found, out number, out literal),
            OperandKind.Label => TryParseName(tokens, found, "a label name", out symbol),
            _ => TryParseName(tokens, found, "a function name", out symbol),
        };
        if (error is { } failure)
        {
            diagnostics.Add(range, failure.Code, failure.Message);
            return null;
        }
        return new StfaOperandSyntax(position, kind, range, number, symbol, literal);
    }

    /// <summary>Describes an operand kind for "takes N operands (…)" messages.</summary>
    public static string Describe(OperandKind kind) => kind switch
    {
        OperandKind.Register => "register",
        OperandKind.Constant => "literal",
        OperandKind.StackOffset => "stack offset",
        OperandKind.SpillSlot => "spill slot",
        OperandKind.Label => "label",
        _ => "function name",
    };

    // The Try* helpers return null on success, else the error; found is the operand as written.

    private static OperandError? TryParseIndex(IReadOnlyList<Token> tokens, string found, char prefix, string what, out int index)
    {
        index = 0;
        var text = tokens.Count == 1 && tokens[0].Kind == TokenKind.Word ? tokens[0].Text : "";
        if (text.Length < 2 || char.ToLowerInvariant(text[0]) != prefix || !text.Skip(1).All(char.IsAsciiDigit))
        {
            return new(StfaErrorCode.BadOperand, $"expected a {what} like {prefix}3, found '{found}'");
        }
        if (!int.TryParse(text.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out index) || index > ProgramBuilder.MaxFrameIndex)
        {
            return new(StfaErrorCode.OperandOutOfRange, $"{what} {found} is out of range (at most {prefix}{ProgramBuilder.MaxFrameIndex})");
        }
        return null;
    }

    // [sp], [sp+N] or [sp-N]; spaces inside the brackets are allowed.
    private static OperandError? TryParseStackOffset(IReadOnlyList<Token> tokens, string found, out int offset)
    {
        offset = 0;
        var expected = new OperandError(StfaErrorCode.BadOperand, $"expected a stack offset like [sp+0] or [sp-1], found '{found}'");
        if (tokens.Count < 3
            || tokens[0].Kind != TokenKind.LeftBracket
            || tokens[^1].Kind != TokenKind.RightBracket
            || tokens.Skip(1).SkipLast(1).Any(t => t.Kind != TokenKind.Word))
        {
            return expected;
        }
        var inner = string.Concat(tokens.Skip(1).SkipLast(1).Select(t => t.Text));
        if (!inner.StartsWith("sp", StringComparison.OrdinalIgnoreCase))
        {
            return expected;
        }
        var rest = inner[2..];
        if (rest.Length == 0)
        {
            return null;
        }
        if (rest.Length < 2 || rest[0] is not ('+' or '-') || !rest.Skip(1).All(char.IsAsciiDigit))
        {
            return expected;
        }
        if (!int.TryParse(rest, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out offset))
        {
            return new(StfaErrorCode.OperandOutOfRange, $"stack offset {found} is out of range for i32");
        }
        return null;
    }

    private OperandError? TryParseConstant(IReadOnlyList<Token> tokens, string found, out int index, out Value? literal)
    {
        index = 0;
        literal = null;
        if (tokens.Count != 1 || tokens[0].Kind is not (TokenKind.Word or TokenKind.String))
        {
            return new(StfaErrorCode.BadLiteral, LiteralParser.NotALiteral(found));
        }
        var value = Value.FromString(tokens[0].Text);
        if (tokens[0].Kind == TokenKind.Word && !LiteralParser.TryParseLiteral(found, out value, out var error))
        {
            return new(StfaErrorCode.BadLiteral, error);
        }
        index = constants.IndexOf(value);
        literal = value;
        return null;
    }

    private static OperandError? TryParseName(IReadOnlyList<Token> tokens, string found, string what, out string? name)
    {
        var single = tokens.Count == 1 ? tokens[0] : default;
        var valid = tokens.Count == 1
            && (single.Kind == TokenKind.String || (single.Kind == TokenKind.Word && StfaSyntax.IsIdentifier(single.Text)));
        name = valid ? single.Text : null;
        return valid ? null : new(StfaErrorCode.BadOperand, $"expected {what}, found '{found}'");
    }
}
