using System.Text.Json.Serialization;

namespace Stoffel.Debugger.Protocol;

// Response and event bodies, with the schema's property names.

internal sealed class ExceptionFilterDto
{
    public string Filter { get; set; } = "";
    public string Label { get; set; } = "";
    public string? Description { get; set; }
    public bool? Default { get; set; }
}

internal sealed class CapabilitiesDto
{
    public bool SupportsConfigurationDoneRequest { get; set; }
    public bool SupportsFunctionBreakpoints { get; set; }
    public bool SupportsConditionalBreakpoints { get; set; }
    public bool SupportsHitConditionalBreakpoints { get; set; }
    public bool SupportsEvaluateForHovers { get; set; }
    public ExceptionFilterDto[] ExceptionBreakpointFilters { get; set; } = [];
    public bool SupportsSetVariable { get; set; }
    public bool SupportsRestartRequest { get; set; }
    public bool SupportsExceptionInfoRequest { get; set; }
    public bool SupportsTerminateRequest { get; set; }
    public bool SupportsDataBreakpoints { get; set; }
    public bool SupportsLogPoints { get; set; }
    public bool SupportsSteppingGranularity { get; set; }
    public bool SupportsDelayedStackTraceLoading { get; set; }
    public bool SupportTerminateDebuggee { get; set; }
    public bool SupportsStepBack { get; set; }
    public bool SupportsDisassembleRequest { get; set; }
    public bool SupportsInstructionBreakpoints { get; set; }
    public bool SupportsBreakpointLocationsRequest { get; set; }
    public bool SupportsLoadedSourcesRequest { get; set; }
    public bool SupportsCompletionsRequest { get; set; }
    public bool SupportsRestartFrame { get; set; }
    public bool SupportsCancelRequest { get; set; }
}

internal sealed class BreakpointDto
{
    public int Id { get; set; }
    public bool Verified { get; set; }
    public string? Message { get; set; }
    public SourceDto? Source { get; set; }
    public int? Line { get; set; }
    public string? InstructionReference { get; set; }
    public string? Reason { get; set; }
}

internal sealed class BreakpointsBody
{
    public BreakpointDto[] Breakpoints { get; set; } = [];
}

internal sealed class DisassembledInstructionDto
{
    public string Address { get; set; } = "";
    public string Instruction { get; set; } = "";
    public string? Symbol { get; set; }
    public SourceDto? Location { get; set; }
    public int? Line { get; set; }
    public string? PresentationHint { get; set; }
}

internal sealed class DisassembleBody
{
    public DisassembledInstructionDto[] Instructions { get; set; } = [];
}

internal sealed class BreakpointLocationDto
{
    public int Line { get; set; }
}

internal sealed class BreakpointLocationsBody
{
    public BreakpointLocationDto[] Breakpoints { get; set; } = [];
}

internal sealed class LoadedSourcesBody
{
    public SourceDto[] Sources { get; set; } = [];
}

internal sealed class CompletionItemDto
{
    public string Label { get; set; } = "";
    public string? Detail { get; set; }
    public string? Type { get; set; }
    public int? Start { get; set; }
    public int? Length { get; set; }
}

internal sealed class CompletionsBody
{
    public CompletionItemDto[] Targets { get; set; } = [];
}

internal sealed class InvalidatedBody
{
    public string[] Areas { get; set; } = [];
    public int? ThreadId { get; set; }
}

internal sealed class ThreadDto
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
}

internal sealed class ThreadsBody
{
    public ThreadDto[] Threads { get; set; } = [];
}

internal sealed class StackFrameDto
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public SourceDto? Source { get; set; }
    public int Line { get; set; }
    public int Column { get; set; }
    public string? InstructionPointerReference { get; set; }
    public bool? CanRestart { get; set; }
}

internal sealed class StackTraceBody
{
    public StackFrameDto[] StackFrames { get; set; } = [];
    public int TotalFrames { get; set; }
}

internal sealed class ScopeDto
{
    public string Name { get; set; } = "";
    public string? PresentationHint { get; set; }
    public int VariablesReference { get; set; }
    public int NamedVariables { get; set; }
    public bool Expensive { get; set; }
}

internal sealed class ScopesBody
{
    public ScopeDto[] Scopes { get; set; } = [];
}

/// <summary>What a variable, a setVariable result and an evaluate result share: the value's type and its children.</summary>
internal abstract class ValuePresentationDto
{
    public string? Type { get; set; }
    public int VariablesReference { get; set; }
    public int? NamedVariables { get; set; }
    public int? IndexedVariables { get; set; }
}

internal sealed class VariableDto : ValuePresentationDto
{
    public string Name { get; set; } = "";
    public string Value { get; set; } = "";
    public string? EvaluateName { get; set; }
}

internal sealed class VariablesBody
{
    public VariableDto[] Variables { get; set; } = [];
}

internal sealed class SetVariableBody : ValuePresentationDto
{
    public string Value { get; set; } = "";
}

internal sealed class EvaluateBody : ValuePresentationDto
{
    public string Result { get; set; } = "";
}

internal sealed class SourceBody
{
    public string Content { get; set; } = "";
    public string? MimeType { get; set; }
}

internal sealed class ExceptionDetailsDto
{
    public string? Message { get; set; }
    public string? TypeName { get; set; }
    public string? StackTrace { get; set; }
}

internal sealed class ExceptionInfoBody
{
    public string ExceptionId { get; set; } = "";
    public string? Description { get; set; }
    public string BreakMode { get; set; } = "always";
    public ExceptionDetailsDto? Details { get; set; }
}

internal sealed class DataBreakpointInfoBody
{
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? DataId { get; set; }
    public string Description { get; set; } = "";
    public string[]? AccessTypes { get; set; }
    public bool? CanPersist { get; set; }
}

internal sealed class ContinueBody
{
    public bool AllThreadsContinued { get; set; } = true;
}

internal sealed class ErrorMessageDto
{
    public int Id { get; set; }
    public string Format { get; set; } = "";
    public bool? ShowUser { get; set; }
}

internal sealed class ErrorBody
{
    public ErrorMessageDto Error { get; set; } = new();
}

internal sealed class EmptyBody;

internal sealed class StoppedBody
{
    public string Reason { get; set; } = "";
    public string? Description { get; set; }
    public int ThreadId { get; set; } = 1;
    public bool AllThreadsStopped { get; set; } = true;
    public int[]? HitBreakpointIds { get; set; }
    public string? Text { get; set; }
}

internal sealed class OutputBody
{
    public string Category { get; set; } = "console";
    public string Output { get; set; } = "";
}

internal sealed class ExitedBody
{
    public int ExitCode { get; set; }
}

internal sealed class BreakpointEventBody
{
    public string Reason { get; set; } = "changed";
    public BreakpointDto Breakpoint { get; set; } = new();
}

internal sealed class ProgressStartBody
{
    public string ProgressId { get; set; } = "";
    public string Title { get; set; } = "";
    public bool Cancellable { get; set; }
}

internal sealed class ProgressUpdateBody
{
    public string ProgressId { get; set; } = "";
    public string? Message { get; set; }
    public double? Percentage { get; set; }
}

internal sealed class ProgressEndBody
{
    public string ProgressId { get; set; } = "";
}
