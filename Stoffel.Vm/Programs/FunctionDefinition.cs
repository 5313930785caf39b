using Stoffel.Vm.Instructions;

namespace Stoffel.Vm.Programs;

/// <summary>
/// A function as a reader or the assembler sees it, before linking: jump and call operands are
/// still names. <see cref="ProgramBuilder"/> turns a list of these into a <see cref="StoffelProgram"/>.
/// </summary>
/// <param name="Name">Function name.</param>
/// <param name="DeclaredRegisterCount">The register count written in the file (a hint).</param>
/// <param name="Parameters">Parameter names.</param>
/// <param name="Signature">Declared types (v5+), or null.</param>
/// <param name="Upvalues">Upvalue names.</param>
/// <param name="Parent">Parent function name, or null.</param>
/// <param name="Labels">Labels as (name, instruction index).</param>
/// <param name="Instructions">Instructions with symbolic jump/call operands.</param>
/// <param name="SourceLine">1-based line of the function header in its source, or 0.</param>
public sealed record FunctionDefinition(
    string Name,
    int DeclaredRegisterCount,
    IReadOnlyList<string> Parameters,
    FunctionSignature? Signature,
    IReadOnlyList<string> Upvalues,
    string? Parent,
    IReadOnlyList<Label> Labels,
    IReadOnlyList<InstructionDefinition> Instructions,
    int SourceLine = 0);

/// <summary>
/// One instruction before linking. Numeric operands are in <see cref="A"/>, <see cref="B"/>,
/// <see cref="C"/> in encoding order; a label or function operand is in <see cref="Symbol"/>.
/// </summary>
/// <param name="Opcode">The opcode.</param>
/// <param name="A">First numeric operand.</param>
/// <param name="B">Second numeric operand.</param>
/// <param name="C">Third numeric operand.</param>
/// <param name="Symbol">Label (JMP*) or function (CALL) name, else null.</param>
/// <param name="SourceLine">1-based source line, or 0 when unknown.</param>
public readonly record struct InstructionDefinition(Opcode Opcode, int A, int B, int C, string? Symbol, int SourceLine = 0);
