using System.Text.Json;
using System.Text.Json.Serialization;

namespace Stoffel.Debugger.Protocol;

/// <summary>Source-generated serialisation for every DAP message the adapter reads or writes (no reflection).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = false,
    NumberHandling = JsonNumberHandling.Strict,
    RespectNullableAnnotations = true)]
[JsonSerializable(typeof(ResponseMessage))]
[JsonSerializable(typeof(EventMessage))]
[JsonSerializable(typeof(InitializeArguments))]
[JsonSerializable(typeof(LaunchArguments))]
[JsonSerializable(typeof(AttachArguments))]
[JsonSerializable(typeof(SetBreakpointsArguments))]
[JsonSerializable(typeof(SetFunctionBreakpointsArguments))]
[JsonSerializable(typeof(SetExceptionBreakpointsArguments))]
[JsonSerializable(typeof(SetDataBreakpointsArguments))]
[JsonSerializable(typeof(DataBreakpointInfoArguments))]
[JsonSerializable(typeof(SetInstructionBreakpointsArguments))]
[JsonSerializable(typeof(BreakpointLocationsArguments))]
[JsonSerializable(typeof(DisassembleArguments))]
[JsonSerializable(typeof(CompletionsArguments))]
[JsonSerializable(typeof(DisassembleBody))]
[JsonSerializable(typeof(BreakpointLocationsBody))]
[JsonSerializable(typeof(LoadedSourcesBody))]
[JsonSerializable(typeof(CompletionsBody))]
[JsonSerializable(typeof(InvalidatedBody))]
[JsonSerializable(typeof(ThreadArguments))]
[JsonSerializable(typeof(RestartFrameArguments))]
[JsonSerializable(typeof(CancelArguments))]
[JsonSerializable(typeof(ProgressStartBody))]
[JsonSerializable(typeof(ProgressUpdateBody))]
[JsonSerializable(typeof(ProgressEndBody))]
[JsonSerializable(typeof(StackTraceArguments))]
[JsonSerializable(typeof(ScopesArguments))]
[JsonSerializable(typeof(VariablesArguments))]
[JsonSerializable(typeof(SetVariableArguments))]
[JsonSerializable(typeof(EvaluateArguments))]
[JsonSerializable(typeof(SourceArguments))]
[JsonSerializable(typeof(DisconnectArguments))]
[JsonSerializable(typeof(CapabilitiesDto))]
[JsonSerializable(typeof(BreakpointsBody))]
[JsonSerializable(typeof(ThreadsBody))]
[JsonSerializable(typeof(StackTraceBody))]
[JsonSerializable(typeof(ScopesBody))]
[JsonSerializable(typeof(VariablesBody))]
[JsonSerializable(typeof(SetVariableBody))]
[JsonSerializable(typeof(EvaluateBody))]
[JsonSerializable(typeof(SourceBody))]
[JsonSerializable(typeof(ExceptionInfoBody))]
[JsonSerializable(typeof(DataBreakpointInfoBody))]
[JsonSerializable(typeof(ContinueBody))]
[JsonSerializable(typeof(ErrorBody))]
[JsonSerializable(typeof(EmptyBody))]
[JsonSerializable(typeof(StoppedBody))]
[JsonSerializable(typeof(OutputBody))]
[JsonSerializable(typeof(ExitedBody))]
[JsonSerializable(typeof(BreakpointEventBody))]
internal sealed partial class ProtocolJson : JsonSerializerContext
{
    /// <summary>Reads a request's envelope without trusting any field's type.</summary>
    public static IncomingRequest? ParseRequest(JsonElement root, out string? error)
    {
        error = null;
        if (root.ValueKind != JsonValueKind.Object)
        {
            error = "a message must be a JSON object";
            return null;
        }
        var seq = root.TryGetProperty("seq", out var s) && s.ValueKind == JsonValueKind.Number && s.TryGetInt32(out var n) ? n : 0;
        var type = root.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        if (type != "request")
        {
            error = type is null ? "the message has no 'type'" : null; // responses and events from the client are ignored
            return null;
        }
        if (!root.TryGetProperty("command", out var c) || c.ValueKind != JsonValueKind.String)
        {
            return new IncomingRequest(seq, "", default);
        }
        var arguments = root.TryGetProperty("arguments", out var a) ? a.Clone() : default;
        return new IncomingRequest(seq, c.GetString()!, arguments);
    }
}
