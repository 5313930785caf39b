namespace Stoffel.Vm.Instructions;

/// <summary>
/// What the VM's analyses of a function's code read off an instruction: where control may go
/// after it, which operand a position names, and which register it writes.
/// </summary>
internal static class InstructionFlow
{
    /// <summary>Whether control may go to the instruction's label (operand A): a jump or a conditional jump.</summary>
    public static bool Jumps(this ControlFlow flow) => flow is ControlFlow.Jump or ControlFlow.ConditionalJump;

    /// <summary>Whether control may go on to the next instruction: after anything but a jump or a return (a function's code ends with a sentinel RET, so the next one exists).</summary>
    public static bool FallsThrough(this ControlFlow flow) => flow is not (ControlFlow.Jump or ControlFlow.Return);

    /// <summary>The operand at <paramref name="position"/> (0 = A, 1 = B, 2 = C), as <see cref="OpcodeInfo.ReadRegisterOperands"/> numbers them.</summary>
    public static int Operand(this Instruction instruction, int position) =>
        position switch { 0 => instruction.A, 1 => instruction.B, _ => instruction.C };

    /// <summary>
    /// The register <paramref name="instruction"/> (of the opcode <paramref name="info"/>
    /// describes) writes, or -1: operand A when <see cref="OpcodeInfo.WritesRegisterA"/>, r0 for a
    /// CALL (its result). An STS writes a spill slot, not a register.
    /// </summary>
    public static int WrittenRegister(this Instruction instruction, OpcodeInfo info) =>
        info.WritesRegisterA ? instruction.A : info.Flow == ControlFlow.Call ? 0 : -1;
}
