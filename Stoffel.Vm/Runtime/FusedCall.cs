using Stoffel.Vm.Instructions;

namespace Stoffel.Vm.Runtime;

/// <summary>
/// The plain loop's superinstruction: a run of <c>PUSHARG</c>s and the <c>CALL</c> after it,
/// dispatched once. Compilers emit every call as such a run, so a call of <c>set_field</c> costs
/// four dispatches and three argument-stack writes where Lua's SETFIELD costs one.
/// </summary>
/// <remarks>
/// <para>Each function keeps two copies of its code of the same length
/// (<see cref="RuntimeFunction.PlainCode"/>): the hooked loop runs the program's own
/// instructions, one at a time, so hooks see every PUSHARG; the plain and counting loops, which
/// run only while no hook needs per-instruction work in the function, run the copy where each
/// PUSHARG that starts (or lies inside) a run ending in a CALL is replaced by
/// <c>FUSEDCALL r, pushes, callee</c>: its own register, the PUSHARGs from it to the CALL, and
/// the CALL's callee index (and each CMP before a conditional jump by <see cref="FusedCompare"/>'s
/// instruction). Every other instruction keeps its opcode and its index (its register operands
/// become byte offsets in that copy: <see cref="RegisterOffsets"/>), so a jump
/// into the middle of a run, a frame's <c>Ip</c> and a switch between loops all mean the same
/// instruction in both copies.</para>
/// <para>Executing one counts <c>pushes + 1</c> instructions, as the run would: they belong to
/// the block the loop charged on entering it (<see cref="BlockCosts"/>; the counting loop also
/// counts each of them in its counters). It first tries
/// the callee's intrinsic on the registers themselves (no argument-stack writes) when the run
/// is all the CALL will take (nothing was pushed before a jump into it); otherwise it
/// pushes the arguments and runs the CALL exactly as the unfused code does, so call events,
/// errors and their positions are the CALL's own. When the argument stack must grow and no
/// builtin took the run in place (which writes nothing there), it runs as the PUSHARG it
/// replaced.</para>
/// </remarks>
internal static class FusedCall
{
    /// <summary>
    /// The superinstruction's opcode: the first after the last one the program format defines
    /// (<c>STS</c>, 0x19), which the loader refuses in a program, so it never leaves the VM; the
    /// dispatch's jump table covers it with the program's opcodes (out of its range, each
    /// superinstruction took compares or a second table first).
    /// </summary>
    public const Opcode Opcode = (Opcode)0x1A;

    /// <summary>The longest run fused: calls with more arguments are rare and gain little.</summary>
    public const int MaxPushes = 8;

    /// <summary>
    /// The plain loop's copy of <paramref name="code"/>, or <paramref name="code"/> itself when
    /// nothing fuses.
    /// </summary>
    public static Instruction[] Fuse(Instruction[] code)
    {
        Instruction[]? fused = null;
        var pushes = 0; // PUSHARGs from the next instruction up to a CALL, or 0 when none end in one
        var callee = 0;
        for (var i = code.Length - 1; i >= 0; i--)
        {
            var instruction = code[i];
            switch (instruction.Opcode)
            {
                case Opcode.CALL:
                    (pushes, callee) = (0, instruction.A);
                    continue;
                case Opcode.PUSHARG when i + 1 < code.Length
                    && (code[i + 1].Opcode == Opcode.CALL || pushes > 0):
                    pushes++;
                    if (pushes <= MaxPushes)
                    {
                        fused ??= (Instruction[])code.Clone();
                        fused[i] = new Instruction(Opcode, instruction.A, pushes, callee);
                    }
                    continue;
                default:
                    pushes = 0;
                    continue;
            }
        }
        return fused ?? code;
    }
}
