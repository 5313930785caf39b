using Stoffel.Vm.Values;

namespace Stoffel.Vm.Runtime;

/// <summary>
/// Creates the VM's tables and registers foreign (host) objects, each with a store id. The store
/// does not keep tables alive: one the program (or host) no longer reaches is garbage for the
/// .NET collector, so a long run that creates and drops tables runs in bounded memory (upstream
/// never frees them). Creating a table past <see cref="ExecutionLimits.MaxObjects"/> live tables,
/// or past <see cref="ExecutionLimits.MaxMemoryBytes"/>, fails with
/// <see cref="VmErrorKind.MemoryLimitExceeded"/>. Foreign objects stay registered for the VM's life.
/// </summary>
public sealed class ObjectStore
{
    private readonly Dictionary<long, object> _foreignById = new();
    private readonly Dictionary<object, long> _foreignIds = new(ReferenceEqualityComparer.Instance);
    private readonly HeapBudget _heap;
    private long _nextId = 1;

    internal ObjectStore(HeapBudget heap) => _heap = heap;

    /// <summary>Object and array tables created over the VM's life, live or not.</summary>
    public long TablesCreated { get; private set; }

    /// <summary>Number of registered foreign objects.</summary>
    public int ForeignCount => _foreignIds.Count;

    /// <summary>Creates an empty object table.</summary>
    /// <exception cref="StoffelError">The object limit is reached.</exception>
    public Value CreateObject()
    {
        return Value.FromObject(new StoffelObject(ReserveTableId(HeapWalker.NewObjectBytes)));
    }

    /// <summary>Creates an empty array table with a capacity hint (clamped to 0..1,024).</summary>
    /// <exception cref="StoffelError">The object limit is reached.</exception>
    public Value CreateArray(long capacityHint = 0)
    {
        var capacity = (int)Math.Clamp(capacityHint, 0, 1024);
        return Value.FromArray(new StoffelArray(ReserveTableId(HeapWalker.TableBytes + capacity * HeapWalker.ElementBytes), capacity));
    }

    /// <summary>
    /// Registers a host object and returns its <c>Foreign(id)</c> value; registering the same
    /// instance again returns the same id.
    /// </summary>
    public Value RegisterForeign(object target)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (!_foreignIds.TryGetValue(target, out var id))
        {
            id = _nextId++;
            _foreignIds.Add(target, id);
            _foreignById.Add(id, target);
        }
        return Value.FromForeign(id, target);
    }

    /// <summary>
    /// Finds a registered foreign object by id; null when none has it. Tables are not looked up by
    /// id (the store does not hold them): reach them through the values that refer to them.
    /// </summary>
    public object? FindForeign(long id) => _foreignById.GetValueOrDefault(id);

    /// <summary>The next id and the tables-created count: what an execution recording saves at a checkpoint and restores.</summary>
    internal Counters CurrentCounters
    {
        get => new(_nextId, TablesCreated);
        set => (_nextId, TablesCreated) = (value.NextId, value.TablesCreated);
    }

    private long ReserveTableId(long bytes)
    {
        _heap.ChargeTable(bytes);
        TablesCreated++;
        return _nextId++;
    }

    /// <summary>The store's counters at one point of a run.</summary>
    /// <param name="NextId">The id the next table or foreign object gets.</param>
    /// <param name="TablesCreated">Tables created so far.</param>
    internal readonly record struct Counters(long NextId, long TablesCreated);
}
