namespace Stoffel.Vm.Values;

/// <summary>
/// An object table: a hash map from any value to a value
/// (docs/semantics.md "Value kinds", "Tables"). Missing keys read as Unit. Iteration order is
/// insertion order here, but programs must not depend on it. Read-only outside the VM: it changes
/// only through routines that fire <see cref="Hooks.HookEventKind.ObjectFieldWrite"/>
/// (<see cref="Runtime.ForeignFunctionContext.WriteTable"/>,
/// <see cref="Runtime.VirtualMachine.WriteTable"/>).
/// </summary>
public sealed class StoffelObject
{
    /// <summary>Creates an empty table with store id <paramref name="id"/> (the object store does).</summary>
    internal StoffelObject(long id) => Id = id;

    /// <summary>The store id (the payload of <c>Object(id)</c>).</summary>
    public long Id { get; }

    /// <summary>The fields (read-only).</summary>
    public FieldMap Fields { get; } = new();

    /// <summary>The field under <paramref name="key"/>, or Unit.</summary>
    public Value Get(Value key) => Fields.TryGetValue(key, out var value) ? value : Value.Unit;
}
