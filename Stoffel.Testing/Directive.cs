namespace Stoffel.Testing;

/// <summary>One <c>; key: value</c> comment line of a test file: its value and where it stands.</summary>
/// <param name="Value">The text after <c>key: </c>.</param>
/// <param name="Line">Its 1-based line in the file that holds the directives.</param>
public readonly record struct Directive(string Value, int Line);
