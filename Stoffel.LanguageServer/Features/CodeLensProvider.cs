using Stoffel.LanguageServer.Protocol;

namespace Stoffel.LanguageServer.Features;

/// <summary>
/// "Run | Debug" above each function: the commands <c>stoffel.runFunction</c> and
/// <c>stoffel.debugFunction</c> with the document URI and the function name, which the VS Code
/// extension implements with <c>stoffel run --entry</c> and a launch with <c>entry</c>.
/// </summary>
internal static class CodeLensProvider
{
    public const string RunCommand = "stoffel.runFunction";
    public const string DebugCommand = "stoffel.debugFunction";

    public static CodeLens[] For(StfaDocument document) => document.Analysis.Functions
        .Where(f => f.Name is not null)
        .SelectMany(f => new[]
        {
            new CodeLens(f.Directive.ToLsp(), new Command("Run", RunCommand, [document.Uri, f.Name!.Text])),
            new CodeLens(f.Directive.ToLsp(), new Command("Debug", DebugCommand, [document.Uri, f.Name!.Text])),
        })
        .ToArray();
}
