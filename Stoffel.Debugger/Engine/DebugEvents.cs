using Stoffel.Vm.Values;

namespace Stoffel.Debugger.Engine;

/// <summary>Why the VM stopped.</summary>
public enum StopReason
{
    /// <summary>Stopped at the first instruction because the launch asked for it.</summary>
    Entry,
    /// <summary>A step finished.</summary>
    Step,
    /// <summary>A line breakpoint was hit.</summary>
    Breakpoint,
    /// <summary>A function breakpoint was hit.</summary>
    FunctionBreakpoint,
    /// <summary>An instruction breakpoint was hit.</summary>
    InstructionBreakpoint,
    /// <summary>A VM error is about to end the run (exception breakpoint <c>errors</c>).</summary>
    Exception,
    /// <summary>A watched register or table field was written.</summary>
    DataBreakpoint,
    /// <summary>A pause request took effect (or a reverse continue was cancelled: back at the stop it started from).</summary>
    Pause,
    /// <summary>A frame was restarted: the run went back to the first instruction of its activation.</summary>
    Restart,
}

/// <summary>Something the engine reports; the DAP layer maps each kind to one protocol event.</summary>
public abstract record DebugEvent;

/// <summary>The VM stopped and waits for a resume command.</summary>
/// <param name="Reason">Why it stopped.</param>
/// <param name="Description">Human-readable detail (the error message for exceptions), or null.</param>
/// <param name="HitBreakpointIds">Ids of the breakpoints that caused the stop (empty for other reasons).</param>
/// <param name="Location">Where it stopped.</param>
public sealed record StoppedEvent(StopReason Reason, string? Description, IReadOnlyList<int> HitBreakpointIds, StopLocation Location) : DebugEvent;

/// <summary>Output from the program (<c>print</c>) or the debugger (log points, results).</summary>
/// <param name="Category">DAP category: <c>stdout</c>, <c>stderr</c> or <c>console</c>.</param>
/// <param name="Text">The text, usually ending with a newline.</param>
public sealed record OutputEvent(string Category, string Text) : DebugEvent;

/// <summary>A launched program finished.</summary>
/// <param name="ExitCode">0 on success, 1 on a VM error or when terminated.</param>
/// <param name="Result">The entry function's return value, or null when it failed.</param>
public sealed record ExitedEvent(int ExitCode, Value? Result) : DebugEvent;

/// <summary>The debug session is over: no more events follow.</summary>
public sealed record TerminatedEvent : DebugEvent;

/// <summary>A breakpoint's verification changed (e.g. its program was loaded after it was set).</summary>
/// <param name="Breakpoint">The breakpoint's new state.</param>
public sealed record BreakpointChangedEvent(BreakpointResult Breakpoint) : DebugEvent;

/// <summary>A long operation (a reverse continue scanning much history) started; <see cref="DebugSession.CancelReverse"/> cancels it.</summary>
/// <param name="ProgressId">Identifies the operation in the events that follow.</param>
/// <param name="Title">What it does.</param>
public sealed record ProgressStartEvent(string ProgressId, string Title) : DebugEvent;

/// <summary>A long operation advanced.</summary>
/// <param name="ProgressId">The operation.</param>
/// <param name="Message">What it is doing now.</param>
/// <param name="Percentage">Done so far, 0 to 100.</param>
public sealed record ProgressUpdateEvent(string ProgressId, string Message, double Percentage) : DebugEvent;

/// <summary>A long operation finished (or was cancelled).</summary>
/// <param name="ProgressId">The operation.</param>
public sealed record ProgressEndEvent(string ProgressId) : DebugEvent;

/// <summary>A stop position.</summary>
/// <param name="Function">The innermost frame's function.</param>
/// <param name="InstructionIndex">Its current instruction.</param>
/// <param name="Line">The instruction's 1-based line in the function's debug source, or 0.</param>
/// <param name="CallDepth">Frames alive.</param>
public sealed record StopLocation(string Function, int InstructionIndex, int Line, int CallDepth);

/// <summary>Step size.</summary>
public enum StepGranularity
{
    /// <summary>Stop at the next instruction that starts a different source line.</summary>
    Line,
    /// <summary>Stop at the next instruction.</summary>
    Instruction,
}

/// <summary>Step kind (docs/debugger.md "Stepping rules").</summary>
public enum StepKind
{
    /// <summary>Any depth.</summary>
    In,
    /// <summary>Depth at most the start depth.</summary>
    Over,
    /// <summary>Depth below the start depth (the caller's first instruction after the call).</summary>
    Out,
}
