using System.Globalization;
using Stoffel.Vm.Formats.Assembly;
using Stoffel.Vm.Instructions;
using Stoffel.Vm.Programs;
using Stoffel.Vm.Values;

namespace Stoffel.Hooks.Tracing;

/// <summary>
/// How trace lines render instructions and values. Instructions read like the disassembler's
/// (<c>SUB r2, r3, r1</c>, <c>LDI r1, "text"</c>, <c>JMPLT base</c>, <c>CALL fib</c>), built from
/// <see cref="OpcodeTable"/> metadata; values as <c>print</c> shows them, with strings quoted so
/// <c>"1"</c> and <c>1</c> differ.
/// </summary>
internal static class TraceFormat
{
    /// <summary>Formats <paramref name="instruction"/> of <paramref name="function"/>; <paramref name="program"/> supplies constants and callee names (shown as <c>#N</c> without it).</summary>
    public static string Instruction(StoffelProgram? program, CompiledFunction function, Instruction instruction)
    {
        var info = OpcodeTable.Get(instruction.Opcode);
        if (info.Operands.Count == 0)
        {
            return info.Mnemonic;
        }
        var operands = info.Operands.Select((kind, position) => Operand(program, function, instruction, kind, position));
        return $"{info.Mnemonic} {string.Join(", ", operands)}";
    }

    /// <summary>Formats a value: literals for scalars and strings, <c>print</c>'s form for the rest.</summary>
    public static string Value(Value value) => value.Kind == ValueKind.String ? LiteralFormatter.Quote(value.AsString) : ValueFormatter.Format(value);

    private static string Operand(StoffelProgram? program, CompiledFunction function, Instruction instruction, OperandKind kind, int position)
    {
        var operand = position switch { 0 => instruction.A, 1 => instruction.B, _ => instruction.C };
        var number = operand.ToString(CultureInfo.InvariantCulture);
        return kind switch
        {
            OperandKind.Register => "r" + number,
            OperandKind.Constant => program is null ? "#" + number : Value(program.Constants[operand]),
            OperandKind.StackOffset => "[sp" + (operand < 0 ? "" : "+") + number + "]",
            OperandKind.SpillSlot => "s" + number,
            OperandKind.Label => function.Labels[instruction.B].Name,
            _ => program is null ? "#" + number : program.CalleeNames[operand],
        };
    }
}
