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

internal sealed record PublishDiagnosticsParams(string Uri, int? Version, Diagnostic[] Diagnostics)
{
    /// <summary>
    /// The notification's parameters by name with the declared type of each, for StreamJsonRpc's
    /// trim-safe named-arguments overload; <c>version</c> is left out when unknown, as the protocol asks.
    /// </summary>
    public (IReadOnlyDictionary<string, object?> Arguments, IReadOnlyDictionary<string, Type> Types) ToNamedArguments()
    {
        var arguments = new Dictionary<string, object?> { ["uri"] = Uri, ["diagnostics"] = Diagnostics };
        var types = new Dictionary<string, Type> { ["uri"] = typeof(string), ["diagnostics"] = typeof(Diagnostic[]) };
        if (Version is { } version)
        {
            arguments["version"] = version;
            types["version"] = typeof(int);
        }
        return (arguments, types);
    }
}
