using Stoffel.Vm.Instructions;

namespace Stoffel.Vm.Runtime;

/// <summary>
/// The plain code's stand-in for the immediate operands Stoffel's instruction set lacks: an
/// <see cref="InlineConstant"/> load followed by a fused compare, an <c>ADD</c> or a <c>SUB</c> —
/// as compilers write <c>n &lt; 2</c> and <c>n - 1</c>: <c>LDI r1, 2</c> then <c>CMP r3, r1</c>
/// and its jump, <c>LDI r1, 1</c> then <c>SUB r2, r3, r1</c> — runs both in one dispatch, as Lua
/// runs its <c>LTI</c> and <c>ADDI</c>.
/// </summary>
/// <remarks>
/// <para>Made in <see cref="RuntimeFunction.PlainCode"/> alone, after <see cref="InlineConstant"/>:
/// the load keeps its operands (register A, the constant's 64 bits in B and C) and takes one of
/// the opcodes below, which names the instruction after it; that instruction keeps its place, so
/// a jump to it still works. The load still writes its register (a debugger that stops later sees
/// it), then the loop goes straight on to the next instruction's own case, which counts, fails and
/// charges as it always does: only the dispatch between them is saved.</para>
/// <para>The counting loop, which counts each instruction, runs the load alone, as
/// <see cref="InlineConstant"/>; the tracing loop runs both in the dispatch too, with the next
/// instruction's event between them (<c>VMState.TracePart</c>).</para>
/// </remarks>
internal static class ConstantOperand
{
    /// <summary>A constant load followed by a fused compare (<see cref="FusedCompare"/>).</summary>
    public const Opcode ThenCompare = (Opcode)0x22;

    /// <summary>A constant load followed by a fused compare and JMPLT (<see cref="FusedCompare.JumpIfLess"/>).</summary>
    public const Opcode ThenJumpIfLess = (Opcode)0x27;

    /// <summary>A constant load followed by an <c>ADD</c>.</summary>
    public const Opcode ThenAdd = (Opcode)0x23;

    /// <summary>
    /// A constant load followed by an <c>ADD</c> and a fused call: an upvalue counter's step
    /// (<c>count + 1</c> before its <c>set_upvalue</c>). The plain and recording loops run the
    /// <c>ADD</c>'s I64 case here and go on into a bound <c>set_upvalue</c> without a dispatch; the
    /// bound <c>get_upvalue</c> before it goes on into this case (closure 408.6 → 393.1 machine
    /// instructions per iteration with <see cref="SuccessorFusion.LoadThenCall"/>, bench/pathlength.sh).
    /// A call that is not a bound <c>set_upvalue</c> (a host replaced it) is dispatched as usual.
    /// </summary>
    public const Opcode ThenAddThenCall = (Opcode)0x2D;

    /// <summary>A constant load followed by a <c>SUB</c>.</summary>
    public const Opcode ThenSubtract = (Opcode)0x24;

    /// <summary>
    /// Gives each <see cref="InlineConstant"/> load of <paramref name="plainCode"/> followed by a
    /// fused compare, an <c>ADD</c> or a <c>SUB</c> the opcode that names it, and a load before an
    /// <c>ADD</c> and a fused call <see cref="ThenAddThenCall"/>. (The load writes its register
    /// before the next instruction runs, so which operands that reads does not matter.)
    /// </summary>
    public static void Apply(Instruction[] plainCode)
    {
        SuccessorFusion.NamePairs(plainCode, Pairs);
        for (var i = 0; i + 2 < plainCode.Length; i++)
        {
            if (plainCode[i].Opcode == ThenAdd && plainCode[i + 2].Opcode == FusedCall.Opcode)
            {
                plainCode[i] = plainCode[i] with { Opcode = ThenAddThenCall };
            }
        }
    }

    // The loads above: a constant load, the successor's opcode, the pair's.
    private static readonly (Opcode First, Opcode Next, Opcode Pair)[] Pairs =
    [
        (InlineConstant.Opcode, FusedCompare.Opcode, ThenCompare),
        (InlineConstant.Opcode, FusedCompare.JumpIfLess, ThenJumpIfLess),
        (InlineConstant.Opcode, Opcode.ADD, ThenAdd),
        (InlineConstant.Opcode, Opcode.SUB, ThenSubtract),
    ];
}
