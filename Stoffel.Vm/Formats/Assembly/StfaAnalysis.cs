namespace Stoffel.Vm.Formats.Assembly;

/// <summary>
/// What <see cref="StfaAssembler.Analyze"/> reads from <c>.stfa</c> text, errors or not: every
/// error with its range and code, the functions as written, and where the directives are — what
/// an editor needs for diagnostics, navigation and highlighting.
/// </summary>
/// <param name="Diagnostics">Every error, in source order; empty when the text assembles.</param>
/// <param name="Functions">The functions in file order, including those with errors.</param>
/// <param name="Keywords">Where the directives (<c>.function</c>, <c>.end</c>, …) and the word <c>registers</c> are written.</param>
/// <param name="Comments">Where the comments are, from their <c>;</c> or <c>#</c> to the end of the line.</param>
public sealed record StfaAnalysis(
    IReadOnlyList<StfaDiagnostic> Diagnostics,
    IReadOnlyList<StfaFunctionSyntax> Functions,
    IReadOnlyList<StfaRange> Keywords,
    IReadOnlyList<StfaRange> Comments);
