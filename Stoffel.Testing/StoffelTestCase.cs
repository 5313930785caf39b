using Stoffel.Vm.Programs;

namespace Stoffel.Testing;

/// <summary>
/// One test: a script's entry function checked against its expectations, or one <c>test_*</c>
/// function. Each <see cref="Run"/> uses a fresh VM, so cases are independent and may run in
/// parallel. <see cref="ToString"/> is <see cref="Name"/>, which makes a case readable as an
/// MSTest <c>[DynamicData]</c> row.
/// </summary>
public sealed class StoffelTestCase
{
    internal StoffelTestCase(
        TestCaseKind kind,
        string filePath,
        string? functionName,
        int line,
        string? skipReason,
        TestExpectations? expectations,
        string expectationsPath,
        StoffelProgram program,
        StoffelTestOptions options)
    {
        Kind = kind;
        FilePath = filePath;
        FunctionName = functionName;
        Line = line;
        SkipReason = skipReason;
        Expectations = expectations;
        ExpectationsPath = expectationsPath;
        Program = program;
        Options = options;
        DisplayPath = Relative(filePath);
        Name = functionName is null ? DisplayPath : $"{DisplayPath}::{functionName}";
    }

    /// <summary>A script case or a test function.</summary>
    public TestCaseKind Kind { get; }

    /// <summary>The <c>.stfa</c> or <c>.stflb</c> file, as a full path.</summary>
    public string FilePath { get; }

    /// <summary><see cref="FilePath"/> relative to <see cref="StoffelTestOptions.BaseDirectory"/>, with <c>/</c> separators.</summary>
    public string DisplayPath { get; }

    /// <summary>The unique name: <see cref="DisplayPath"/> for a script case, <c>DisplayPath::test_name</c> for a test function.</summary>
    public string Name { get; }

    /// <summary>The test function's name, or null for a script case.</summary>
    public string? FunctionName { get; }

    /// <summary>Where the case starts: the <c>.function</c> line of the function it runs; 0 when unknown (a binary).</summary>
    public int Line { get; }

    /// <summary>The reason of the <c>; skip:</c> directive that applies, or null when the case runs.</summary>
    public string? SkipReason { get; }

    /// <summary>A script case's expectations, or null for a test function.</summary>
    public TestExpectations? Expectations { get; }

    /// <summary>The file the expectations' line numbers refer to: <see cref="FilePath"/>, or a binary's <c>.stflb.expect</c> sidecar.</summary>
    public string ExpectationsPath { get; }

    /// <summary>The loaded program, shared by the file's cases (programs are immutable).</summary>
    internal StoffelProgram Program { get; }

    /// <summary>The options the case was discovered with, which it runs with.</summary>
    internal StoffelTestOptions Options { get; }

    /// <summary>Runs the case in a fresh VM and checks it.</summary>
    /// <param name="cancellation">Stops the run; the case then fails as cancelled.</param>
    /// <returns>The result; never throws for anything the program does.</returns>
    public TestCaseResult Run(CancellationToken cancellation = default) => TestCaseExecution.Run(this, cancellation);

    /// <inheritdoc/>
    public override string ToString() => Name;

    /// <summary><c>path:line</c> for a place in one of the case's files, the path relative like <see cref="DisplayPath"/>; just the path when the line is unknown.</summary>
    internal string Locate(string path, int line) => line > 0 ? $"{Relative(path)}:{line}" : Relative(path);

    private string Relative(string path) =>
        Path.GetRelativePath(Options.BaseDirectory ?? Environment.CurrentDirectory, path).Replace('\\', '/');
}
