namespace Stoffel.Testing;

/// <summary>The test directives of one file, as <see cref="TestAnnotationParser"/> reads them.</summary>
/// <param name="Expectations">The script expectations, or null when the file states none (it then only holds <c>test_*</c> cases).</param>
/// <param name="FileSkipReason">The reason of a <c>; skip:</c> outside every function (skips every case of the file), or null.</param>
/// <param name="FunctionSkipReasons">The reason of a <c>; skip:</c> inside a function (skips the case that runs it), by function name.</param>
/// <param name="FunctionLines">The line of each <c>.function</c>, by function name (empty for a binary).</param>
internal sealed record TestFileAnnotations(
    TestExpectations? Expectations,
    string? FileSkipReason,
    IReadOnlyDictionary<string, string> FunctionSkipReasons,
    IReadOnlyDictionary<string, int> FunctionLines);
