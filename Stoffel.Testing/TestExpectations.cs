using Stoffel.Vm.Values;

namespace Stoffel.Testing;

/// <summary>
/// What a test script states about the run of its entry function, in comment lines:
/// <c>; expect-output: text</c> (one per output line, in order), <c>; expect-result: value</c>
/// (the formatted return value; omitted means Unit), <c>; expect-error: text</c> (a substring of
/// the VM error's message), <c>; expect-error-line: N</c> (the source line the error names),
/// <c>; entry: name</c> (default <c>main</c>) and <c>; args: literal ...</c>.
/// </summary>
/// <param name="Output">The expected output lines, in order.</param>
/// <param name="Result">The expected formatted result, or null for Unit.</param>
/// <param name="Error">A text the VM error's message contains, or null when the run must succeed.</param>
/// <param name="ErrorLine">The source line the error must name (its value is the number), or null.</param>
/// <param name="Entry">The function to run.</param>
/// <param name="EntryLine">The line of the <c>; entry:</c> directive, or 0 when the entry is the default.</param>
/// <param name="Arguments">The entry's arguments.</param>
public sealed record TestExpectations(
    IReadOnlyList<Directive> Output,
    Directive? Result,
    Directive? Error,
    Directive? ErrorLine,
    string Entry,
    int EntryLine,
    IReadOnlyList<Value> Arguments)
{
    /// <summary>The entry function a script runs when it names none.</summary>
    public const string DefaultEntry = "main";

    /// <summary>The error line <see cref="ErrorLine"/> expects, or null.</summary>
    public int? ExpectedErrorLine => ErrorLine is { } line ? int.Parse(line.Value, System.Globalization.CultureInfo.InvariantCulture) : null;
}
