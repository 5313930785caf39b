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
    /// <summary>Upvalue cells: the closure's own cells for a closure call, else values captured at call.</summary>
    public Values.Value[]? Upvalues;
    public string[]? UpvalueNames;
    public Values.Closure? Closure;
}
