using System.Globalization;
using Stoffel.Vm.Instructions;
using Stoffel.Vm.Programs;
using Stoffel.Vm.Values;

namespace Stoffel.Vm.Formats.Assembly;

/// <summary>
/// Reads one instruction operand of a known <see cref="OperandKind"/> (DESIGN.md §6): <c>r3</c>,
/// a literal (added to the constant pool), <c>[sp-1]</c>, <c>s3</c>, or a label or function name.
/// </summary>
internal sealed class OperandParser(StfaDiagnostics diagnostics, ConstantPoolBuilder constants)
{
    /// <summary>
    /// Parses the tokens of one operand. A number goes to <paramref name="number"/> (register,
    /// constant index, stack offset or slot); a name to <paramref name="symbol"/>. On failure the
    /// error is reported and false returned.
    /// </summary>
    public bool TryParse(OperandKind kind, SourceLine line, IReadOnlyList<Token> tokens, out int number, out string? symbol)
    {
        number = 0;
        symbol = null;
        var found = line.Slice(tokens);
        var error = kind switch
        {
            OperandKind.Register => TryParseIndex(tokens, found, 'r', "register", out number),
            OperandKind.SpillSlot => TryParseIndex(tokens, found, 's', "spill slot", out number),
            OperandKind.StackOffset => TryParseStackOffset(tokens, found, out number),
            OperandKind.Constant => TryParseConstant(tokens, found, out number),
            OperandKind.Label => TryParseName(tokens, found, "a label name", out symbol),
            _ => TryParseName(tokens, found, "a function name", out symbol),
        };
        if (error is null)
        {
            return true;
        }
        diagnostics.Add(line.Number, tokens[0].Column, error);
        return false;
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

    private static string? TryParseIndex(IReadOnlyList<Token> tokens, string found, char prefix, string what, out int index)
    {
        index = 0;
        var text = tokens.Count == 1 && tokens[0].Kind == TokenKind.Word ? tokens[0].Text : "";
        if (text.Length < 2 || char.ToLowerInvariant(text[0]) != prefix || !text.Skip(1).All(char.IsAsciiDigit))
        {
            return $"expected a {what} like {prefix}3, found '{found}'";
        }
        if (!int.TryParse(text.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out index) || index > ProgramBuilder.MaxFrameIndex)
        {
            return $"{what} {found} is out of range (at most {prefix}{ProgramBuilder.MaxFrameIndex})";
        }
        return null;
    }

    // [sp], [sp+N] or [sp-N]; spaces inside the brackets are allowed.
    private static string? TryParseStackOffset(IReadOnlyList<Token> tokens, string found, out int offset)
    {
        offset = 0;
        var expected = $"expected a stack offset like [sp+0] or [sp-1], found '{found}'";
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
            return $"stack offset {found} is out of range for i32";
        }
        return null;
    }

    private string? TryParseConstant(IReadOnlyList<Token> tokens, string found, out int index)
    {
        index = 0;
        if (tokens.Count != 1 || tokens[0].Kind is not (TokenKind.Word or TokenKind.String))
        {
            return LiteralParser.NotALiteral(found);
        }
        var value = Value.FromString(tokens[0].Text);
        if (tokens[0].Kind == TokenKind.Word && !LiteralParser.TryParseLiteral(found, out value, out var error))
        {
            return error;
        }
        index = constants.IndexOf(value);
        return null;
    }

    private static string? TryParseName(IReadOnlyList<Token> tokens, string found, string what, out string? name)
    {
        var single = tokens.Count == 1 ? tokens[0] : default;
        var valid = tokens.Count == 1
            && (single.Kind == TokenKind.String || (single.Kind == TokenKind.Word && StfaSyntax.IsIdentifier(single.Text)));
        name = valid ? single.Text : null;
        return valid ? null : $"expected {what}, found '{found}'";
    }
}
