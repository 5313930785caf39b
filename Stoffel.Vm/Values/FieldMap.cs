using System.Collections;
using System.Runtime.CompilerServices;

namespace Stoffel.Vm.Values;

/// <summary>
/// The fields of an object table: a hash map from <see cref="Value"/> keys (upstream's key
/// equality, <see cref="Value.Equals(Value)"/>) to values, iterated in insertion order.
/// Read-only outside the VM (see <see cref="StoffelObject"/>).
/// </summary>
/// <remarks>
/// Built for the field access compiled programs do: a constant string key is an interned
/// <see cref="VmString"/> whose hash is computed once, and the entry it finds is usually the
/// first of its chain with the very same key object, so a read is a hash load, a bucket load and
/// a reference compare — no string hashing or comparison per access. Entries live in one array
/// in insertion order (chains are 1-based entry indices; 0 ends a chain); fields are never
/// removed, as upstream has no operation that removes one.
/// </remarks>
public sealed class FieldMap : IReadOnlyCollection<KeyValuePair<Value, Value>>
{
    /// <summary>Fields a new map has room for.</summary>
    internal const int InitialCapacity = 4;

    private int[] _buckets = new int[InitialCapacity];
    private Entry[] _entries = new Entry[InitialCapacity];
    private int _count;

    // The last string key the VM found (FindFromVm) and its 1-based entry index: a loop reading or
    // writing one field repeats the same interned key object, which then costs a reference
    // compare instead of a hash and a chain walk. Entries are never removed or moved within one
    // entry array, so the index stays right until CopyFrom replaces the array. Only the VM's own
    // reads and writes, on its thread, use and update it: a host reading the public API from
    // another thread neither sees nor tears it.
    private VmString? _lastKey;
    private int _lastIndex;

    /// <summary>
    /// Writes so far: a copy taken at one version is still exact while the version is unchanged
    /// (what execution recording shares between checkpoints).
    /// </summary>
    internal int Version;

    private struct Entry
    {
        public Value Key;
        public Value Value;
        public int Hash;
        public int Next;
    }

    /// <summary>Creates an empty map (an object table does).</summary>
    internal FieldMap()
    {
    }

    /// <summary>Fields the map holds room for before it grows (its entry array's length).</summary>
    internal int Capacity => _entries.Length;

    /// <summary>The number of fields.</summary>
    public int Count => _count;

    /// <summary>The keys, in insertion order.</summary>
    public IEnumerable<Value> Keys => this.Select(entry => entry.Key);

    /// <summary>The field under <paramref name="key"/>; setting (inside the VM) adds or replaces it.</summary>
    /// <exception cref="KeyNotFoundException">(get) No field has <paramref name="key"/>.</exception>
    public Value this[Value key]
    {
        get => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"no field {ValueFormatter.Describe(key)}");
        internal set => Set(key, value);
    }

    /// <summary>True when a field has <paramref name="key"/>.</summary>
    public bool ContainsKey(Value key) => Find(key) > 0;

    /// <summary>Looks a field up; <paramref name="value"/> is Unit when it is missing.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryGetValue(Value key, out Value value)
    {
        var index = Find(key);
        if (index > 0)
        {
            value = _entries[index - 1].Value;
            return true;
        }
        value = default;
        return false;
    }

    /// <summary>The field under <paramref name="key"/>, or Unit when it is missing: the VM's read (get_field), on its thread.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal Value Read(in Value key)
    {
        var index = FindFromVm(in key);
        return index > 0 ? _entries[index - 1].Value : default;
    }

    /// <summary>The value of the field under <paramref name="key"/> when it is the last string key the VM found, else a null ref. On the VM's thread.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal ref readonly Value CachedValue(in Value key) => ref CachedSlot(in key);

    /// <summary>Replaces the field under <paramref name="key"/> when it is the last string key the VM found; returns whether it did. On the VM's thread.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal bool TryWriteCached(in Value key, in Value value)
    {
        ref var slot = ref CachedSlot(in key);
        if (Unsafe.IsNullRef(ref slot))
        {
            return false;
        }
        Value.Copy(ref slot, in value); // no GC write barrier for a scalar
        Version++;
        return true;
    }

    /// <summary>Adds or replaces the field under <paramref name="key"/>; returns the value it replaced (Unit when new). On the VM's thread.</summary>
    internal Value Set(in Value key, in Value value)
    {
        var index = FindFromVm(in key);
        if (index > 0)
        {
            ref var entry = ref _entries[index - 1];
            var old = entry.Value;
            Value.Copy(ref entry.Value, in value); // no GC write barrier for a scalar
            Version++;
            return old;
        }
        if (_count == _entries.Length)
        {
            Grow();
        }
        var hash = key.GetHashCode();
        ref var bucket = ref _buckets[hash & (_buckets.Length - 1)];
        _entries[_count] = new Entry { Key = key, Value = value, Hash = hash, Next = bucket };
        bucket = ++_count;
        Version++;
        return default;
    }

    /// <summary>An independent copy of the map (its own arrays).</summary>
    internal FieldMap Clone()
    {
        var copy = new FieldMap();
        copy.CopyFrom(this);
        return copy;
    }

    /// <summary>Makes this map hold exactly what <paramref name="source"/> holds (an execution recording restoring a checkpoint).</summary>
    internal void CopyFrom(FieldMap source)
    {
        _buckets = (int[])source._buckets.Clone();
        _entries = (Entry[])source._entries.Clone();
        _count = source._count;
        _lastKey = null;
        Version++;
    }

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<Value, Value>> GetEnumerator()
    {
        for (var i = 0; i < _count; i++)
        {
            yield return new(_entries[i].Key, _entries[i].Value);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    // The 1-based entry index of key, or 0.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Find(Value key)
    {
        var hash = key.GetHashCode();
        var entries = _entries;
        for (var i = _buckets[hash & (_buckets.Length - 1)]; i > 0; i = entries[i - 1].Next)
        {
            ref var entry = ref entries[i - 1];
            if (entry.Hash == hash && SameKey(entry.Key, key))
            {
                return i;
            }
        }
        return 0;
    }

    // Whether key is the last string key the VM found (_lastKey): the same VmString object.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool IsLastKey(in Value key) => key.Kind == ValueKind.String && ReferenceEquals(key.Payload, _lastKey);

    // The value slot of the last key the VM found when key is it, else a null ref.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref Value CachedSlot(in Value key)
    {
        if (IsLastKey(in key))
        {
            return ref _entries[_lastIndex - 1].Value;
        }
        return ref Unsafe.NullRef<Value>();
    }

    // Find through the last string key the VM found (_lastKey).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int FindFromVm(in Value key) => IsLastKey(in key) ? _lastIndex : FindAndRemember(in key);

    // FindFromVm's search: out of line, so that the cached key's path, inlined into the VM's
    // field reads and writes, does not pay the chain walk's registers and stack.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private int FindAndRemember(in Value key)
    {
        if (key.Kind != ValueKind.String)
        {
            return Find(key);
        }
        var index = Find(key);
        if (index > 0)
        {
            (_lastKey, _lastIndex) = (key.PayloadAs<VmString>(), index);
        }
        return index;
    }

    // Key equality with the interned-string case first: the same VmString object.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool SameKey(in Value stored, in Value key) =>
        stored.Kind == key.Kind && (ReferenceEquals(stored.Payload, key.Payload) ? stored.Bits == key.Bits : stored.Equals(key));

    private void Grow()
    {
        Array.Resize(ref _entries, _entries.Length * 2);
        _buckets = new int[_entries.Length];
        for (var i = 0; i < _count; i++)
        {
            ref var bucket = ref _buckets[_entries[i].Hash & (_buckets.Length - 1)];
            _entries[i].Next = bucket;
            bucket = i + 1;
        }
    }
}
