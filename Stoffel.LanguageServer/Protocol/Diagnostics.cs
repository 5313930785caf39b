namespace Stoffel.LanguageServer.Protocol;

// textDocument/publishDiagnostics.

internal enum DiagnosticSeverity
{
    Error = 1,
    Warning = 2,
    Information = 3,
    Hint = 4,
}

internal sealed record Diagnostic(Range Range, DiagnosticSeverity Severity, string Code, string Source, string Message);

internal sealed record PublishDiagnosticsParams(string Uri, int? Version, Diagnostic[] Diagnostics);
