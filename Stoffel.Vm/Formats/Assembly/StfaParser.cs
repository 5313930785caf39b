using System.Globalization;
using Stoffel.Vm.Instructions;
using Stoffel.Vm.Programs;
using Stoffel.Vm.Values;

namespace Stoffel.Vm.Formats.Assembly;

/// <summary>What the parser produced: the constant pool, the functions and whether LDS/STS appear.</summary>
internal sealed record ParsedAssembly(IReadOnlyList<Value> Constants, IReadOnlyList<FunctionDefinition> Functions, bool UsesSpillSlots);

/// <summary>
/// Parses <c>.stfa</c> text line by line (DESIGN.md §6): directives, labels and instructions.
/// It keeps going after an error so that one run reports every error; callers must check
/// <see cref="StfaDiagnostics.HasErrors"/> before using the result.
/// </summary>
internal sealed class StfaParser
{
    private readonly StfaDiagnostics _diagnostics;
    private readonly ConstantPoolBuilder _constants = new();
    private readonly OperandParser _operands;
    private readonly List<FunctionDefinition> _functions = [];
    private readonly Dictionary<string, int> _functionLines = new(StringComparer.Ordinal);
    private PendingFunction? _current;
    private bool _usesSpillSlots;

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
            parser.ParseLine(new SourceLine(i + 1, text, StfaLexer.Tokenize(text, i + 1, diagnostics)));
        }
        parser.CloseUnterminatedFunction();
        return new ParsedAssembly(parser._constants.Values, parser._functions, parser._usesSpillSlots);
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
            Error(line, label.Column, $"label '{label.Text}' outside a function");
            return;
        }
        _current.DefineLabel(label.Text, line.Number, label.Column, _diagnostics);
    }

    private void ParseInstruction(SourceLine line, int position)
    {
        var mnemonic = line.Tokens[position];
        if (_current is null)
        {
            Error(line, mnemonic.Column, "instruction outside a function");
            return;
        }
        if (mnemonic.Kind != TokenKind.Word || !OpcodeTable.TryParseMnemonic(mnemonic.Text, out var info))
        {
            Error(line, mnemonic.Column, $"unknown mnemonic '{line.Slice(mnemonic)}'");
            return;
        }
        if (SplitOperands(line, position + 1) is not { } operands)
        {
            return;
        }
        if (operands.Count != info.Operands.Count)
        {
            Error(line, mnemonic.Column, OperandCountMessage(info, operands.Count));
            return;
        }
        var numbers = new int[3];
        string? symbol = null;
        var valid = true;
        for (var k = 0; k < operands.Count; k++)
        {
            if (!_operands.TryParse(info.Operands[k], line, operands[k], out numbers[k], out var name))
            {
                valid = false;
            }
            else if (name is not null)
            {
                symbol = name;
                if (info.Operands[k] == OperandKind.Label)
                {
                    _current.ReferenceLabel(name, line.Number, operands[k][0].Column);
                }
            }
        }
        if (valid)
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
                Error(line, token.Column, "missing operand before ','");
                return null;
            }
            operands.Add(current);
            current = [];
        }
        if (current.Count == 0)
        {
            Error(line, line.EndColumn, "missing operand after ','");
            return null;
        }
        operands.Add(current);
        return operands;
    }

    private void ParseDirective(SourceLine line)
    {
        var directive = line.Tokens[0];
        switch (directive.Text.ToLowerInvariant())
        {
            case ".function":
                ParseFunctionHeader(line);
                break;
            case ".end" or ".upvalues" or ".parent" when _current is null:
                Error(line, directive.Column, $"'{directive.Text}' outside a function");
                break;
            case ".end":
                ExpectEnd(line, 1);
                EndFunction();
                break;
            case ".upvalues":
                ParseUpvalues(line, _current!);
                break;
            case ".parent":
                ParseParent(line, _current!);
                break;
            default:
                Error(line, directive.Column, $"unknown directive '{directive.Text}'");
                break;
        }
    }

    // .function NAME ( [NAME {, NAME}] ) [registers N]. A broken header still opens the function,
    // so that its body is checked rather than reported line by line as "outside a function".
    private void ParseFunctionHeader(SourceLine line)
    {
        CloseUnterminatedFunction();
        var tokens = line.Tokens;
        var name = line.IsName(1) ? tokens[1].Text : null;
        var parameters = new List<string>();
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
        if (name is not null && !_functionLines.TryAdd(name, line.Number))
        {
            Error(line, tokens[1].Column, $"duplicate function '{name}' (first defined on line {_functionLines[name]})");
        }
        _current = new PendingFunction(name ?? "", parameters, registers, line.Number, tokens[0].Column);
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
        if (ReadNameList(line, ref position, "an upvalue name", null) is { } names && !function.TrySetUpvalues(names))
        {
            Error(line, line.Tokens[0].Column, $"'.upvalues' given twice in function '{function.Name}'");
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
        if (!function.TrySetParent(line.Tokens[1].Text))
        {
            Error(line, line.Tokens[0].Column, $"'.parent' given twice in function '{function.Name}'");
        }
    }

    // NAME {, NAME} up to the closer (or the end of the line when closer is null), which may come
    // at once for an empty list; position is left on the closer. Null after reporting an error.
    private List<string>? ReadNameList(SourceLine line, ref int position, string what, TokenKind? closer)
    {
        var names = new List<string>();
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
            names.Add(line.Tokens[position++].Text);
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
            _diagnostics.Add(open.Line, open.Column, $"function '{open.Name}' has no .end");
            EndFunction();
        }
    }

    private void EndFunction()
    {
        _functions.Add(_current!.Finish(_diagnostics));
        _current = null;
    }

    private static bool Is(SourceLine line, int index, TokenKind kind) => index < line.Tokens.Count && line.Tokens[index].Kind == kind;

    private void ExpectEnd(SourceLine line, int position)
    {
        if (position < line.Tokens.Count)
        {
            ErrorExpected(line, position, "end of line");
        }
    }

    private void ErrorExpected(SourceLine line, int index, string what) =>
        Error(line, line.ColumnOf(index), $"expected {what}, found {line.Describe(index)}");

    private void Error(SourceLine line, int column, string message) => _diagnostics.Add(line.Number, column, message);
}
