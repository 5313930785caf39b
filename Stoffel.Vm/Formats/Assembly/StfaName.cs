namespace Stoffel.Vm.Formats.Assembly;

/// <summary>A name as it appears in <c>.stfa</c> text: decoded (quotes and escapes removed) and where it is written.</summary>
/// <param name="Text">The name.</param>
/// <param name="Range">Where it is written, quotes included.</param>
public sealed record StfaName(string Text, StfaRange Range);
