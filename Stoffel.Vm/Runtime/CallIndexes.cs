using Stoffel.Vm.Instructions;

namespace Stoffel.Vm.Runtime;

/// <summary>
/// Gives each <c>CALL</c> of the plain code its own index in operand B, which the program's
/// <c>CALL</c> leaves unused (its one operand is A, the callee): where the plain and counting
/// loops enter a callee they store it as the caller's <see cref="ActivationRecord.Ip"/>, the
/// instruction its return goes on after, with one load rather than the instruction's index
/// computed from its address and the start of the function's plain code
/// (<c>VMState.CallIp</c>). The hooked and tracing loops run the program's own code, where B
/// stays 0 and the index is computed.
/// </summary>
internal static class CallIndexes
{
    /// <summary>Writes each CALL's index into its operand B, in place.</summary>
    /// <param name="plainCode">A function's plain code, whose CALLs keep their places.</param>
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
