using System.Text.Json;
using System.Text.Json.Serialization;
using StreamJsonRpc.Protocol;

namespace Stoffel.LanguageServer.Protocol;

/// <summary>
/// The source-generated System.Text.Json metadata of every type the server reads or writes: the
/// parameters and results of <see cref="LanguageServerTarget"/>'s methods, the published
/// diagnostics, and StreamJsonRpc's <see cref="CommonErrorData"/> (the data of an error response).
/// The formatter resolves types from it alone, which is what makes the server Native AOT safe.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(CommonErrorData))]
[JsonSerializable(typeof(object))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(InitializeResult))]
[JsonSerializable(typeof(DidOpenTextDocumentParams))]
[JsonSerializable(typeof(DidChangeTextDocumentParams))]
[JsonSerializable(typeof(DidCloseTextDocumentParams))]
[JsonSerializable(typeof(PublishDiagnosticsParams))]
[JsonSerializable(typeof(Diagnostic[]))]
[JsonSerializable(typeof(TextDocumentPositionParams))]
[JsonSerializable(typeof(ReferenceParams))]
[JsonSerializable(typeof(RenameParams))]
[JsonSerializable(typeof(DocumentParams))]
[JsonSerializable(typeof(Hover))]
[JsonSerializable(typeof(CompletionItem[]))]
[JsonSerializable(typeof(SignatureHelp))]
[JsonSerializable(typeof(Location))]
[JsonSerializable(typeof(Location[]))]
[JsonSerializable(typeof(Protocol.Range))]
[JsonSerializable(typeof(WorkspaceEdit))]
[JsonSerializable(typeof(DocumentSymbol[]))]
[JsonSerializable(typeof(FoldingRange[]))]
[JsonSerializable(typeof(SemanticTokens))]
[JsonSerializable(typeof(TextEdit[]))]
[JsonSerializable(typeof(CodeLens[]))]
internal sealed partial class LspJsonContext : JsonSerializerContext;
