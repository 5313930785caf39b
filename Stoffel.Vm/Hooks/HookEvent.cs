using Stoffel.Vm.Instructions;
using Stoffel.Vm.Programs;
using Stoffel.Vm.Values;

namespace Stoffel.Vm.Hooks;

/// <summary>
/// One hook event. Built only when a registered, enabled hook subscribes to its kind, and
/// passed by reference. Which fields are set depends on <see cref="Kind"/> (see
/// <see cref="HookEventKind"/>); the rest hold defaults.
/// </summary>
public readonly record struct HookEvent
{
    /// <summary>
    /// An event located at an instruction (the instruction events): built in place, because the
    /// hooked loop raises one per instruction and an object initializer would build the event
    /// twice and copy it with write barriers.
    /// </summary>
    internal HookEvent(HookEventKind kind, CompiledFunction function, int instructionIndex, Instruction instruction, int callDepth)
    {
        Kind = kind;
        Function = function;
        InstructionIndex = instructionIndex;
        Instruction = instruction;
        CallDepth = callDepth;
    }

    /// <summary>The event kind.</summary>
    public HookEventKind Kind { get; init; }

    /// <summary>The function of the frame the event happened in, or null outside any frame.</summary>
    public CompiledFunction? Function { get; init; }

    /// <summary>The instruction index in <see cref="Function"/> (for calls: the CALL).</summary>
    public int InstructionIndex { get; init; }

    /// <summary>The instruction, for instruction and register events.</summary>
    public Instruction Instruction { get; init; }

    /// <summary>Frames alive when the event fired (1 = only the entry frame).</summary>
    public int CallDepth { get; init; }

    /// <summary>Frame the register belongs to, counted from the innermost (0) outwards; for register events.</summary>
    public int FrameIndex { get; init; }

    /// <summary>The register index, for register events.</summary>
    public int Register { get; init; }

    /// <summary>The value before a write, or the value a StackPop took.</summary>
    public Value OldValue { get; init; }

    /// <summary>The value written or read, the return value of AfterFunctionCall, or the closure created.</summary>
    public Value NewValue { get; init; }

    /// <summary>The table of an object/array event.</summary>
    public Value Table { get; init; }

    /// <summary>The key of an object/array event.</summary>
    public Value Key { get; init; }

    /// <summary>Variable or upvalue name, callee name for call events, function name for ClosureCreated.</summary>
    public string? Name { get; init; }

    /// <summary>Arguments of a BeforeFunctionCall, in order.</summary>
    public IReadOnlyList<Value>? Arguments { get; init; }

    /// <summary>The error category of an <see cref="HookEventKind.ExecutionError"/>.</summary>
    public Runtime.VmErrorKind ErrorKind { get; init; }

    /// <summary>The error message of an <see cref="HookEventKind.ExecutionError"/>.</summary>
    public string? Message { get; init; }
}
