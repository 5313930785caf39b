using System.Text.Json.Serialization;

namespace Stoffel.Debugger.Protocol;

// Request arguments (only the fields the adapter reads). [JsonRequired] marks the fields the DAP
// schema requires, so a missing one is a JsonException and an error response.

internal sealed class InitializeArguments
{
    public string? ClientId { get; set; }
    public string? AdapterId { get; set; }
    public bool? LinesStartAt1 { get; set; }
    public bool? ColumnsStartAt1 { get; set; }
    public bool? SupportsInvalidatedEvent { get; set; }
    public bool? SupportsProgressReporting { get; set; }
}

internal sealed class LaunchArguments
{
    [JsonRequired]
    public string Program { get; set; } = "";
    public string? Entry { get; set; }
    public string[]? Args { get; set; }
    public bool? StopOnEntry { get; set; }
    public string? Cwd { get; set; }
    public bool? NoDebug { get; set; }
    public bool? Trace { get; set; }
    public long? MaxInstructions { get; set; }
    public double? Timeout { get; set; }
    public long? MaxMemory { get; set; }
    public string? LocalStore { get; set; }
    public bool? Record { get; set; }
}

internal sealed class AttachArguments
{
    public int? Port { get; set; }
    public PathMappingDto[]? PathMappings { get; set; }
    public bool? Record { get; set; }
}

internal sealed class PathMappingDto
{
    [JsonRequired]
    public string LocalRoot { get; set; } = "";
    [JsonRequired]
    public string RemoteRoot { get; set; } = "";
}

internal sealed class SourceDto
{
    public string? Name { get; set; }
    public string? Path { get; set; }
    public int? SourceReference { get; set; }
}

internal sealed class SourceBreakpointDto
{
    [JsonRequired]
    public int Line { get; set; }
    public int? Column { get; set; }
    public string? Condition { get; set; }
    public string? HitCondition { get; set; }
    public string? LogMessage { get; set; }
}

internal sealed class SetBreakpointsArguments
{
    [JsonRequired]
    public SourceDto Source { get; set; } = new();
    public SourceBreakpointDto[]? Breakpoints { get; set; }
    public int[]? Lines { get; set; }
    public bool? SourceModified { get; set; }
}

internal sealed class FunctionBreakpointDto
{
    [JsonRequired]
    public string Name { get; set; } = "";
    public string? Condition { get; set; }
    public string? HitCondition { get; set; }
}

internal sealed class SetFunctionBreakpointsArguments
{
    [JsonRequired]
    public FunctionBreakpointDto[] Breakpoints { get; set; } = [];
}

internal sealed class ExceptionFilterOptionsDto
{
    [JsonRequired]
    public string FilterId { get; set; } = "";
    public string? Condition { get; set; }
}

internal sealed class SetExceptionBreakpointsArguments
{
    [JsonRequired]
    public string[] Filters { get; set; } = [];
    public ExceptionFilterOptionsDto[]? FilterOptions { get; set; }
}

internal sealed class DataBreakpointDto
{
    [JsonRequired]
    public string DataId { get; set; } = "";
    public string? AccessType { get; set; }
    public string? Condition { get; set; }
    public string? HitCondition { get; set; }
}

internal sealed class SetDataBreakpointsArguments
{
    [JsonRequired]
    public DataBreakpointDto[] Breakpoints { get; set; } = [];
}

internal sealed class InstructionBreakpointDto
{
    [JsonRequired]
    public string InstructionReference { get; set; } = "";
    public int? Offset { get; set; }
    public string? Condition { get; set; }
    public string? HitCondition { get; set; }
}

internal sealed class SetInstructionBreakpointsArguments
{
    [JsonRequired]
    public InstructionBreakpointDto[] Breakpoints { get; set; } = [];
}

internal sealed class BreakpointLocationsArguments
{
    [JsonRequired]
    public SourceDto Source { get; set; } = new();
    [JsonRequired]
    public int Line { get; set; }
    public int? Column { get; set; }
    public int? EndLine { get; set; }
    public int? EndColumn { get; set; }
}

internal sealed class DisassembleArguments
{
    [JsonRequired]
    public string MemoryReference { get; set; } = "";
    public int? Offset { get; set; }
    public int? InstructionOffset { get; set; }
    [JsonRequired]
    public int InstructionCount { get; set; }
    public bool? ResolveSymbols { get; set; }
}

internal sealed class CompletionsArguments
{
    public int? FrameId { get; set; }
    [JsonRequired]
    public string Text { get; set; } = "";
    [JsonRequired]
    public int Column { get; set; }
    public int? Line { get; set; }
}

internal sealed class DataBreakpointInfoArguments
{
    public int? VariablesReference { get; set; }
    [JsonRequired]
    public string Name { get; set; } = "";
    public int? FrameId { get; set; }
}

internal sealed class RestartFrameArguments
{
    [JsonRequired]
    public int FrameId { get; set; }
}

internal sealed class CancelArguments
{
    public int? RequestId { get; set; }
    public string? ProgressId { get; set; }
}

internal sealed class ThreadArguments
{
    [JsonRequired]
    public int ThreadId { get; set; }
    public string? Granularity { get; set; }
}

internal sealed class StackTraceArguments
{
    [JsonRequired]
    public int ThreadId { get; set; }
    public int? StartFrame { get; set; }
    public int? Levels { get; set; }
}

internal sealed class ScopesArguments
{
    [JsonRequired]
    public int FrameId { get; set; }
}

internal sealed class VariablesArguments
{
    [JsonRequired]
    public int VariablesReference { get; set; }
    public string? Filter { get; set; }
    public int? Start { get; set; }
    public int? Count { get; set; }
}

internal sealed class SetVariableArguments
{
    [JsonRequired]
    public int VariablesReference { get; set; }
    [JsonRequired]
    public string Name { get; set; } = "";
    [JsonRequired]
    public string Value { get; set; } = "";
}

internal sealed class EvaluateArguments
{
    [JsonRequired]
    public string Expression { get; set; } = "";
    public int? FrameId { get; set; }
    public string? Context { get; set; }
}

internal sealed class SourceArguments
{
    public SourceDto? Source { get; set; }
    [JsonRequired]
    public int SourceReference { get; set; }
}

internal sealed class DisconnectArguments
{
    public bool? Restart { get; set; }
    public bool? TerminateDebuggee { get; set; }
    public bool? SuspendDebuggee { get; set; }
}
