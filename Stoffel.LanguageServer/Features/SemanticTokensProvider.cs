using Stoffel.LanguageServer.Protocol;
using Stoffel.Stdlib;
using Stoffel.Vm.Formats.Assembly;
using Stoffel.Vm.Instructions;
using Stoffel.Vm.Values;

namespace Stoffel.LanguageServer.Features;

/// <summary>
/// Semantic tokens for the whole document, from the assembler's analysis: directives, mnemonics,
/// function and label definitions and uses, parameters (also the registers that hold them),
/// registers and slots, literals by kind, and comments.
/// </summary>
internal static class SemanticTokensProvider
{
    private enum TokenType
    {
        Macro,
        Keyword,
        Function,
        Parameter,
        Label,
        Variable,
        Number,
        String,
        EnumMember,
        Comment,
    }

    private const int Declaration = 1;
    private const int DefaultLibrary = 2;

    public static SemanticTokensLegend Legend { get; } = new(
        ["macro", "keyword", "function", "parameter", "label", "variable", "number", "string", "enumMember", "comment"],
        ["declaration", "defaultLibrary"]);

    public static SemanticTokens For(StfaDocument document)
    {
        var tokens = Collect(document)
            .Where(t => t.Range.Length > 0)
            .OrderBy(t => t.Range.Line)
            .ThenBy(t => t.Range.Column)
            .ToList();
        var data = new List<int>(tokens.Count * 5);
        var (line, column, end) = (1, 1, 1);
        foreach (var (range, type, modifiers) in tokens)
        {
            if (range.Line == line && range.Column < end)
            {
                continue;
            }
            data.AddRange([range.Line - line, range.Line == line ? range.Column - column : range.Column - 1, range.Length, (int)type, modifiers]);
            (line, column, end) = (range.Line, range.Column, range.EndColumn);
        }
        return new SemanticTokens(data.ToArray());
    }

    private static IEnumerable<(StfaRange Range, TokenType Type, int Modifiers)> Collect(StfaDocument document)
    {
        var analysis = document.Analysis;
        foreach (var keyword in analysis.Keywords)
        {
            yield return (keyword, TokenType.Macro, 0);
        }
        foreach (var comment in analysis.Comments)
        {
            yield return (comment, TokenType.Comment, 0);
        }
        foreach (var function in analysis.Functions)
        {
            if (function.Name is { } name)
            {
                yield return (name.Range, TokenType.Function, Declaration);
            }
            if (function.Parent is { } parent)
            {
                yield return (parent.Range, TokenType.Function, 0);
            }
            foreach (var parameter in function.Parameters)
            {
                yield return (parameter.Range, TokenType.Parameter, Declaration);
            }
            foreach (var label in function.Labels)
            {
                yield return (label.Range, TokenType.Label, Declaration);
            }
            foreach (var instruction in function.Instructions)
            {
                yield return (instruction.Mnemonic, TokenType.Keyword, 0);
                foreach (var operand in instruction.Operands)
                {
                    yield return (operand.Range, Classify(function, operand), IsBuiltinCall(document, operand) ? DefaultLibrary : 0);
                }
            }
        }
    }

    private static TokenType Classify(StfaFunctionSyntax function, StfaOperandSyntax operand) => operand.Kind switch
    {
        OperandKind.Register when operand.Number < function.Parameters.Count => TokenType.Parameter,
        OperandKind.Constant => operand.Literal!.Value.Kind switch
        {
            ValueKind.String => TokenType.String,
            ValueKind.Bool or ValueKind.Unit => TokenType.EnumMember,
            _ => TokenType.Number,
        },
        OperandKind.Label => TokenType.Label,
        OperandKind.Function => TokenType.Function,
        _ => TokenType.Variable,
    };

    private static bool IsBuiltinCall(StfaDocument document, StfaOperandSyntax operand) =>
        operand is { Kind: OperandKind.Function, Symbol: { } name } && !document.Symbols.DefinesFunction(name) && BuiltinCatalog.Find(name) is not null;
}
