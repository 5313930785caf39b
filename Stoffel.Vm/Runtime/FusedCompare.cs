using Stoffel.Vm.Instructions;

namespace Stoffel.Vm.Runtime;

/// <summary>
/// The plain loop's other superinstruction: a <c>CMP</c> and the conditional jump after it —
/// every loop's test — dispatched once, like Lua's <c>LT</c> with its jump.
/// </summary>
/// <remarks>
/// <para>In <see cref="RuntimeFunction.PlainCode"/> (see <see cref="FusedCall"/> for the two
/// copies of the code) a CMP followed by JMPEQ, JMPNEQ, JMPLT or JMPGT becomes
/// <c>CMPJMP left, right, target·flags</c>: the CMP's registers, the jump's target shifted left
/// by three, and in the low three bits which compare flags take the jump (bit <c>flag + 1</c>).
/// The jump keeps its place, so a jump to it still works.</para>
/// <para>Executing one counts two instructions (the block the loop charged on entering it holds
/// both: <see cref="BlockCosts"/>) and sets the frame's compare flag as the CMP does; its jump
/// charges the block it leads to with the costs the jump instruction after it carries. Operands
/// other than two I64s run it as the CMP it replaced.</para>
/// </remarks>
internal static class FusedCompare
{
    /// <summary>The superinstruction's opcode: the one after <see cref="FusedCall.Opcode"/>.</summary>
    public const Opcode Opcode = (Opcode)0x1B;

    /// <summary>
    /// The superinstruction of a CMP and a <c>JMPLT</c> (every counted loop's test, and
    /// <c>n &lt; 2</c>): operands as <see cref="Opcode"/>'s, but the plain loop jumps on the
    /// comparison itself rather than on the flag it sets.
    /// </summary>
    public const Opcode JumpIfLess = (Opcode)0x26;

    /// <summary>Whether <paramref name="opcode"/> is one of the fused compares (<see cref="Opcode"/>, <see cref="JumpIfLess"/>).</summary>
    public static bool IsFused(Opcode opcode) => opcode is Opcode or JumpIfLess;

    private const int FlagBits = 3;
    private const int MaxTarget = int.MaxValue >> FlagBits;

    /// <summary>
    /// <paramref name="code"/> with each CMP-and-jump pair fused, or <paramref name="code"/> itself
    /// when there is none.
    /// </summary>
    public static Instruction[] Fuse(Instruction[] code)
    {
        Instruction[]? fused = null;
        for (var i = 0; i + 1 < code.Length; i++)
        {
            if (code[i].Opcode != Opcode.CMP || TakingFlags(code[i + 1].Opcode) is not { } flags || code[i + 1].A > MaxTarget)
            {
                continue;
            }
            fused ??= (Instruction[])code.Clone();
            fused[i] = new Instruction(code[i + 1].Opcode == Instructions.Opcode.JMPLT ? JumpIfLess : Opcode, code[i].A, code[i].B, code[i + 1].A << FlagBits | flags);
        }
        return fused ?? code;
    }

    /// <summary>A fused compare's operand C, <paramref name="operand"/>, with its jump target replaced by <paramref name="target"/> (<see cref="RelativeJumps"/>).</summary>
    public static int WithTarget(int operand, int target) => target << FlagBits | (operand & ((1 << FlagBits) - 1));

    /// <summary>The jump target of a fused compare's operand C (in the plain code, its distance from the fused compare: <see cref="RelativeJumps"/>).</summary>
    public static int Target(int operand) => operand >> FlagBits;

    /// <summary>Whether a fused compare whose operand C is <paramref name="operand"/> jumps on <paramref name="flag"/>.</summary>
    public static bool Takes(int operand, CompareFlag flag) => ((operand >> ((int)flag + 1)) & 1) != 0;

    // The flags on which a conditional jump jumps, as bits flag + 1; null for any other opcode.
    private static int? TakingFlags(Opcode opcode) => opcode switch
    {
        Opcode.JMPEQ => Bit(CompareFlag.Equal),
        Opcode.JMPNEQ => Bit(CompareFlag.Less) | Bit(CompareFlag.Greater),
        Opcode.JMPLT => Bit(CompareFlag.Less),
        Opcode.JMPGT => Bit(CompareFlag.Greater),
        _ => null,
    };

    private static int Bit(CompareFlag flag) => 1 << ((int)flag + 1);
}
