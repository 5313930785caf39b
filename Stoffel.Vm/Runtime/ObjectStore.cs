using Stoffel.Vm.Values;

namespace Stoffel.Vm.Runtime;

/// <summary>
/// The VM's heap: object and array tables and registered foreign (host) objects, each with a
/// store id. Tables live as long as the VM (upstream has no collector either). Creating a table
/// beyond <see cref="ExecutionLimits.MaxObjects"/> fails with
/// <see cref="VmErrorKind.MemoryLimitExceeded"/>.
/// </summary>
public sealed class ObjectStore
{
    private readonly Dictionary<long, object> _byId = new();
    private readonly Dictionary<object, long> _foreignIds = new(ReferenceEqualityComparer.Instance);
    private long _nextId = 1;
    private int _tables;

    internal ObjectStore(Func<ExecutionLimits> limits) => Limits = limits;

    private Func<ExecutionLimits> Limits { get; }

    /// <summary>Number of object and array tables created.</summary>
    public int TableCount => _tables;

    /// <summary>Number of registered foreign objects.</summary>
    public int ForeignCount => _foreignIds.Count;

    /// <summary>Creates an empty object table.</summary>
    /// <exception cref="StoffelError">The object limit is reached.</exception>
    public Value CreateObject()
    {
        var table = new StoffelObject(ReserveTableId());
        _byId.Add(table.Id, table);
        return Value.FromObject(table);
    }

    /// <summary>Creates an empty array table with a capacity hint (clamped to 0..1,024).</summary>
    /// <exception cref="StoffelError">The object limit is reached.</exception>
    public Value CreateArray(long capacityHint = 0)
    {
        var table = new StoffelArray(ReserveTableId(), (int)Math.Clamp(capacityHint, 0, 1024));
        _byId.Add(table.Id, table);
        return Value.FromArray(table);
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
            _byId.Add(id, target);
        }
        return Value.FromForeign(id, target);
    }

    /// <summary>Finds a table or foreign object by id; returns null when none has it.</summary>
    public object? Find(long id) => _byId.GetValueOrDefault(id);

    /// <summary>The value (Object, Array or Foreign) for a store id, or Unit.</summary>
    public Value ValueOf(long id) => Find(id) switch
    {
        StoffelObject o => Value.FromObject(o),
        StoffelArray a => Value.FromArray(a),
        { } target => Value.FromForeign(id, target),
        null => Value.Unit,
    };

    private long ReserveTableId()
    {
        if (_tables >= Limits().MaxObjects)
        {
            throw new StoffelError(VmErrorKind.MemoryLimitExceeded, $"object store limit reached: {Limits().MaxObjects} tables");
        }
        _tables++;
        return _nextId++;
    }
}
