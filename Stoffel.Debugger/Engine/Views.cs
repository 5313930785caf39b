namespace Stoffel.Debugger.Engine;

/// <summary>One stack frame as the debugger shows it.</summary>
/// <param name="Id">Frame id for scopes and evaluate (1 = innermost).</param>
/// <param name="Name">The function name.</param>
/// <param name="Line">1-based line in <paramref name="Source"/>, or 0.</param>
/// <param name="InstructionIndex">The instruction executing (for callers: their CALL).</param>
/// <param name="Source">The frame's debug source, or null.</param>
/// <param name="InstructionAddress">The address (see <see cref="DebugSession.Disassemble"/>) of the instruction its line is shown for, or null.</param>
public sealed record FrameView(int Id, string Name, int Line, int InstructionIndex, DebugSource? Source, long? InstructionAddress);

/// <summary>One instruction as the Disassembly view shows it.</summary>
/// <param name="Address">Its address: functions of the loaded programs one after another in load order, from 0x1000, one address per instruction.</param>
/// <param name="Text">The instruction as <c>stoffel disasm</c> writes it (<c>LDI r1, 20</c>), or null when no instruction has this address.</param>
/// <param name="Function">The function holding it, or null.</param>
/// <param name="Source">Its debug source (a <c>.stfa</c> file or a binary's disassembly), or null.</param>
/// <param name="Line">Its 1-based line in <paramref name="Source"/>, or 0.</param>
public sealed record InstructionView(long Address, string? Text, string? Function, DebugSource? Source, int Line);

/// <summary>What a completion offers.</summary>
public enum CompletionKind
{
    /// <summary>A register of the frame (<c>r0</c>…).</summary>
    Register,
    /// <summary>A parameter of the frame's function.</summary>
    Local,
    /// <summary>An upvalue of the frame's closure.</summary>
    Upvalue,
    /// <summary>A builtin (foreign) function.</summary>
    Builtin,
}

/// <summary>One completion for the debug console.</summary>
/// <param name="Label">The name to insert.</param>
/// <param name="Kind">What it names.</param>
/// <param name="Start">0-based index in the text where the word being completed starts.</param>
/// <param name="Length">Length of that word (what the label replaces).</param>
public sealed record CompletionView(string Label, CompletionKind Kind, int Start, int Length);

/// <summary>One scope of a frame.</summary>
/// <param name="Name"><c>Registers</c>, <c>Locals</c>, <c>Upvalues</c>, <c>Argument stack</c> or <c>VM</c>.</param>
/// <param name="VariablesReference">Handle for <see cref="DebugSession.GetVariables"/>.</param>
/// <param name="NamedVariables">How many variables it holds.</param>
public sealed record ScopeView(string Name, int VariablesReference, int NamedVariables);

/// <summary>One variable (or an evaluation result, whose name is the expression).</summary>
/// <param name="Name">The variable name (<c>r3</c>, <c>n</c>, <c>0</c>, <c>name</c>, …).</param>
/// <param name="Value">The display text: as <c>print</c> writes it, strings quoted.</param>
/// <param name="Type">The Stoffel type name.</param>
/// <param name="VariablesReference">Handle of its children (tables, closures), or 0.</param>
/// <param name="NamedVariables">Named children (object fields, array side keys, upvalues).</param>
/// <param name="IndexedVariables">Indexed children (array elements).</param>
/// <param name="EvaluateName">An expression that evaluates to it, or null.</param>
public sealed record VariableView(string Name, string Value, string Type, int VariablesReference, int NamedVariables, int IndexedVariables, string? EvaluateName);

/// <summary>Which children a variables request wants.</summary>
public enum VariableFilter
{
    /// <summary>Indexed and named.</summary>
    All,
    /// <summary>Array elements only.</summary>
    Indexed,
    /// <summary>Named children only.</summary>
    Named,
}

/// <summary>What a data breakpoint could watch.</summary>
/// <param name="DataId">The id to pass to <see cref="DebugSession.SetDataBreakpoints"/>, or null when nothing can be watched.</param>
/// <param name="Description">What it watches, or why nothing can be.</param>
public sealed record DataBreakpointTarget(string? DataId, string Description);

/// <summary>The VM error a stop with reason <see cref="StopReason.Exception"/> is about.</summary>
/// <param name="Kind">The error kind name (e.g. <c>DivisionByZero</c>).</param>
/// <param name="Message">The error message.</param>
/// <param name="StackTrace">The Stoffel stack trace, one frame per line.</param>
public sealed record ExceptionDetails(string Kind, string Message, string StackTrace);
