using Stoffel.LanguageServer.Protocol;
using Stoffel.Stdlib;
using Stoffel.Vm.Instructions;

namespace Stoffel.LanguageServer.Features;

/// <summary>
/// Signature help. On a <c>CALL</c>: the callee's parameters, the active one being the last of the
/// <c>PUSHARG</c>s since the previous <c>CALL</c> (the documentation says how many were pushed). On any
/// other instruction: its operands (<c>ADD rD, rA, rB</c>), the active one under the cursor.
/// </summary>
internal static class SignatureHelpProvider
{
    public static SignatureHelp? At(StfaDocument document, int line, int column)
    {
        if (document.InstructionAt(line) is not { } instruction || document.FunctionAt(line) is not { } function)
        {
            return null;
        }
        if (instruction.Opcode.Opcode != Opcode.CALL || instruction.Operands.Count == 0)
        {
            var operand = CompletionProvider.OperandIndex(document.LineText(line), instruction.Mnemonic.EndColumn, column);
            var info = instruction.Opcode;
            var signature = new SignatureInformation(info.Syntax, MarkupContent.Markdown(info.Summary), info.OperandPlaceholders.Select(p => new ParameterInformation(p)).ToArray());
            return new SignatureHelp([signature], 0, operand);
        }
        var name = instruction.Operands[0].Symbol!;
        var parameters = Parameters(document, name);
        if (parameters is null)
        {
            return null;
        }
        var pushed = function.Instructions
            .TakeWhile(i => i != instruction)
            .Reverse()
            .TakeWhile(i => i.Opcode.Opcode != Opcode.CALL)
            .Count(i => i.Opcode.Opcode == Opcode.PUSHARG);
        var label = $"{name}({string.Join(", ", parameters)})";
        // The last argument pushed; a variadic parameter takes all the rest.
        var active = Math.Clamp(pushed - 1, 0, Math.Max(parameters.Count - 1, 0));
        return new SignatureHelp(
            [new SignatureInformation(label, MarkupContent.Markdown($"{pushed} argument{(pushed == 1 ? "" : "s")} pushed"), parameters.Select(p => new ParameterInformation(p)).ToArray())],
            0, active);
    }

    private static IReadOnlyList<string>? Parameters(StfaDocument document, string name) =>
        document.Analysis.Functions.FirstOrDefault(f => f.Name?.Text == name) is { } defined
            ? defined.Parameters.Select(p => p.Text).ToArray()
            : BuiltinCatalog.Find(name)?.Parameters;
}
