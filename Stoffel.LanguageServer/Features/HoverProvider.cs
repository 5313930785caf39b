using System.Globalization;
using Stoffel.LanguageServer.Protocol;
using Stoffel.Vm.Formats.Assembly;
using Stoffel.Vm.Instructions;
using Stoffel.Vm.Values;

namespace Stoffel.LanguageServer.Features;

/// <summary>
/// Hover: an opcode's syntax and meaning (from the opcode table), a callee's signature and doc,
/// a label's function and instruction, a literal's kind, a register's role and parameter name.
/// </summary>
internal static class HoverProvider
{
    public static Hover? At(StfaDocument document, int line, int column)
    {
        if (document.Symbols.At(line, column) is { } symbol)
        {
            return new Hover(MarkupContent.Markdown(DescribeSymbol(document, symbol)), symbol.Range.ToLsp());
        }
        if (document.InstructionAt(line) is not { } instruction)
        {
            return null;
        }
        if (instruction.Mnemonic.Contains(line, column))
        {
            var info = instruction.Opcode;
            var text = $"```stfa\n{info.Syntax}\n```\n{info.Summary}\n\nopcode 0x{(byte)info.Opcode:X2}";
            return new Hover(MarkupContent.Markdown(text), instruction.Mnemonic.ToLsp());
        }
        return instruction.Operands.FirstOrDefault(o => o.Range.Contains(line, column)) is { } operand
            ? new Hover(MarkupContent.Markdown(DescribeOperand(document, instruction, operand)), operand.Range.ToLsp())
            : null;
    }

    private static string DescribeSymbol(StfaDocument document, SymbolOccurrence symbol)
    {
        if (symbol.Category == SymbolCategory.Function)
        {
            return FunctionDescriptions.Callee(document, symbol.Name);
        }
        var function = document.Analysis.Functions[symbol.Scope];
        var owner = function.Name?.Text ?? "";
        if (document.Symbols.Definition(symbol) is not { } definition)
        {
            return $"`{symbol.Name}`: unknown label in function `{owner}`";
        }
        var index = function.Instructions.Count(i => (i.Mnemonic.Line, i.Mnemonic.Column).CompareTo((definition.Range.Line, definition.Range.Column)) < 0);
        return $"label `{symbol.Name}` of function `{owner}`: instruction {index}, defined on line {definition.Range.Line}";
    }

    private static string DescribeOperand(StfaDocument document, StfaInstructionSyntax instruction, StfaOperandSyntax operand) => operand.Kind switch
    {
        OperandKind.Register => DescribeRegister(document, instruction, operand),
        OperandKind.Constant => DescribeLiteral(operand.Literal!.Value),
        OperandKind.StackOffset => $"argument-stack slot {operand.Number.ToString(CultureInfo.InvariantCulture)} (0 is the top, negative counts down from it)",
        _ => $"spill slot {operand.Number.ToString(CultureInfo.InvariantCulture)} (LDS reads it, STS writes it)",
    };

    private static string DescribeRegister(StfaDocument document, StfaInstructionSyntax instruction, StfaOperandSyntax operand)
    {
        var function = document.FunctionAt(instruction.Mnemonic.Line)!;
        var role = operand.Position == 0 && instruction.Opcode.WritesRegisterA ? "written" : "read";
        var text = $"register `r{operand.Number}` of `{function.Name?.Text}`, {role} by {instruction.Opcode.Mnemonic}";
        if (operand.Number < function.Parameters.Count)
        {
            text += $"\n\nholds parameter `{function.Parameters[operand.Number].Text}` on entry";
        }
        if (operand.Number == 0)
        {
            text += "\n\nr0 receives the result of every CALL";
        }
        return text;
    }

    private static string DescribeLiteral(Value value) =>
        value.Kind == ValueKind.String
            ? $"`{LiteralFormatter.Format(value)}`: string literal, {value.AsString.Length} UTF-16 code units"
            : $"`{LiteralFormatter.Format(value)}`: {value.Kind.TypeName()} literal";
}
