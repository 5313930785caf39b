using System.Globalization;
using Stoffel.Vm.Instructions;
using Stoffel.Vm.Programs;
using Stoffel.Vm.Values;

namespace Stoffel.Vm.Formats.Assembly;

/// <summary>
/// What the parser produced: the constant pool, the functions, whether LDS/STS appear, and for
/// tools the functions as written and where the directives and comments are.
/// </summary>
internal sealed record ParsedAssembly(
    IReadOnlyList<Value> Constants,
    IReadOnlyList<FunctionDefinition> Functions,
    bool UsesSpillSlots,
    IReadOnlyList<StfaFunctionSyntax> Syntax,
    IReadOnlyList<StfaRange> Keywords,
    IReadOnlyList<StfaRange> Comments);

/// <summary>
/// Parses <c>.stfa</c> text line by line (docs/assembly.md "Lines"): directives, labels and
/// instructions. It keeps going after an error so that one run reports every error; callers must
/// check <see cref="StfaDiagnostics.HasErrors"/> before using the result.
/// </summary>
internal sealed class StfaParser
{
    private readonly StfaDiagnostics _diagnostics;
    private readonly ConstantPoolBuilder _constants = new();
    private readonly OperandParser _operands;
    private readonly List<FunctionDefinition> _functions = [];
    private readonly List<StfaFunctionSyntax> _syntax = [];
    private readonly List<StfaRange> _keywords = [];
    private readonly List<StfaRange> _comments = [];
    private readonly Dictionary<string, int> _functionLines = new(StringComparer.Ordinal);
    private PendingFunction? _current;
    private bool _usesSpillSlots;
    private int _previousLine;

    private StfaParser(StfaDiagnostics diagnostics)
    {
        _diagnostics = diagnostics;
        _operands = new OperandParser(diagnostics, _constants);
    }

    /// <summary>Parses a whole file; errors go to <paramref name="diagnostics"/>.</summary>
    public static ParsedAssembly Parse(string source, StfaDiagnostics diagnostics)
    {
        var parser = new StfaParser(diagnostics);
        var lines = source.TrimStart('\uFEFF').Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var text = lines[i].EndsWith('\r') ? lines[i][..^1] : lines[i];
            var tokens = StfaLexer.Tokenize(text, i + 1, diagnostics, out var commentColumn);
            if (commentColumn > 0)
            {
                parser._comments.Add(new StfaRange(i + 1, commentColumn, text.Length - commentColumn + 1));
            }
            parser.ParseLine(new SourceLine(i + 1, text, tokens));
            parser._previousLine = i + 1;
        }
        parser.CloseUnterminatedFunction();
        return new ParsedAssembly(parser._constants.Values, parser._functions, parser._usesSpillSlots, parser._syntax, parser._keywords, parser._comments);
    }

    private void ParseLine(SourceLine line)
    {
        var tokens = line.Tokens;
        if (tokens.Count == 0)
        {
            return;
        }
        if (tokens[0].Kind == TokenKind.Word && tokens[0].Text.StartsWith('.'))
        {
            ParseDirective(line);
            return;
        }
        var position = 0;
        while (line.IsName(position) && position + 1 < tokens.Count && tokens[position + 1].Kind == TokenKind.Colon)
        {
            DefineLabel(line, tokens[position]);
            position += 2;
        }
        if (position < tokens.Count)
        {
            ParseInstruction(line, position);
        }
    }

    private void DefineLabel(SourceLine line, Token label)
    {
        if (_current is null)
        {
            Error(line.RangeOf(label), StfaErrorCode.OutsideFunction, $"label '{label.Text}' outside a function");
            return;
        }
        _current.DefineLabel(new StfaName(label.Text, line.RangeOf(label)), _diagnostics);
    }

    private void ParseInstruction(SourceLine line, int position)
    {
        var mnemonic = line.Tokens[position];
        if (_current is null)
        {
            Error(line.RangeOf(mnemonic), StfaErrorCode.OutsideFunction, "instruction outside a function");
            return;
        }
        if (mnemonic.Kind != TokenKind.Word || !OpcodeTable.TryParseMnemonic(mnemonic.Text, out var info))
        {
            Error(line.RangeOf(mnemonic), StfaErrorCode.UnknownMnemonic, $"unknown mnemonic '{line.Slice(mnemonic)}'");
            return;
        }
        var syntax = new List<StfaOperandSyntax>();
        _current.AddSyntax(new StfaInstructionSyntax(line.RangeOf(mnemonic), info, syntax));
        if (SplitOperands(line, position + 1) is not { } operands)
        {
            return;
        }
        if (operands.Count != info.Operands.Count)
        {
            Error(new StfaRange(line.Number, mnemonic.Column, line.EndColumn - mnemonic.Column), StfaErrorCode.OperandCount, OperandCountMessage(info, operands.Count));
            return;
        }
        var numbers = new int[3];
        string? symbol = null;
        for (var k = 0; k < operands.Count; k++)
        {
            if (_operands.TryParse(k, info.Operands[k], line, operands[k]) is not { } operand)
            {
                continue;
            }
            syntax.Add(operand);
            numbers[k] = operand.Number;
            if (operand.Symbol is { } name)
            {
                symbol = name;
                if (operand.Kind == OperandKind.Label)
                {
                    _current.ReferenceLabel(new StfaName(name, operand.Range));
                }
            }
        }
        if (syntax.Count == operands.Count)
        {
            _usesSpillSlots |= info.Opcode is Opcode.LDS or Opcode.STS;
            _current.AddInstruction(new InstructionDefinition(info.Opcode, numbers[0], numbers[1], numbers[2], symbol, line.Number));
        }
    }

    private static string OperandCountMessage(OpcodeInfo info, int found)
    {
        var expected = info.Operands.Count;
        return expected == 0
            ? $"{info.Mnemonic} takes no operands, found {found}"
            : $"{info.Mnemonic} takes {expected} operand{(expected == 1 ? "" : "s")} ({string.Join(", ", info.Operands.Select(OperandParser.Describe))}), found {found}";
    }

    // Groups the tokens from position on by commas; null (after reporting) when an operand is empty.
    private List<IReadOnlyList<Token>>? SplitOperands(SourceLine line, int position)
    {
        var operands = new List<IReadOnlyList<Token>>();
        if (position >= line.Tokens.Count)
        {
            return operands;
        }
        var current = new List<Token>();
        foreach (var token in line.Tokens.Skip(position))
        {
            if (token.Kind != TokenKind.Comma)
            {
                current.Add(token);
                continue;
            }
            if (current.Count == 0)
            {
                Error(line.RangeOf(token), StfaErrorCode.Syntax, "missing operand before ','");
                return null;
            }
            operands.Add(current);
            current = [];
        }
        if (current.Count == 0)
        {
            Error(line.RangeAt(line.Tokens.Count), StfaErrorCode.Syntax, "missing operand after ','");
            return null;
        }
        operands.Add(current);
        return operands;
    }

    private void ParseDirective(SourceLine line)
    {
        var directive = line.Tokens[0];
        if (IsDirective(directive.Text))
        {
            _keywords.Add(line.RangeOf(directive));
        }
        switch (directive.Text.ToLowerInvariant())
        {
            case ".function":
                ParseFunctionHeader(line);
                break;
            case ".end" or ".upvalues" or ".parent" when _current is null:
                Error(line.RangeOf(directive), StfaErrorCode.OutsideFunction, $"'{directive.Text}' outside a function");
                break;
            case ".end":
                ExpectEnd(line, 1);
                EndFunction(line.Number);
                break;
            case ".upvalues":
                ParseUpvalues(line, _current!);
                break;
            case ".parent":
                ParseParent(line, _current!);
                break;
            default:
                Error(line.RangeOf(directive), StfaErrorCode.UnknownDirective, $"unknown directive '{directive.Text}'");
                break;
        }
    }

    // .function NAME ( [NAME {, NAME}] ) [registers N]. A broken header still opens the function,
    // so that its body is checked rather than reported line by line as "outside a function".
    private void ParseFunctionHeader(SourceLine line)
    {
        CloseUnterminatedFunction();
        var tokens = line.Tokens;
        var name = line.IsName(1) ? line.NameAt(1) : null;
        var parameters = new List<StfaName>();
        int? registers = null;
        if (name is null)
        {
            ErrorExpected(line, 1, "a function name after .function");
        }
        else if (!Is(line, 2, TokenKind.LeftParen))
        {
            ErrorExpected(line, 2, "'(' after the function name");
        }
        else
        {
            var position = 3;
            if (ReadNameList(line, ref position, "a parameter name", TokenKind.RightParen) is { } names)
            {
                parameters = names;
                registers = ReadRegisterClause(line, position + 1);
            }
        }
        if (name is not null && !_functionLines.TryAdd(name.Text, line.Number))
        {
            Error(name.Range, StfaErrorCode.DuplicateFunction, $"duplicate function '{name.Text}' (first defined on line {_functionLines[name.Text]})");
        }
        _current = new PendingFunction(name, parameters, registers, line.RangeOf(tokens[0]));
    }

    // [registers N] then end of line; null when absent or invalid (invalid is reported).
    private int? ReadRegisterClause(SourceLine line, int position)
    {
        if (position >= line.Tokens.Count)
        {
            return null;
        }
        if (line.Tokens[position].Kind != TokenKind.Word || !string.Equals(line.Tokens[position].Text, "registers", StringComparison.OrdinalIgnoreCase))
        {
            ErrorExpected(line, position, "'registers' or end of line");
            return null;
        }
        _keywords.Add(line.RangeOf(line.Tokens[position]));
        var count = position + 1 < line.Tokens.Count && line.Tokens[position + 1].Kind == TokenKind.Word ? line.Tokens[position + 1].Text : "";
        if (!int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out var registers) || registers > ProgramBuilder.MaxFrameIndex)
        {
            ErrorExpected(line, position + 1, $"a register count from 0 to {ProgramBuilder.MaxFrameIndex}");
            return null;
        }
        ExpectEnd(line, position + 2);
        return registers;
    }

    private void ParseUpvalues(SourceLine line, PendingFunction function)
    {
        var position = 1;
        if (ReadNameList(line, ref position, "an upvalue name", null) is { } names && !function.TrySetUpvalues(names.Select(n => n.Text).ToArray()))
        {
            Error(line.RangeOf(line.Tokens[0]), StfaErrorCode.DuplicateDirective, $"'.upvalues' given twice in function '{function.Name}'");
        }
    }

    private void ParseParent(SourceLine line, PendingFunction function)
    {
        if (!line.IsName(1))
        {
            ErrorExpected(line, 1, "a parent function name");
            return;
        }
        ExpectEnd(line, 2);
        if (!function.TrySetParent(line.NameAt(1)))
        {
            Error(line.RangeOf(line.Tokens[0]), StfaErrorCode.DuplicateDirective, $"'.parent' given twice in function '{function.Name}'");
        }
    }

    // NAME {, NAME} up to the closer (or the end of the line when closer is null), which may come
    // at once for an empty list; position is left on the closer. Null after reporting an error.
    private List<StfaName>? ReadNameList(SourceLine line, ref int position, string what, TokenKind? closer)
    {
        var names = new List<StfaName>();
        var atClose = (int p) => closer is { } kind ? Is(line, p, kind) : p >= line.Tokens.Count;
        if (atClose(position))
        {
            return names;
        }
        while (true)
        {
            if (!line.IsName(position))
            {
                ErrorExpected(line, position, what);
                return null;
            }
            names.Add(line.NameAt(position++));
            if (atClose(position))
            {
                return names;
            }
            if (!Is(line, position, TokenKind.Comma))
            {
                ErrorExpected(line, position, closer is null ? "',' or end of line" : "',' or ')'");
                return null;
            }
            position++;
        }
    }

    private void CloseUnterminatedFunction()
    {
        if (_current is { } open)
        {
            _diagnostics.Add(open.Directive, StfaErrorCode.MissingEnd, $"function '{open.Name}' has no .end");
            EndFunction(_previousLine);
        }
    }

    private void EndFunction(int endLine)
    {
        _functions.Add(_current!.Finish(_diagnostics));
        _syntax.Add(_current.ToSyntax(endLine));
        _current = null;
    }

    private static bool IsDirective(string word) =>
        word.ToLowerInvariant() is ".function" or ".end" or ".upvalues" or ".parent";

    private static bool Is(SourceLine line, int index, TokenKind kind) => index < line.Tokens.Count && line.Tokens[index].Kind == kind;

    private void ExpectEnd(SourceLine line, int position)
    {
        if (position < line.Tokens.Count)
        {
            ErrorExpected(line, position, "end of line");
        }
    }

    private void ErrorExpected(SourceLine line, int index, string what) =>
        Error(line.RangeAt(index), StfaErrorCode.Syntax, $"expected {what}, found {line.Describe(index)}");

    private void Error(StfaRange range, StfaErrorCode code, string message) => _diagnostics.Add(range, code, message);
}
