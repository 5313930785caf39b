namespace Stoffel.Vm.Formats.Assembly;

/// <summary>One assembly error: where it is, what kind it is and what it says.</summary>
/// <param name="Range">The text the error is about.</param>
/// <param name="Code">The kind of error.</param>
/// <param name="Message">The message, as <c>stoffel asm</c> prints it after <c>file:line:col: </c>.</param>
public sealed record StfaDiagnostic(StfaRange Range, StfaErrorCode Code, string Message);
