using System.Collections;
using System.Runtime.CompilerServices;

namespace Stoffel.Vm.Values;

/// <summary>
/// The dense part of an array table: a list of values stored in fixed-size chunks of
/// <see cref="ChunkSize"/> elements. Appending is amortised O(1) and never copies the elements
/// already stored once the list outgrows its first chunk, so a 10M-element array needs its own
/// storage per element and little more — a doubling <see cref="List{T}"/> would need the old and
/// the new buffer at once (2.5x) while it grows. Small lists keep one chunk that grows by doubling.
/// Read-only outside the VM (see <see cref="StoffelArray"/>).
/// </summary>
/// <remarks>
/// While every element is an I64 the chunks hold the integers alone (8 bytes an element, no
/// references for the .NET GC to scan); the first element of another kind turns the list into
/// chunks of <see cref="Value"/> (24 bytes an element), once and for good — what V8 calls an
/// elements-kind transition. Which storage a list uses shows only in its memory.
/// </remarks>
public sealed class ValueList : IReadOnlyList<Value>
{
    /// <summary>Elements per chunk (a power of two; 2,048 x 24 bytes stays off the large-object heap).</summary>
    public const int ChunkSize = 1 << ChunkShift;

    private const int ChunkShift = 11;
    private const int ChunkMask = ChunkSize - 1;

    // Exactly one of the two is set: the I64 payloads while every element is an I64, else the values.
    private long[][]? _integers;
    private Value[][]? _values;
    private int _count;

    /// <summary>
    /// Writes, appends and removals so far: a copy taken at one version is still exact while the
    /// version is unchanged (what execution recording shares between checkpoints).
    /// </summary>
    internal int Version;

    /// <summary>Creates an empty list with room for <paramref name="capacity"/> elements before its first growth.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> is negative.</exception>
    internal ValueList(int capacity = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        _integers = [new long[Math.Min(capacity, ChunkSize)]];
    }

    /// <summary>The number of elements.</summary>
    public int Count => _count;

    /// <summary>Elements the list holds room for without allocating.</summary>
    public int Capacity => _integers is { } integers ? integers.Sum(chunk => chunk?.Length ?? 0) : _values!.Sum(chunk => chunk?.Length ?? 0);

    /// <summary>The bytes of element storage the list holds (<see cref="Capacity"/> times 8 while every element is an I64, else times 24).</summary>
    internal long StorageBytes => (long)Capacity * (_integers is null ? Unsafe.SizeOf<Value>() : sizeof(long));

    /// <summary>True when the elements may hold references (tables, strings, closures): false while every element is an I64.</summary>
    internal bool HoldsReferences => _integers is null;

    /// <summary>Element <paramref name="index"/>; setting (inside the VM) replaces it.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside 0..Count-1.</exception>
    public Value this[int index]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            if ((uint)index >= (uint)_count)
            {
                ThrowIndex(index);
            }
            return _integers is { } integers
                ? Value.FromI64(integers[index >> ChunkShift][index & ChunkMask])
                : _values![index >> ChunkShift][index & ChunkMask];
        }
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal set
        {
            if ((uint)index >= (uint)_count)
            {
                ThrowIndex(index);
            }
            Store(index, in value);
            Version++;
        }
    }

    /// <summary>Copies element <paramref name="index"/>, which the caller checked is below <see cref="Count"/>, into <paramref name="destination"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void CopyTo(int index, ref Value destination)
    {
        if (_integers is { } integers)
        {
            destination = Value.FromI64(integers[index >> ChunkShift][index & ChunkMask]);
        }
        else
        {
            Value.Copy(ref destination, in _values![index >> ChunkShift][index & ChunkMask]);
        }
    }

    /// <summary>Appends <paramref name="value"/> (amortised O(1)).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void Add(Value value)
    {
        var chunkIndex = _count >> ChunkShift;
        var offset = _count & ChunkMask;
        if (_integers is { } integers && value.Kind == ValueKind.I64)
        {
            long[]? chunk;
            if ((uint)chunkIndex >= (uint)integers.Length || (chunk = integers[chunkIndex]) is null || offset >= chunk.Length)
            {
                chunk = Grow(ref _integers, chunkIndex);
            }
            chunk[offset] = value.Bits;
        }
        else
        {
            var values = _values ?? Generalize();
            Value[]? chunk;
            if ((uint)chunkIndex >= (uint)values.Length || (chunk = values[chunkIndex]) is null || offset >= chunk.Length)
            {
                chunk = Grow(ref _values, chunkIndex);
            }
            Value.Copy(ref chunk[offset], in value);
        }
        _count++;
        Version++;
    }

    /// <summary>Appends every value of <paramref name="values"/> in order.</summary>
    internal void AddRange(IEnumerable<Value> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        foreach (var value in values)
        {
            Add(value);
        }
    }

    /// <summary>Removes the last element.</summary>
    /// <exception cref="InvalidOperationException">The list is empty.</exception>
    internal void RemoveLast()
    {
        if (_count == 0)
        {
            throw new InvalidOperationException("the list is empty");
        }
        _count--;
        if (_values is { } values)
        {
            values[_count >> ChunkShift][_count & ChunkMask] = default; // drop the reference for the GC
        }
        Version++;
    }

    /// <summary>The elements, copied into a new array.</summary>
    internal Value[] ToArray()
    {
        var copy = new Value[_count];
        if (_values is { } values)
        {
            for (var start = 0; start < _count; start += ChunkSize)
            {
                Array.Copy(values[start >> ChunkShift], 0, copy, start, Math.Min(ChunkSize, _count - start));
            }
            return copy;
        }
        for (var i = 0; i < copy.Length; i++)
        {
            copy[i] = Value.FromI64(_integers![i >> ChunkShift][i & ChunkMask]);
        }
        return copy;
    }

    /// <summary>Replaces every element with <paramref name="values"/> (an execution recording restoring a checkpoint).</summary>
    internal void ReplaceAll(Value[] values)
    {
        while (_count > values.Length)
        {
            RemoveLast();
        }
        for (var i = 0; i < _count; i++)
        {
            Store(i, in values[i]);
        }
        for (var i = _count; i < values.Length; i++)
        {
            Add(values[i]);
        }
        Version++;
    }

    /// <inheritdoc />
    public IEnumerator<Value> GetEnumerator()
    {
        for (var i = 0; i < _count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    // Writes element index (< _count), turning the list into values when an I64 list receives another kind.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Store(int index, in Value value)
    {
        if (_integers is { } integers && value.Kind == ValueKind.I64)
        {
            integers[index >> ChunkShift][index & ChunkMask] = value.Bits;
        }
        else
        {
            Value.Copy(ref (_values ?? Generalize())[index >> ChunkShift][index & ChunkMask], in value); // no GC write barrier for a scalar
        }
    }

    // The elements-kind transition: every I64 becomes a Value in chunks of the same sizes. Once per
    // list: it never goes back to integers.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private Value[][] Generalize()
    {
        var integers = _integers!;
        var values = new Value[integers.Length][];
        for (var c = 0; c < integers.Length; c++)
        {
            if (integers[c] is { } chunk)
            {
                var converted = new Value[chunk.Length];
                var used = Math.Min(chunk.Length, _count - (c << ChunkShift));
                for (var i = 0; i < used; i++)
                {
                    converted[i] = Value.FromI64(chunk[i]);
                }
                values[c] = converted;
            }
        }
        _integers = null;
        return _values = values;
    }

    // The chunk that receives the next element: the first chunk doubles up to ChunkSize; after
    // that each full chunk is followed by a new one (only the small chunk directory is ever copied).
    // A new full chunk is not zeroed when it holds integers (the runtime zeroes one that holds
    // references): nothing reads an element at or past _count, and each is written by the Add that
    // counts it.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static T[] Grow<T>(ref T[][]? chunks, int chunkIndex)
    {
        if (chunkIndex == 0)
        {
            var first = chunks![0];
            Array.Resize(ref first, Math.Min(ChunkSize, Math.Max(4, first.Length * 2)));
            return chunks[0] = first;
        }
        if (chunkIndex >= chunks!.Length)
        {
            Array.Resize(ref chunks, chunks.Length * 2);
        }
        return chunks[chunkIndex] ??= GC.AllocateUninitializedArray<T>(ChunkSize);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowIndex(int index) =>
        throw new ArgumentOutOfRangeException(nameof(index), index, $"index out of range (count {_count})");
}
