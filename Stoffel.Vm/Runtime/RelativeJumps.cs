using Stoffel.Vm.Instructions;

namespace Stoffel.Vm.Runtime;

/// <summary>
/// A step in making the plain code (<see cref="RuntimeFunction.PlainCode"/>): every jump's target
/// becomes its distance from the instruction that holds it (a conditional jump's or JMP's operand
/// A, a fused compare's target in operand C: <see cref="FusedCompare"/>), so that the loops that
/// run this code find a target from the instruction at hand and keep no pointer to the code's
/// start across the loop (one register fewer in the dispatch loop, whose locals outnumber the
/// machine's callee-saved registers).
/// </summary>
/// <remarks>
/// Runs after <see cref="BlockCosts.Apply"/>, which looks the costs up by the absolute targets.
/// The program's own code, which the hooked loop runs and hooks see, keeps them absolute.
/// </remarks>
internal static class RelativeJumps
{
    /// <summary>Makes the jump targets of <paramref name="plainCode"/> relative, in place.</summary>
    public static void Apply(Instruction[] plainCode)
    {
        for (var i = 0; i < plainCode.Length; i++)
        {
            var instruction = plainCode[i];
            if (FusedCompare.IsFused(instruction.Opcode))
            {
                plainCode[i] = instruction with { C = FusedCompare.WithTarget(instruction.C, FusedCompare.Target(instruction.C) - i) };
            }
            else if (OpcodeTable.IsDefined((byte)instruction.Opcode) && OpcodeTable.Get(instruction.Opcode).Flow.Jumps())
            {
                plainCode[i] = instruction with { A = instruction.A - i };
            }
        }
    }
}
