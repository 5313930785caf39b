namespace Stoffel.Vm.Runtime;

/// <summary>
/// One call's activation record. Registers and spill slots live in the VM's value stack from
/// <see cref="Base"/>. The parameters stay in the argument-stack buffer where the caller pushed
/// them, from <see cref="ParamBase"/>: they are the by-name locals that upvalue capture and the
/// debugger read, and keeping them there spares a copy per call. The frame's own argument stack
/// follows them, from <see cref="ArgBase"/> (only the innermost frame's can be non-empty, since
/// CALL takes all of it).
/// </summary>
internal struct ActivationRecord
{
    public RuntimeFunction Function;
    /// <summary>
    /// Where <see cref="Function"/>'s plain code starts (<see cref="RuntimeFunction.PlainCodeAddress"/>),
    /// written with it in <see cref="CallStack.InitRecord"/>, the only place either is written (a
    /// record is otherwise copied whole: the array's growth, a checkpoint). A return resumes its
    /// caller from here and the caller's <see cref="Ip"/>, one dependent load sooner than through
    /// the function (fib(32) 0.1136 → 0.1096 s, whole process, alternating runs).
    /// </summary>
    public nint PlainCodeAddress;
    public int Base;
    /// <summary>Current instruction (for callers: the CALL they are in).</summary>
    public int Ip;
    public CompareFlag Flag;
    /// <summary>Where this frame's argument stack starts in the argument buffer.</summary>
    public int ArgBase;
    /// <summary>Where this frame's parameters (its call's arguments) are in the argument buffer.</summary>
    public int ParamBase;
    /// <summary>The argument-stack top to restore on return: the caller's <see cref="ArgBase"/>, so the call consumed the caller's whole argument stack.</summary>
    public int ReturnArgTop;
    /// <summary>
    /// The frame's upvalues, names and cells, or null for none: for a closure call the closure
    /// itself (its own cells, which the body reads and writes), for a function with upvalues
    /// called directly a closure holding the values captured at the call
    /// (<see cref="ClosureCall"/> tells them apart). One reference, so a closure call costs one
    /// GC write barrier here, unless the record held the same closure when it was popped
    /// (<see cref="CallStack.InitRecord"/>: a popped record keeps its upvalues until it is reused).
    /// </summary>
    public Values.Closure? Upvalues;
    /// <summary>Whether <see cref="Upvalues"/> is the closure the program called (what the debugger shows as the frame's closure), not captured values.</summary>
    public bool ClosureCall;
    /// <summary>
    /// Whether every register and spill slot holds this activation's own value or Unit. A call
    /// leaves the slots its function always writes before reading uncleared
    /// (<see cref="RegisterAssignment"/>): until they are written they hold what the stack held,
    /// and readers show Unit there (<see cref="CallStack.SlotValue"/>); the plain loop leaves the
    /// registers of constant loads it runs as immediate operands unwritten
    /// (<see cref="ImmediateOperands"/>), and readers show the constant. The hooked loop, whose
    /// after-instruction events see registers the record's <see cref="Ip"/> does not account for,
    /// and a host's write clear them first (<see cref="CallStack.ClearUnwritten"/>); once they did,
    /// the plain loop writes those registers too.
    /// </summary>
    public bool Cleared;

    /// <summary>The frame's closure when it runs one (<see cref="ClosureCall"/>), else null.</summary>
    public readonly Values.Closure? Closure => ClosureCall ? Upvalues : null;
}
