using Stoffel.Vm.Runtime;
using Stoffel.Vm.Values;

namespace Stoffel.Vm.Recording;

/// <summary>
/// One call of a recorded foreign function, as the forward run saw it: its result or error, the
/// table contents it produced (tables it created, and argument tables it changed), the store's
/// counters after it and the instructions nested runs executed inside it. Replaying it gives the
/// run the same effects without calling the host again.
/// </summary>
internal sealed class HostCall
{
    private readonly Value _result;
    private readonly StoffelError? _error;
    private readonly FrozenTable[] _tables;
    private readonly ObjectStore.Counters _countersAfter;

    public HostCall(string name, Value result, StoffelError? error, FrozenTable[] tables, ObjectStore.Counters countersAfter, long instructionsInside)
    {
        Name = name;
        _result = result;
        _error = error;
        _tables = tables;
        _countersAfter = countersAfter;
        InstructionsInside = instructionsInside;
        Bytes = 96 + tables.Sum(table => table.Bytes);
    }

    /// <summary>The function called.</summary>
    public string Name { get; }

    /// <summary>Instructions that nested runs (the host calling back into the VM) executed during the call.</summary>
    public long InstructionsInside { get; }

    /// <summary>Approximate bytes the entry holds.</summary>
    public long Bytes { get; }

    /// <summary>Gives the run the call's effects again and returns its result, or throws its error.</summary>
    /// <exception cref="StoffelError">The call failed when it was recorded.</exception>
    public Value Replay(ObjectStore objects)
    {
        foreach (var table in _tables)
        {
            table.Restore();
        }
        objects.CurrentCounters = _countersAfter;
        if (_error is not null)
        {
            throw new StoffelError(_error.Kind, _error.Message);
        }
        return _result;
    }
}
