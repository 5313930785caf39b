namespace Stoffel.Testing;

/// <summary>Why a test case failed, and where.</summary>
/// <param name="Message">One line: what was expected and what happened (e.g. <c>expected result 6765, got 6766</c>).</param>
/// <param name="FilePath">The file the line refers to: the program's source, or a binary's <c>.stflb.expect</c> sidecar.</param>
/// <param name="Line">The 1-based line: the failing directive, the failing instruction or the test function; 0 when unknown.</param>
/// <param name="Expected">The expected value (an output line, a result, an error text), or null.</param>
/// <param name="Actual">What the run gave instead, or null.</param>
public sealed record TestFailure(string Message, string FilePath, int Line, string? Expected = null, string? Actual = null);
