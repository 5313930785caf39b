namespace Stoffel.Vm.Formats.Assembly;

/// <summary>A function of a <c>.stfa</c> file as written, from its <c>.function</c> line to its end.</summary>
/// <param name="Name">The function's name, or null when the header lacks one.</param>
/// <param name="Directive">Where the <c>.function</c> directive is written.</param>
/// <param name="EndLine">The line of its <c>.end</c>, or the last line before the next function or the end of the file when it has none.</param>
/// <param name="Parameters">Its parameters, which arrive in r0, r1, … in this order.</param>
/// <param name="DeclaredRegisters">The <c>registers N</c> count, or null when not given.</param>
/// <param name="Parent">The <c>.parent</c> name, or null.</param>
/// <param name="Labels">The labels it defines (the first of each name).</param>
/// <param name="Instructions">Its instructions with known mnemonics, in order.</param>
public sealed record StfaFunctionSyntax(
    StfaName? Name,
    StfaRange Directive,
    int EndLine,
    IReadOnlyList<StfaName> Parameters,
    int? DeclaredRegisters,
    StfaName? Parent,
    IReadOnlyList<StfaName> Labels,
    IReadOnlyList<StfaInstructionSyntax> Instructions);
