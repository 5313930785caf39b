using System.Runtime.CompilerServices;
using Stoffel.Vm.Instructions;
using Stoffel.Vm.Values;

namespace Stoffel.Vm.Runtime;

/// <summary>
/// The plain code's <c>LDI</c> of an I64 constant, with the constant in the instruction: its
/// register operand A (a byte offset, <see cref="RegisterOffsets"/>) as LDI's, its 64 bits in B
/// (low half) and C (high half), so that loading it reads neither the constant pool nor the
/// constant's kind. Compilers load every integer literal this way (fib loads two per call).
/// </summary>
/// <remarks>
/// Made in <see cref="RuntimeFunction.PlainCode"/> alone, like the other superinstructions
/// (<see cref="FusedCall"/>); the program's own code keeps its LDI, which hooks see.
/// </remarks>
internal static class InlineConstant
{
    /// <summary>The instruction's opcode: the one after <see cref="BoundBuiltinCall"/>'s.</summary>
    public const Opcode Opcode = (Opcode)0x21;

    /// <summary>Replaces, in <paramref name="plainCode"/>, each LDI of an I64 constant of <paramref name="constants"/>.</summary>
    public static void Apply(Instruction[] plainCode, Value[] constants)
    {
        for (var i = 0; i < plainCode.Length; i++)
        {
            var instruction = plainCode[i];
            if (instruction.Opcode == Instructions.Opcode.LDI && constants[instruction.B] is { Kind: ValueKind.I64 } constant)
            {
                plainCode[i] = new Instruction(Opcode, instruction.A, unchecked((int)constant.Bits), (int)(constant.Bits >> 32));
            }
        }
    }

    /// <summary>
    /// The constant <paramref name="instruction"/> (of this opcode) loads: B and C read as one
    /// 64-bit word, which they are in memory on a little-endian machine (B the low half, at byte
    /// 8 of the instruction). One load, where composing the halves took four machine instructions.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // the dispatch loop's budget of inlinees runs out before it otherwise
    public static long Value(in Instruction instruction) =>
        BitConverter.IsLittleEndian
            ? Unsafe.ReadUnaligned<long>(ref Unsafe.AddByteOffset(ref Unsafe.As<Instruction, byte>(ref Unsafe.AsRef(in instruction)), OperandBOffset))
            : (uint)instruction.B | ((long)instruction.C << 32);

    // Where operand B starts in an Instruction (opcode, A, B, C: sequential, four bytes each).
    private const int OperandBOffset = 8;
}
