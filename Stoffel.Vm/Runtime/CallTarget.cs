namespace Stoffel.Vm.Runtime;

/// <summary>Something a CALL can reach: a program function or a foreign (C#) function.</summary>
internal sealed class CallTarget
{
    public CallTarget(RuntimeFunction function)
    {
        Name = function.Name;
        Function = function;
    }

    public CallTarget(string name, ForeignFunction foreign, Intrinsic intrinsic, VMState.IntrinsicPath? path, bool replayable, int recordId)
    {
        Name = name;
        Foreign = foreign;
        Intrinsic = intrinsic;
        Path = path;
        Replayable = replayable;
        RecordId = recordId;
    }

    public string Name { get; }

    public RuntimeFunction? Function { get; }

    public ForeignFunction? Foreign { get; }

    /// <summary>A foreign function's index in the VM's callee names (<see cref="FunctionRegistry.CalleeNames"/>): what the records of its inline calls carry (<see cref="Hooks.CallRecord.FunctionId"/>).</summary>
    public int RecordId { get; }

    /// <summary>The inline fast path the loop may take instead of calling <see cref="Foreign"/>.</summary>
    public Intrinsic Intrinsic { get; }

    /// <summary>The inline path of <see cref="Intrinsic"/>, or null when it has none (an ordinary foreign function; call_closure, which enters a frame instead).</summary>
    public VMState.IntrinsicPath? Path { get; }

    /// <summary>
    /// A program function, or a builtin whose effects are only on the VM's own state (tables,
    /// frames), so an execution recording runs it again on replay instead of logging it.
    /// </summary>
    public bool Replayable { get; } = true;
}
