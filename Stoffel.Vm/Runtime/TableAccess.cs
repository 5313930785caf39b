using Stoffel.Vm.Hooks;
using Stoffel.Vm.Values;

namespace Stoffel.Vm.Runtime;

/// <summary>
/// Table reads and writes for builtins and hosts (<see cref="ForeignFunctionContext"/>,
/// <see cref="VirtualMachine.WriteTable"/>): bounds and limits checked, growth charged to the
/// heap budget, and the one place object and array read and write events come from. Owned by
/// <see cref="VMState"/> (<c>Tables</c>); it uses only the state's limits, heap budget and
/// event delivery. (The dispatch loop's inline get_field/set_field/array_push write tables
/// directly, but only while no hook subscribes to an event they would raise:
/// VMState.Intrinsics.cs.)
/// </summary>
internal sealed class TableAccess(VMState state)
{
    /// <summary>Reads an element at a dense index; fires ArrayElementRead.</summary>
    public Value GetElement(StoffelArray array, long index)
    {
        if ((ulong)index >= (ulong)array.Length)
        {
            throw new StoffelError(VmErrorKind.IndexOutOfRange, $"array index {index} out of range (length {array.Length})");
        }
        var value = array.Elements[(int)index];
        state.Delivery.FireTableEvent(HookEventKind.ArrayElementRead, Value.FromArray(array), Value.FromI64(index), Value.Unit, value);
        return value;
    }

    /// <summary>Writes an element, growing the array with Unit up to it (charged); fires ArrayElementWrite.</summary>
    public void SetElement(StoffelArray array, long index, Value value)
    {
        if (index < 0)
        {
            throw new StoffelError(VmErrorKind.IndexOutOfRange, $"array index {index} out of range (length {array.Length})");
        }
        if (index >= state.Limits.MaxArrayLength)
        {
            throw new StoffelError(VmErrorKind.MemoryLimitExceeded, $"array index {index} exceeds the array length limit of {state.Limits.MaxArrayLength}");
        }
        var elements = array.Elements;
        var old = Value.Unit;
        if (index < elements.Count)
        {
            old = elements[(int)index];
            elements[(int)index] = value;
        }
        else
        {
            state.Heap.Charge((index + 1 - elements.Count) * HeapWalker.ElementBytes, array);
            while (elements.Count < index)
            {
                elements.Add(Value.Unit);
            }
            elements.Add(value);
        }
        state.Delivery.FireTableEvent(HookEventKind.ArrayElementWrite, Value.FromArray(array), Value.FromI64(index), old, value);
    }

    /// <summary>Appends an element (<see cref="SetElement"/> at the length); returns the new length.</summary>
    public int Append(StoffelArray array, Value value)
    {
        SetElement(array, array.Length, value);
        return array.Length;
    }

    /// <summary>Removes the tail from <paramref name="length"/> on, last index first; each removed slot fires a write of Unit.</summary>
    public void Truncate(StoffelArray array, int length)
    {
        var elements = array.Elements;
        if ((uint)length > (uint)elements.Count)
        {
            throw new StoffelError(VmErrorKind.IndexOutOfRange, $"cannot truncate an array of length {elements.Count} to {length}");
        }
        for (var index = elements.Count - 1; index >= length; index--)
        {
            var old = elements[index];
            elements.RemoveLast();
            state.Delivery.FireTableEvent(HookEventKind.ArrayElementWrite, Value.FromArray(array), Value.FromI64(index), old, Value.Unit);
        }
    }

    /// <summary>Reads an object's field or an array's element or side entry; fires the read event for the table's kind.</summary>
    public Value ReadTable(Value table, Value key)
    {
        switch (table.Kind)
        {
            case ValueKind.Object:
            {
                var value = table.AsObject!.Get(key);
                state.Delivery.FireTableEvent(HookEventKind.ObjectFieldRead, table, key, Value.Unit, value);
                return value;
            }
            case ValueKind.Array:
            {
                var array = table.AsArray!;
                if (key.Kind == ValueKind.I64 && key.AsI64 >= 0)
                {
                    return key.AsI64 < array.Length ? GetElement(array, key.AsI64) : Value.Unit;
                }
                var value = array.HasSideEntries && array.SideMap.TryGetValue(key, out var found) ? found : Value.Unit;
                state.Delivery.FireTableEvent(HookEventKind.ArrayElementRead, table, key, Value.Unit, value);
                return value;
            }
            default:
                throw new StoffelError(VmErrorKind.TypeError, $"cannot read a field of {ValueFormatter.Describe(table)}: not an object or array");
        }
    }

    /// <summary>Writes an object's field or an array's element or side entry (growth charged); fires the write event for the table's kind.</summary>
    public void WriteTable(Value table, Value key, Value value)
    {
        switch (table.Kind)
        {
            case ValueKind.Object:
            {
                state.Heap.ChargeFieldRoom(table.AsObject!, key);
                var old = table.AsObject!.Fields.Set(key, value);
                state.Delivery.FireTableEvent(HookEventKind.ObjectFieldWrite, table, key, old, value);
                return;
            }
            case ValueKind.Array:
            {
                var array = table.AsArray!;
                if (key.Kind == ValueKind.I64 && key.AsI64 >= 0)
                {
                    SetElement(array, key.AsI64, value);
                    return;
                }
                var side = array.SideMap;
                if (!side.TryGetValue(key, out var old))
                {
                    state.Heap.Charge(HeapWalker.SideEntryBytes, array);
                }
                side[key] = value;
                state.Delivery.FireTableEvent(HookEventKind.ArrayElementWrite, table, key, old, value);
                return;
            }
            default:
                throw new StoffelError(VmErrorKind.TypeError, $"cannot set a field of {ValueFormatter.Describe(table)}: not an object or array");
        }
    }
}
