namespace Stoffel.Vm.Runtime;

/// <summary>
/// One call's activation record. Registers, spill slots and parameter copies live in the VM's
/// value stack from <see cref="Base"/>; the argument stack is the shared buffer from
/// <see cref="ArgBase"/> (only the innermost frame's can be non-empty, since CALL takes all of it).
/// </summary>
internal struct ActivationRecord
{
    public RuntimeFunction Function;
    public int Base;
    /// <summary>Current instruction (for callers: the CALL they are in).</summary>
    public int Ip;
    public CompareFlag Flag;
    public int ArgBase;
    /// <summary>Upvalue cells: the closure's own cells for a closure call, else values captured at call.</summary>
    public Values.Value[]? Upvalues;
    public IReadOnlyList<string>? UpvalueNames;
    public Values.Closure? Closure;
}
