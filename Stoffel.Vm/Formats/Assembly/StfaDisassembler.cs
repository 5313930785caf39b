using System.Globalization;
using System.Text;
using Stoffel.Vm.Instructions;
using Stoffel.Vm.Programs;

namespace Stoffel.Vm.Formats.Assembly;

/// <summary>
/// Turns a loaded program back into <c>.stfa</c> text (docs/assembly.md "Disassembly") that
/// <see cref="StfaAssembler"/> assembles into the same functions, instructions, labels and
/// constants: literals keep their exact kind and bits, names that are not plain identifiers are
/// quoted, every function states its declared <c>registers</c> count. Type signatures (STFL v5+)
/// and the manifest are not part of the text.
/// </summary>
public static class StfaDisassembler
{
    private const string Indent = "    ";

    /// <summary>Disassembles <paramref name="program"/>; lines end with <c>\n</c>.</summary>
    /// <param name="program">Any loaded or assembled program.</param>
    /// <returns>The assembly text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="program"/> is null.</exception>
    public static string Disassemble(StoffelProgram program) => Disassemble(program, out _);

    /// <summary>
    /// Disassembles <paramref name="program"/> and reports where each instruction landed, so a
    /// debugger can show and step through the text of a binary that has no source.
    /// </summary>
    /// <param name="program">Any loaded or assembled program.</param>
    /// <param name="lineMaps">
    /// One array per function of <see cref="StoffelProgram.Functions"/>, in the same order; element
    /// <c>i</c> is the 1-based line of instruction <c>i</c> in the returned text (the same shape as
    /// <see cref="CompiledFunction.SourceLines"/>).
    /// </param>
    /// <returns>The assembly text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="program"/> is null.</exception>
    public static string Disassemble(StoffelProgram program, out IReadOnlyList<int[]> lineMaps)
    {
        ArgumentNullException.ThrowIfNull(program);
        var text = new StringBuilder();
        var lineCount = 0;
        void WriteLine(string line)
        {
            text.Append(line).Append('\n');
            lineCount++;
        }

        var maps = new List<int[]>(program.Functions.Count);
        foreach (var function in program.Functions)
        {
            if (function.Index > 0)
            {
                WriteLine("");
            }
            var parameters = string.Join(", ", function.Parameters.Select(StfaSyntax.FormatName));
            WriteLine($".function {StfaSyntax.FormatName(function.Name)}({parameters}) registers {function.DeclaredRegisterCount}");
            if (function.Upvalues.Count > 0)
            {
                WriteLine($"{Indent}.upvalues {string.Join(", ", function.Upvalues.Select(StfaSyntax.FormatName))}");
            }
            if (function.Parent is { } parent)
            {
                WriteLine($"{Indent}.parent {StfaSyntax.FormatName(parent)}");
            }
            var labelsAt = function.Labels.ToLookup(label => label.Index);
            var map = new int[function.Instructions.Length];
            for (var index = 0; index <= function.Instructions.Length; index++)
            {
                foreach (var label in labelsAt[index])
                {
                    WriteLine(StfaSyntax.FormatName(label.Name) + ":");
                }
                if (index < function.Instructions.Length)
                {
                    WriteLine(Indent + FormatInstruction(program, function, function.Instructions[index]));
                    map[index] = lineCount;
                }
            }
            WriteLine(".end");
            maps.Add(map);
        }
        lineMaps = maps;
        return text.ToString();
    }

    /// <summary>
    /// One instruction as <see cref="Disassemble(StoffelProgram)"/> writes it, without the
    /// indentation (<c>LDI r1, 20</c>, <c>JMPLT base</c>, <c>CALL fib</c>): what a debugger's
    /// disassembly view shows.
    /// </summary>
    /// <param name="program">The program holding <paramref name="function"/> (for constants and callee names).</param>
    /// <param name="function">The function.</param>
    /// <param name="index">The instruction's index in <paramref name="function"/>.</param>
    /// <returns>The instruction text.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is not an instruction of <paramref name="function"/>.</exception>
    public static string FormatInstruction(StoffelProgram program, CompiledFunction function, int index)
    {
        ArgumentNullException.ThrowIfNull(program);
        ArgumentNullException.ThrowIfNull(function);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, function.Instructions.Length);
        return FormatInstruction(program, function, function.Instructions[index]);
    }

    private static string FormatInstruction(StoffelProgram program, CompiledFunction function, Instruction instruction)
    {
        var info = OpcodeTable.Get(instruction.Opcode);
        if (info.Operands.Count == 0)
        {
            return info.Mnemonic;
        }
        var operands = info.Operands.Select((kind, position) => FormatOperand(program, function, instruction, kind, FrameLayout.Operand(instruction, position)));
        return $"{info.Mnemonic} {string.Join(", ", operands)}";
    }

    // A jump's label is named by its ordinal in B, not by its target index in A, so that
    // labels sharing an index keep their own names.
    private static string FormatOperand(StoffelProgram program, CompiledFunction function, Instruction instruction, OperandKind kind, int operand) => kind switch
    {
        OperandKind.Register => "r" + operand.ToString(CultureInfo.InvariantCulture),
        OperandKind.Constant => LiteralFormatter.Format(program.Constants[operand]),
        OperandKind.StackOffset => "[sp" + (operand < 0 ? "" : "+") + operand.ToString(CultureInfo.InvariantCulture) + "]",
        OperandKind.SpillSlot => "s" + operand.ToString(CultureInfo.InvariantCulture),
        OperandKind.Label => StfaSyntax.FormatName(function.Labels[instruction.B].Name),
        _ => StfaSyntax.FormatName(program.CalleeNames[operand]),
    };
}
