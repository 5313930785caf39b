using System.Runtime.CompilerServices;
using Stoffel.Vm.Instructions;
using Stoffel.Vm.Programs;
using Stoffel.Vm.Runtime;
using Stoffel.Vm.Values;

namespace Stoffel.Vm.Hooks;

/// <summary>
/// One hook event. Built only when a registered, enabled hook subscribes to its kind, and
/// passed by reference. Which fields are set depends on <see cref="Kind"/> (see
/// <see cref="HookEventKind"/>); the rest hold defaults.
/// </summary>
public readonly record struct HookEvent
{
    // Fields the VM rewrites in place for call events (SetBeforeCall, SetAfterCall).
    private readonly CompiledFunction? _function;
    private readonly int _instructionIndex;
    private readonly int _callDepth;
    private readonly string? _name;
    private readonly Instruction _instruction;
    // Set: the tracing loop's event (ForTracer). Its instruction is _function's at the index the
    // two addresses give, read when asked for, not stored, because the loop runs the plain code,
    // not the program's: _instructionAddress is the instruction's in the function's pinned plain
    // code (RuntimeFunction.PlainCodeAddress), which starts at _codeAddress. The loop stores the
    // address it holds, so an instruction's event costs one store (SetInstructionInFrame).
    private readonly bool _instructionInCode;
    private readonly nint _codeAddress;
    private readonly nint _instructionAddress;

    // The four value properties' storage. A BeforeFunctionCall uses none of them: the VM keeps
    // its first arguments here instead (_inlineArguments of them; the properties then read as
    // Unit), and an init of any property spills them into _arguments first.
    private const int InlineArgumentCapacity = 4;
    private readonly Value _old;
    private readonly Value _new;
    private readonly Value _table;
    private readonly Value _key;
    private readonly int _inlineArguments;
    private readonly IReadOnlyList<Value>? _arguments;

    /// <summary>
    /// An event located at an instruction (the instruction events): built in place, because the
    /// hooked loop raises one per instruction and an object initializer would build the event
    /// twice and copy it with write barriers.
    /// </summary>
    internal HookEvent(HookEventKind kind, CompiledFunction function, int instructionIndex, Instruction instruction, int callDepth)
    {
        Kind = kind;
        _function = function;
        _instructionIndex = instructionIndex;
        _instruction = instruction;
        _callDepth = callDepth;
    }

    /// <summary>
    /// Makes <paramref name="e"/>, an instruction event the VM keeps for its life, the event of
    /// another instruction, in place: the fields an instruction event uses, without zeroing and
    /// copying the whole struct per instruction (what <see cref="SetBeforeCall"/> does for calls).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void SetInstruction(ref HookEvent e, CompiledFunction function, int instructionIndex, in Instruction instruction, int callDepth)
    {
        Unsafe.AsRef(in e._instruction) = instruction;
        Unsafe.AsRef(in e._instructionInCode) = false;
        SetLocation(ref e, function, instructionIndex, callDepth);
    }

    /// <summary>
    /// The tracing loop's event, before its first frame (<see cref="SetFrame"/>): a
    /// <see cref="HookEventKind.BeforeInstructionExecute"/> whose instruction is always its
    /// function's at its index (<see cref="SetInstructionInFrame"/>), read when asked for.
    /// </summary>
    internal static HookEvent ForTracer()
    {
        var e = new HookEvent { Kind = HookEventKind.BeforeInstructionExecute };
        Unsafe.AsRef(in e._instructionInCode) = true;
        return e;
    }

    /// <summary>
    /// <see cref="SetInstruction"/> in two halves, for the tracing loop: the frame's
    /// (<see cref="SetFrame"/>) where it enters a frame, here the instruction's place in the
    /// frame function's pinned plain code, whose index <see cref="InstructionIndex"/> computes
    /// from it and the instruction itself is read from the function's code when a hook asks.
    /// </summary>
    /// <remarks>
    /// The address, not the index: the loop holds it, and its index took a load, a subtraction and
    /// a shift per traced instruction (bench/pathlength.sh --hook; docs/vm-internals.md).
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void SetInstructionInFrame(ref HookEvent e, in Instruction plainInstruction) =>
        Unsafe.AsRef(in e._instructionAddress) = RuntimeFunction.AddressOf(in plainInstruction);

    /// <summary>The tracing loop's event's instruction (<see cref="SetInstructionInFrame"/>): its address in the frame function's pinned plain code.</summary>
    internal nint InstructionAddress => _instructionAddress;

    /// <summary>
    /// The frame half of <see cref="SetInstruction"/> for the tracing loop's event
    /// (<see cref="ForTracer"/>): the function (<paramref name="function"/>'s program function)
    /// and the call depth, which stay the same for every instruction of one frame, and where the
    /// function's plain code starts (<see cref="RuntimeFunction.PlainCodeAddress"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void SetFrame(ref HookEvent e, RuntimeFunction function, int callDepth)
    {
        Unsafe.AsRef(in e._callDepth) = callDepth;
        if (!ReferenceEquals(e._function, function.Source))
        {
            Unsafe.AsRef(in e._function) = function.Source;
            Unsafe.AsRef(in e._codeAddress) = function.PlainCodeAddress; // a function's plain code stays where it is (pinned)
        }
    }

    /// <summary>
    /// Makes <paramref name="e"/>, an event the VM keeps for its life (one per call-event kind),
    /// the <see cref="HookEventKind.BeforeFunctionCall"/> of another call, in place. Building a
    /// fresh event per call zeroes and copies the whole struct, which cost more than the rest of
    /// a call hook; this writes the handful of fields a call event uses (the others stay
    /// default). Up to four arguments go into the value storage (<see cref="Arguments"/> copies
    /// them out when read), so a hook that does not read them costs no allocation. Safe because
    /// hooks don't re-enter: nothing fires, so nothing rewrites the event, while a callback runs.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void SetBeforeCall(ref HookEvent e, CompiledFunction? caller, int callSite, int callerDepth, string callee, ReadOnlySpan<Value> arguments)
    {
        SetCallSite(ref e, caller, callSite, callerDepth, callee);
        var count = arguments.Length is > 0 and <= InlineArgumentCapacity ? arguments.Length : 0;
        // Write the arguments' slots and clear the ones the previous call used: the event's
        // storage is on the heap, and a store that holds a reference costs a write barrier.
        var used = e._inlineArguments;
        SetValueSlot(ref Unsafe.AsRef(in e._old), arguments, 0, count, used);
        SetValueSlot(ref Unsafe.AsRef(in e._new), arguments, 1, count, used);
        SetValueSlot(ref Unsafe.AsRef(in e._table), arguments, 2, count, used);
        SetValueSlot(ref Unsafe.AsRef(in e._key), arguments, 3, count, used);
        Unsafe.AsRef(in e._inlineArguments) = count;
        if (count == 0)
        {
            Unsafe.AsRef(in e._arguments) = arguments.ToArray(); // the shared empty array for none
        }
        else if (e._arguments is not null)
        {
            Unsafe.AsRef<IReadOnlyList<Value>?>(in e._arguments) = null;
        }
    }

    /// <summary>
    /// Makes <paramref name="e"/>, an event the VM keeps for its life, the
    /// <see cref="HookEventKind.AfterFunctionCall"/> of another call, in place (see
    /// <see cref="SetBeforeCall"/>): located at the caller's CALL, like its BeforeFunctionCall.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void SetAfterCall(ref HookEvent e, CompiledFunction? caller, int callSite, int callerDepth, string callee, in Value result)
    {
        SetCallSite(ref e, caller, callSite, callerDepth, callee);
        Value.Copy(ref Unsafe.AsRef(in e._new), in result);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void SetCallSite(ref HookEvent e, CompiledFunction? caller, int callSite, int callerDepth, string callee)
    {
        SetLocation(ref e, caller, callSite, callerDepth);
        if (!ReferenceEquals(e._name, callee))
        {
            Unsafe.AsRef(in e._name) = callee; // most calls repeat the last one's callee: skip the reference store
        }
    }

    // Where an event the VM rewrites in place happened. Most events repeat the last one's function:
    // the reference store (a GC write barrier, the event lives on the heap) is skipped then. It
    // comes last, so that nothing else the caller writes must survive the barrier's call.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void SetLocation(ref HookEvent e, CompiledFunction? function, int instructionIndex, int callDepth)
    {
        Unsafe.AsRef(in e._instructionIndex) = instructionIndex;
        Unsafe.AsRef(in e._callDepth) = callDepth;
        if (!ReferenceEquals(e._function, function))
        {
            Unsafe.AsRef(in e._function) = function;
        }
    }

    /// <summary>Puts argument <paramref name="index"/> in <paramref name="slot"/>, or clears the slot when the previous call used it and this one does not.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void SetValueSlot(ref Value slot, ReadOnlySpan<Value> arguments, int index, int count, int used)
    {
        if (index < count)
        {
            Value.Copy(ref slot, in arguments[index]);
        }
        else if (index < used)
        {
            slot = default;
        }
    }

    /// <summary>The event kind.</summary>
    public HookEventKind Kind { get; init; }

    /// <summary>
    /// The function of the frame the event happened in, or null outside any frame. Call events
    /// (BeforeFunctionCall, AfterFunctionCall) name the caller, whose CALL they are; null for the
    /// entry call.
    /// </summary>
    public CompiledFunction? Function
    {
        get => _function;
        init
        {
            (_instruction, _instructionIndex, _instructionInCode) = (Instruction, InstructionIndex, false); // the instruction and its index stay the ones they were
            _function = value;
        }
    }

    /// <summary>The instruction index in <see cref="Function"/> (for calls: the CALL).</summary>
    public int InstructionIndex
    {
        get => _instructionInCode ? RuntimeFunction.PlainIndexAt(_codeAddress, _instructionAddress) : _instructionIndex;
        init
        {
            (_instruction, _instructionInCode) = (Instruction, false); // the instruction stays the one it was
            _instructionIndex = value;
        }
    }

    /// <summary>
    /// The instruction, for instruction and register events: the program's own, as written (past
    /// its last instruction, the <c>RET r0</c> every function ends with).
    /// </summary>
    public Instruction Instruction
    {
        get => _instructionInCode ? RuntimeFunction.InstructionAt(_function!, InstructionIndex) : _instruction;
        init => (_instruction, _instructionIndex, _instructionInCode) = (value, InstructionIndex, false); // the index stays the one it was
    }

    /// <summary>
    /// Frames alive when the event fired (1 = only the entry frame). Call events give the
    /// caller's depth, so the callee's is <c>CallDepth + 1</c>: its frame does not exist yet
    /// (BeforeFunctionCall), is about to go (AfterFunctionCall of a program function) or never
    /// existed (a foreign function).
    /// </summary>
    public int CallDepth { get => _callDepth; init => _callDepth = value; }

    /// <summary>Frame the register belongs to, counted from the innermost (0) outwards; for register events.</summary>
    public int FrameIndex { get; init; }

    /// <summary>The register index, for register events.</summary>
    public int Register { get; init; }

    /// <summary>The value before a write, or the value a StackPop took.</summary>
    public Value OldValue
    {
        get => _inlineArguments == 0 ? _old : default;
        init
        {
            this = WithoutInlineArguments();
            _old = value;
        }
    }

    /// <summary>The value written or read, the return value of AfterFunctionCall, or the closure created.</summary>
    public Value NewValue
    {
        get => _inlineArguments == 0 ? _new : default;
        init
        {
            this = WithoutInlineArguments();
            _new = value;
        }
    }

    /// <summary>The table of an object/array event.</summary>
    public Value Table
    {
        get => _inlineArguments == 0 ? _table : default;
        init
        {
            this = WithoutInlineArguments();
            _table = value;
        }
    }

    /// <summary>The key of an object/array event.</summary>
    public Value Key
    {
        get => _inlineArguments == 0 ? _key : default;
        init
        {
            this = WithoutInlineArguments();
            _key = value;
        }
    }

    /// <summary>Variable or upvalue name, callee name for call events, function name for ClosureCreated.</summary>
    public string? Name { get => _name; init => _name = value; }

    /// <summary>
    /// Arguments of a BeforeFunctionCall, in order. For an event the VM built, each read returns
    /// a new array (the first four arguments live in the event itself until asked for): read it
    /// once and keep the list.
    /// </summary>
    public IReadOnlyList<Value>? Arguments
    {
        get => _arguments ?? (_inlineArguments == 0 ? null : CopyInlineArguments());
        init
        {
            if (_inlineArguments != 0)
            {
                (_inlineArguments, _old, _new, _table, _key) = (0, default, default, default, default);
            }
            _arguments = value;
        }
    }

    /// <summary>The error category of an <see cref="HookEventKind.ExecutionError"/>.</summary>
    public Runtime.VmErrorKind ErrorKind { get; init; }

    /// <summary>The error message of an <see cref="HookEventKind.ExecutionError"/>.</summary>
    public string? Message { get; init; }

    private Value[] CopyInlineArguments() => _inlineArguments switch
    {
        1 => [_old],
        2 => [_old, _new],
        3 => [_old, _new, _table],
        _ => [_old, _new, _table, _key],
    };

    /// <summary>This event with any inline arguments moved to <see cref="Arguments"/>, so a value property can take its storage.</summary>
    private HookEvent WithoutInlineArguments() => _inlineArguments == 0 ? this : this with { Arguments = CopyInlineArguments() };
}
