using Stoffel.LanguageServer.Protocol;
using Stoffel.Stdlib;
using Stoffel.Vm.Formats.Assembly;
using Stoffel.Vm.Instructions;

namespace Stoffel.LanguageServer.Features;

/// <summary>
/// Completion: after a mnemonic, what its operand at the cursor can be (the function's registers
/// with their parameter names, its labels, the document's functions and the builtins, literal
/// keywords); at the start of a line in a function, the opcodes, <c>.end</c> and
/// <c>PUSHARG</c>…<c>CALL</c> snippets for each callee; outside functions, a <c>.function</c> snippet.
/// </summary>
internal static class CompletionProvider
{
    private const int MaxRegisterItems = 256;

    public static CompletionItem[] At(StfaDocument document, int line, int column)
    {
        var function = document.FunctionAt(line);
        if (function is null)
        {
            return [new CompletionItem(".function", CompletionItemKind.Snippet, "a new function", null,
                ".function ${1:name}(${2})\n    ${0}\n.end", InsertTextFormat.Snippet)];
        }
        if (document.InstructionAt(line) is { } instruction && column > instruction.Mnemonic.EndColumn)
        {
            var index = OperandIndex(document.LineText(line), instruction.Mnemonic.EndColumn, column);
            return index < instruction.Opcode.Operands.Count
                ? OperandItems(document, function, instruction.Opcode.Operands[index]).ToArray()
                : [];
        }
        return StatementItems(document).ToArray();
    }

    /// <summary>How many commas (outside strings) stand between the mnemonic and the cursor.</summary>
    public static int OperandIndex(string text, int fromColumn, int toColumn)
    {
        var commas = 0;
        var inString = false;
        for (var i = fromColumn - 1; i < Math.Min(toColumn - 1, text.Length); i++)
        {
            switch (text[i])
            {
                case '"':
                    inString = !inString;
                    break;
                case '\\' when inString:
                    i++;
                    break;
                case ',' when !inString:
                    commas++;
                    break;
            }
        }
        return commas;
    }

    /// <summary>The registers a function has: its declared count, else the highest it uses + 1, and at least its parameters.</summary>
    public static int RegisterCount(StfaFunctionSyntax function)
    {
        var used = function.Instructions.SelectMany(i => i.Operands).Where(o => o.Kind == OperandKind.Register).Select(o => o.Number + 1).DefaultIfEmpty(1).Max();
        return Math.Max(function.DeclaredRegisters ?? used, Math.Max(function.Parameters.Count, 1));
    }

    private static IEnumerable<CompletionItem> StatementItems(StfaDocument document)
    {
        foreach (var info in OpcodeTable.All)
        {
            yield return new CompletionItem(info.Mnemonic, CompletionItemKind.Keyword, info.Syntax, MarkupContent.Markdown(info.Summary));
        }
        yield return new CompletionItem(".end", CompletionItemKind.Keyword, "ends the function");
        foreach (var (name, parameters, documentation) in Callees(document))
        {
            var pushes = parameters.Where(p => !p.EndsWith('?')).Select((p, i) => $"PUSHARG ${{{i + 1}:r{i + 1}}}\n");
            yield return new CompletionItem(
                $"call {name}", CompletionItemKind.Snippet, $"PUSHARG… CALL {name}", MarkupContent.Markdown(documentation),
                string.Concat(pushes) + "CALL " + StfaSyntax.FormatName(name), InsertTextFormat.Snippet);
        }
    }

    private static IEnumerable<CompletionItem> OperandItems(StfaDocument document, StfaFunctionSyntax function, OperandKind kind) => kind switch
    {
        OperandKind.Register => Enumerable.Range(0, Math.Min(RegisterCount(function), MaxRegisterItems)).Select(r =>
            new CompletionItem($"r{r}", CompletionItemKind.Variable, r < function.Parameters.Count ? $"parameter {function.Parameters[r].Text}" : "register")),
        OperandKind.Label => function.Labels.Select(label =>
            new CompletionItem(StfaSyntax.FormatName(label.Text), CompletionItemKind.Reference, $"label, line {label.Range.Line}")),
        OperandKind.Function => Callees(document).Select(callee =>
            new CompletionItem(StfaSyntax.FormatName(callee.Name), CompletionItemKind.Function, $"{callee.Name}({string.Join(", ", callee.Parameters)})", MarkupContent.Markdown(callee.Documentation))),
        OperandKind.Constant => new[] { "true", "false", "unit" }.Select(word => new CompletionItem(word, CompletionItemKind.Constant, "literal")),
        OperandKind.StackOffset => [new CompletionItem("[sp+0]", CompletionItemKind.Constant, "the top of the argument stack")],
        _ => [new CompletionItem("s0", CompletionItemKind.Variable, "spill slot")],
    };

    // The document's functions first, then the builtins it does not shadow.
    private static IEnumerable<(string Name, IReadOnlyList<string> Parameters, string Documentation)> Callees(StfaDocument document) =>
        document.Analysis.Functions
            .Where(f => f.Name is not null)
            .Select(f => (f.Name!.Text, (IReadOnlyList<string>)f.Parameters.Select(p => p.Text).ToArray(), FunctionDescriptions.Defined(document, f.Name.Text)!))
            .Concat(BuiltinCatalog.All
                .Where(b => !document.Symbols.DefinesFunction(b.Name))
                .Select(b => (b.Name, b.Parameters, FunctionDescriptions.Builtin(b))))
            .DistinctBy(c => c.Item1);
}
