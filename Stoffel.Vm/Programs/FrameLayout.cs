using Stoffel.Vm.Instructions;

namespace Stoffel.Vm.Programs;

/// <summary>
/// Frame-size rules shared by every loader, as upstream sizes frames: the declared register count
/// is only a hint, and LDS/STS name spill slots of their own (only their register operand counts as
/// a register).
/// </summary>
internal static class FrameLayout
{
    /// <summary>max(declared, 1, parameters, highest register operand + 1).</summary>
    public static int NormalisedRegisterCount(int declared, int parameterCount, Instruction[] instructions)
    {
        var count = Math.Max(Math.Max(declared, 1), parameterCount);
        foreach (var instruction in instructions)
        {
            var operands = OpcodeTable.Get(instruction.Opcode).Operands;
            for (var i = 0; i < operands.Count; i++)
            {
                if (operands[i] == OperandKind.Register)
                {
                    count = Math.Max(count, Operand(instruction, i) + 1);
                }
            }
        }
        return count;
    }

    /// <summary>Highest spill slot named by LDS/STS + 1.</summary>
    public static int SpillSlotCount(Instruction[] instructions)
    {
        var count = 0;
        foreach (var instruction in instructions)
        {
            if (instruction.Opcode == Opcode.LDS)
            {
                count = Math.Max(count, instruction.B + 1);
            }
            else if (instruction.Opcode == Opcode.STS)
            {
                count = Math.Max(count, instruction.A + 1);
            }
        }
        return count;
    }

    /// <summary>Operand <paramref name="position"/> (0 = A) of an instruction.</summary>
    public static int Operand(Instruction instruction, int position) => position switch
    {
        0 => instruction.A,
        1 => instruction.B,
        _ => instruction.C,
    };
}
