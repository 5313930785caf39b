using Stoffel.Vm.Hooks;
using Stoffel.Vm.Values;

namespace Stoffel.Vm.Runtime;

// Table access for builtins and hosts: the one place object/array read and write events come
// from. (The dispatch loop's inline get_field/set_field/array_push write tables directly, but only
// while no hook subscribes to an event they would raise: VMState.Intrinsics.cs.)
internal sealed partial class VMState
{
    internal Value GetElement(StoffelArray array, long index)
    {
        if ((ulong)index >= (ulong)array.Length)
        {
            throw new StoffelError(VmErrorKind.IndexOutOfRange, $"array index {index} out of range (length {array.Length})");
        }
        var value = array.Elements[(int)index];
        FireTableEvent(HookEventKind.ArrayElementRead, Value.FromArray(array), Value.FromI64(index), Value.Unit, value);
        return value;
    }

    internal void SetElement(StoffelArray array, long index, Value value)
    {
        if (index < 0)
        {
            throw new StoffelError(VmErrorKind.IndexOutOfRange, $"array index {index} out of range (length {array.Length})");
        }
        if (index >= Limits.MaxArrayLength)
        {
            throw new StoffelError(VmErrorKind.MemoryLimitExceeded, $"array index {index} exceeds the array length limit of {Limits.MaxArrayLength}");
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
            Heap.Charge((index + 1 - elements.Count) * HeapWalker.ElementBytes, array);
            while (elements.Count < index)
            {
                elements.Add(Value.Unit);
            }
            elements.Add(value);
        }
        FireTableEvent(HookEventKind.ArrayElementWrite, Value.FromArray(array), Value.FromI64(index), old, value);
    }

    internal int Append(StoffelArray array, Value value)
    {
        SetElement(array, array.Length, value);
        return array.Length;
    }

    // Removes the tail from `length` on, last index first; each removed slot fires a write of Unit.
    internal void Truncate(StoffelArray array, int length)
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
            FireTableEvent(HookEventKind.ArrayElementWrite, Value.FromArray(array), Value.FromI64(index), old, Value.Unit);
        }
    }

    internal Value ReadTable(Value table, Value key)
    {
        switch (table.Kind)
        {
            case ValueKind.Object:
            {
                var value = table.AsObject!.Get(key);
                FireTableEvent(HookEventKind.ObjectFieldRead, table, key, Value.Unit, value);
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
                FireTableEvent(HookEventKind.ArrayElementRead, table, key, Value.Unit, value);
                return value;
            }
            default:
                throw new StoffelError(VmErrorKind.TypeError, $"cannot read a field of {ValueFormatter.Describe(table)}: not an object or array");
        }
    }

    internal void WriteTable(Value table, Value key, Value value)
    {
        switch (table.Kind)
        {
            case ValueKind.Object:
            {
                ChargeFieldRoom(table.AsObject!, key);
                var old = table.AsObject!.Fields.Set(key, value);
                FireTableEvent(HookEventKind.ObjectFieldWrite, table, key, old, value);
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
                    Heap.Charge(HeapWalker.SideEntryBytes, array);
                }
                side[key] = value;
                FireTableEvent(HookEventKind.ArrayElementWrite, table, key, old, value);
                return;
            }
            default:
                throw new StoffelError(VmErrorKind.TypeError, $"cannot set a field of {ValueFormatter.Describe(table)}: not an object or array");
        }
    }

    /// <summary>
    /// Charges a full object's field map for the doubled storage it allocates when
    /// <paramref name="key"/> is a new field (the old storage is still live while it is copied).
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private void ChargeFieldRoom(StoffelObject table, in Value key)
    {
        var fields = table.Fields;
        if (fields.Count == fields.Capacity && !fields.ContainsKey(key))
        {
            Heap.Charge(2L * fields.Capacity * HeapWalker.FieldBytes, table);
        }
    }

    internal Value CreateString(string text)
    {
        ChargeString(text);
        return Value.FromString(text);
    }

    /// <summary>Checks a new string against the length limit and charges it to the heap budget.</summary>
    private void ChargeString(string text)
    {
        if (text.Length > Limits.MaxStringLength)
        {
            throw new StoffelError(VmErrorKind.MemoryLimitExceeded, $"string length limit of {Limits.MaxStringLength} characters exceeded");
        }
        Heap.Charge(HeapWalker.StringBytes + 2L * text.Length, null);
    }
}
