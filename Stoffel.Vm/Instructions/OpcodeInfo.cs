namespace Stoffel.Vm.Instructions;

/// <summary>
/// Metadata for one opcode: its operands in encoding order and what it does to control flow and
/// registers. Read by the binary reader and writer, the assembler, the disassembler, the
/// verifier, the VM's generic register events and the debugger.
/// </summary>
/// <param name="Opcode">The opcode.</param>
/// <param name="Mnemonic">Upper-case mnemonic, as printed by the disassembler.</param>
/// <param name="Operands">Operand kinds in encoding order; they map to <see cref="Instruction.A"/>, <see cref="Instruction.B"/>, <see cref="Instruction.C"/>.</param>
/// <param name="WritesRegisterA">True when operand A is a register the instruction writes.</param>
/// <param name="Flow">How the instruction affects control flow.</param>
/// <param name="Summary">A one-line meaning, for docs and tooltips.</param>
public sealed record OpcodeInfo(
    Opcode Opcode,
    string Mnemonic,
    IReadOnlyList<OperandKind> Operands,
    bool WritesRegisterA,
    ControlFlow Flow,
    string Summary)
{
    /// <summary>Indices (0 = A, 1 = B, 2 = C) of operands that are registers read by the instruction.</summary>
    public IReadOnlyList<int> ReadRegisterOperands { get; } = Enumerable.Range(0, Operands.Count)
        .Where(i => Operands[i] == OperandKind.Register && !(i == 0 && WritesRegisterA))
        .ToArray();

    /// <summary>
    /// The operands as the docs write them: <c>rD</c> for the register written, <c>rA</c>/<c>rB</c>
    /// for registers read, then <c>literal</c>, <c>[sp+N]</c>, <c>sN</c>, <c>label</c>, <c>function</c>.
    /// </summary>
    public IReadOnlyList<string> OperandPlaceholders { get; } = Operands
        .Select((kind, i) => kind switch
        {
            OperandKind.Register when i == 0 && WritesRegisterA => "rD",
            OperandKind.Register => Operands.Take(i).Count(k => k == OperandKind.Register) - (WritesRegisterA ? 1 : 0) == 0 ? "rA" : "rB",
            OperandKind.Constant => "literal",
            OperandKind.StackOffset => "[sp+N]",
            OperandKind.SpillSlot => "sN",
            OperandKind.Label => "label",
            _ => "function",
        })
        .ToArray();

    /// <summary>The instruction's syntax as the docs write it, e.g. <c>ADD rD, rA, rB</c>.</summary>
    public string Syntax => OperandPlaceholders.Count == 0 ? Mnemonic : $"{Mnemonic} {string.Join(", ", OperandPlaceholders)}";
}

/// <summary>Control-flow effect of an opcode.</summary>
public enum ControlFlow : byte
{
    /// <summary>Falls through to the next instruction.</summary>
    Next,
    /// <summary>Always jumps to its label.</summary>
    Jump,
    /// <summary>Jumps to its label depending on the compare flag, else falls through.</summary>
    ConditionalJump,
    /// <summary>Calls a function and (usually) continues after it returns.</summary>
    Call,
    /// <summary>Returns from the current function.</summary>
    Return,
}
