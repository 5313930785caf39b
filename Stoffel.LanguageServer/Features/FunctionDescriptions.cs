using Stoffel.Stdlib;
using Stoffel.Vm.Formats.Assembly;

namespace Stoffel.LanguageServer.Features;

/// <summary>How hover and completion describe a callee: a function of the document, or a builtin.</summary>
internal static class FunctionDescriptions
{
    /// <summary>The header of <paramref name="function"/> as the canonical layout writes it.</summary>
    public static string Header(StfaFunctionSyntax function, StfaDocument document)
    {
        var name = function.Name is { } n ? document.Slice(n.Range) : "";
        var parameters = string.Join(", ", function.Parameters.Select(p => document.Slice(p.Range)));
        var registers = function.DeclaredRegisters is { } count ? $" registers {count}" : "";
        return $".function {name}({parameters}){registers}";
    }

    /// <summary>Markdown for a builtin: its signature, meaning and module.</summary>
    public static string Builtin(BuiltinInfo builtin) =>
        $"```stfa\n{builtin.Signature}\n```\n{builtin.Summary}\n\nbuiltin, {builtin.Module} module";

    /// <summary>Markdown for a function of the document, or null when it defines none of that name.</summary>
    public static string? Defined(StfaDocument document, string name) =>
        document.Analysis.Functions.FirstOrDefault(f => f.Name?.Text == name) is { } function
            ? $"```stfa\n{Header(function, document)}\n```\ndefined on line {function.Directive.Line}"
            : null;

    /// <summary>Markdown for any callee name: defined here, a builtin, or unknown.</summary>
    public static string Callee(StfaDocument document, string name) =>
        Defined(document, name)
        ?? (BuiltinCatalog.Find(name) is { } builtin ? Builtin(builtin) : $"`{name}`: unknown function (neither this file nor the standard library defines it)");
}
