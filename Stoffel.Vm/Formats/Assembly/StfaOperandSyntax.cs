using Stoffel.Vm.Instructions;
using Stoffel.Vm.Values;

namespace Stoffel.Vm.Formats.Assembly;

/// <summary>One operand of an instruction, as read.</summary>
/// <param name="Position">Its position in the instruction (0 = A, 1 = B, 2 = C).</param>
/// <param name="Kind">What it denotes.</param>
/// <param name="Range">Where it is written.</param>
/// <param name="Number">The register or spill-slot index, the stack offset, or the constant-pool index of a literal; 0 for names.</param>
/// <param name="Symbol">The label or function name; null for the other kinds.</param>
/// <param name="Literal">The literal's value for <see cref="OperandKind.Constant"/>; null for the other kinds.</param>
public sealed record StfaOperandSyntax(int Position, OperandKind Kind, StfaRange Range, int Number, string? Symbol, Value? Literal);
