using System.Text;
using Stoffel.LanguageServer.Protocol;
using Stoffel.Stdlib;
using Stoffel.Vm.Formats.Assembly;
using Stoffel.Vm.Instructions;

namespace Stoffel.LanguageServer.Features;

/// <summary>
/// The diagnostics of a document: every assembler error (severity Error, code from
/// <see cref="StfaErrorCode"/>), then what only a linked program would reveal, as warnings:
/// a register beyond the function's declared <c>registers</c> count, and a call to a function
/// neither the document nor the standard library defines (a host may still provide it).
/// </summary>
internal static class DiagnosticsProvider
{
    public const string Source = "stoffel";
    public const string RegisterBeyondDeclared = "register-beyond-declared";
    public const string UnknownFunction = "unknown-function";

    public static Diagnostic[] For(StfaDocument document) =>
        document.Analysis.Diagnostics
            .Select(d => new Diagnostic(d.Range.ToLsp(), DiagnosticSeverity.Error, Code(d.Code), Source, d.Message))
            .Concat(RegisterWarnings(document))
            .Concat(UnknownCallees(document))
            .ToArray();

    /// <summary>The kebab-case code of an assembler error: <c>unknown-mnemonic</c>.</summary>
    public static string Code(StfaErrorCode code)
    {
        var name = code.ToString();
        var text = new StringBuilder();
        foreach (var c in name)
        {
            if (char.IsUpper(c) && text.Length > 0)
            {
                text.Append('-');
            }
            text.Append(char.ToLowerInvariant(c));
        }
        return text.ToString();
    }

    private static IEnumerable<Diagnostic> RegisterWarnings(StfaDocument document) =>
        from function in document.Analysis.Functions
        where function.DeclaredRegisters is not null
        let declared = function.DeclaredRegisters!.Value
        from operand in function.Instructions.SelectMany(i => i.Operands)
        where operand.Kind == OperandKind.Register && operand.Number >= declared
        select new Diagnostic(
            operand.Range.ToLsp(), DiagnosticSeverity.Warning, RegisterBeyondDeclared, Source,
            $"r{operand.Number} is beyond the {declared} register{(declared == 1 ? "" : "s")} function '{function.Name?.Text}' declares");

    private static IEnumerable<Diagnostic> UnknownCallees(StfaDocument document) =>
        from occurrence in document.Symbols.Occurrences
        where occurrence is { Category: SymbolCategory.Function, IsDefinition: false }
              && !document.Symbols.DefinesFunction(occurrence.Name)
              && BuiltinCatalog.Find(occurrence.Name) is null
        select new Diagnostic(
            occurrence.Range.ToLsp(), DiagnosticSeverity.Warning, UnknownFunction, Source,
            $"unknown function '{occurrence.Name}': neither this file nor the standard library defines it");
}
