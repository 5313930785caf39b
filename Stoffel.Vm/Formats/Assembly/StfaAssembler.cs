using Stoffel.Vm.Programs;

namespace Stoffel.Vm.Formats.Assembly;

/// <summary>
/// Assembles <c>.stfa</c> text (reference in <c>docs/assembly.md</c>) into a
/// linked <see cref="StoffelProgram"/>. Every instruction keeps its 1-based source line in
/// <see cref="CompiledFunction.SourceLines"/> (the debugger's line map), and the program's
/// <see cref="StoffelProgram.SourcePath"/> is the file name given.
/// </summary>
public static class StfaAssembler
{
    /// <summary>The STFL version of a program without spill slots.</summary>
    public const int BaseFormatVersion = 1;

    /// <summary>The STFL version of a program that uses LDS or STS: upstream added them in version 9 (docs/assembly.md "Instructions").</summary>
    public const int SpillSlotFormatVersion = 9;

    /// <summary>Assembles <paramref name="source"/>.</summary>
    /// <param name="source">The <c>.stfa</c> text.</param>
    /// <param name="fileName">The name used in error messages and stored as <see cref="StoffelProgram.SourcePath"/>.</param>
    /// <returns>The program; its <see cref="StoffelProgram.FormatVersion"/> is 9 when it uses LDS/STS, else 1.</returns>
    /// <exception cref="ProgramLoadException">
    /// The source has errors; <see cref="ProgramLoadException.Errors"/> lists all of them in source
    /// order, each as <c>file:line:col: message</c> (1-based), e.g. <c>fib.stfa:7:5: unknown mnemonic 'MOVE'</c>.
    /// A call to a function the program does not define is not an error: it may be a builtin.
    /// </exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static StoffelProgram Assemble(string source, string fileName)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(fileName);
        var diagnostics = new StfaDiagnostics(fileName);
        var parsed = StfaParser.Parse(source, diagnostics);
        if (diagnostics.HasErrors)
        {
            throw new ProgramLoadException(diagnostics.Format());
        }
        var version = parsed.UsesSpillSlots ? SpillSlotFormatVersion : BaseFormatVersion;
        return ProgramBuilder.Build(parsed.Constants, parsed.Functions, version, manifest: null, sourcePath: fileName);
    }

    /// <summary>
    /// Reads <paramref name="source"/> as the assembler does, without building a program: every
    /// error with its exact range and code, and the functions, labels, instructions and directives
    /// as written, also when the text has errors. For editors and other tools.
    /// </summary>
    /// <param name="source">The <c>.stfa</c> text, any text at all.</param>
    /// <returns>The analysis; its diagnostics are the errors <see cref="Assemble"/> would report, in the same order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> is null.</exception>
    public static StfaAnalysis Analyze(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var diagnostics = new StfaDiagnostics("");
        var parsed = StfaParser.Parse(source, diagnostics);
        return new StfaAnalysis(diagnostics.Sorted, parsed.Syntax, parsed.Keywords, parsed.Comments);
    }

    /// <summary>Reads and assembles the file at <paramref name="path"/>; errors name the path as given.</summary>
    /// <param name="path">The <c>.stfa</c> file.</param>
    /// <returns>The program, with <see cref="StoffelProgram.SourcePath"/> = <paramref name="path"/>.</returns>
    /// <exception cref="ProgramLoadException">
    /// The file cannot be read (one error, <c>path: reason</c>) or has assembly errors (as <see cref="Assemble"/>).
    /// </exception>
    public static StoffelProgram AssembleFile(string path)
    {
        return Assemble(ProgramFileReader.DecodeText(ProgramFileReader.ReadAllBytes(path)), path);
    }
}
