using Stoffel.Vm.Instructions;

namespace Stoffel.Vm.Formats.Assembly;

/// <summary>An instruction line whose mnemonic is known.</summary>
/// <param name="Mnemonic">Where the mnemonic is written.</param>
/// <param name="Opcode">The opcode it names.</param>
/// <param name="Operands">The operands that were read without error, in order.</param>
public sealed record StfaInstructionSyntax(StfaRange Mnemonic, OpcodeInfo Opcode, IReadOnlyList<StfaOperandSyntax> Operands);
