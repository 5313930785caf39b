using System.Runtime.CompilerServices;
using Stoffel.Vm.Instructions;
using Stoffel.Vm.Values;

namespace Stoffel.Vm.Runtime;

/// <summary>
/// The last step in making the plain loop's code (<see cref="RuntimeFunction.PlainCode"/>): every
/// register operand becomes the register's byte offset from the frame's first register, and every
/// spill-slot operand the byte offset of the slot (after the function's registers), so that the
/// loop reaches an operand with one sign extension and an address add instead of also multiplying
/// by the size of a <see cref="Value"/> (24 bytes: two address computations on x64).
/// </summary>
/// <remarks>
/// Only the plain and counting loops run this code (and <c>FusedCall</c>'s argument walks and the
/// in-place builtins it calls, which only they reach); the hooked and tracing loops run the
/// program's own code, whose operands are indices, and hooks see only that code. Every other operand (constant,
/// argument-stack offset, jump target, callee, a superinstruction's counts) is unchanged.
/// Operands fit: the loader accepts register and spill-slot indices up to
/// <see cref="Programs.ProgramBuilder.MaxFrameIndex"/>, so an offset is below 3.2 million.
/// </remarks>
internal static class RegisterOffsets
{
    /// <summary>The bytes one register takes in the value stack.</summary>
    private static readonly int ValueSize = Unsafe.SizeOf<Value>();

    /// <summary>
    /// A copy of <paramref name="code"/> (the fused code of a function with
    /// <paramref name="registerCount"/> registers) with its register and spill-slot operands as byte offsets.
    /// </summary>
    public static Instruction[] Apply(Instruction[] code, int registerCount)
    {
        var result = new Instruction[code.Length];
        for (var i = 0; i < code.Length; i++)
        {
            result[i] = Apply(code[i], registerCount);
        }
        return result;
    }

    private static Instruction Apply(Instruction instruction, int registerCount)
    {
        var (a, b, c) = (instruction.A, instruction.B, instruction.C);
        switch (instruction.Opcode)
        {
            case FusedCall.Opcode: // A: the first PUSHARG's register; B, C: the run's length and callee
                a = Register(a);
                break;
            case FusedCompare.Opcode or FusedCompare.JumpIfLess: // A, B: the CMP's registers; C: the jump
                (a, b) = (Register(a), Register(b));
                break;
            case Opcode.LDS:
                (a, b) = (Register(a), Register(registerCount + b));
                break;
            case Opcode.STS:
                (a, b) = (Register(registerCount + a), Register(b));
                break;
            default:
                var operands = OpcodeTable.Get(instruction.Opcode).Operands;
                a = operands.Count > 0 && operands[0] == OperandKind.Register ? Register(a) : a;
                b = operands.Count > 1 && operands[1] == OperandKind.Register ? Register(b) : b;
                c = operands.Count > 2 && operands[2] == OperandKind.Register ? Register(c) : c;
                break;
        }
        return instruction with { A = a, B = b, C = c };
    }

    private static int Register(int index) => index * ValueSize;
}
