using Stoffel.Vm.Instructions;

namespace Stoffel.Vm.Runtime;

/// <summary>
/// Gives each <c>CALL</c> of the plain code its own index in operand B, which a program's
/// <c>CALL</c> leaves unused (its A names the callee, and <see cref="BlockCosts.Apply"/> puts the
/// cost of the block after it in C). A fused run's direct entry stores that index as its frame's
/// <c>Ip</c>, where the return goes on after, with one load from the run's own code instead of
/// computing it from the code's start (<c>VMState.CallIndexOf</c>).
/// </summary>
/// <remarks>Made in <see cref="RuntimeFunction.PlainCode"/> alone: the hooked loop, the debugger and hooks see the program's own <c>CALL</c>.</remarks>
internal static class CallSites
{
    /// <summary>Writes each <c>CALL</c>'s index in <paramref name="plainCode"/> into its operand B.</summary>
    public static void Apply(Instruction[] plainCode)
    {
        for (var i = 0; i < plainCode.Length; i++)
        {
            if (plainCode[i].Opcode == Opcode.CALL)
            {
                plainCode[i] = plainCode[i] with { B = i };
            }
        }
    }
}
