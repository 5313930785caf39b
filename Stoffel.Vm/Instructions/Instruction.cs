using System.Runtime.InteropServices;

namespace Stoffel.Vm.Instructions;

/// <summary>
/// A pre-decoded instruction: the opcode and up to three integer operands in encoding order
/// (see <see cref="OpcodeInfo.Operands"/>). Operands are already resolved: a jump's A is the
/// target instruction index and its B the index of the label in
/// <see cref="Programs.CompiledFunction.Labels"/> it was written with; a CALL's A indexes
/// <see cref="Programs.StoffelProgram.CalleeNames"/>; an LDI's B indexes the constant pool.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public readonly record struct Instruction(Opcode Opcode, int A, int B, int C)
{
    /// <summary>An instruction with no operands.</summary>
    public Instruction(Opcode opcode) : this(opcode, 0, 0, 0)
    {
    }
}
