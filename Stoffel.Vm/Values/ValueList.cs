using System.Collections;
using System.Runtime.CompilerServices;

namespace Stoffel.Vm.Values;

/// <summary>
/// The dense part of an array table: a list of values stored in fixed-size chunks of
/// <see cref="ChunkSize"/> elements. Appending is amortised O(1) and never copies the elements
/// already stored once the list outgrows its first chunk, so a 10M-element array needs its own
/// 24 bytes per element and little more — a doubling <see cref="List{T}"/> would need the old and
/// the new buffer at once (2.5x) while it grows. Small lists keep one chunk that grows by doubling.
/// Read-only outside the VM (see <see cref="StoffelArray"/>).
/// </summary>
public sealed class ValueList : IReadOnlyList<Value>
{
    /// <summary>Elements per chunk (a power of two; 2,048 x 24 bytes stays off the large-object heap).</summary>
    public const int ChunkSize = 1 << ChunkShift;

    private const int ChunkShift = 11;
    private const int ChunkMask = ChunkSize - 1;

    private Value[][] _chunks;
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
        _chunks = [new Value[Math.Min(capacity, ChunkSize)]];
    }

    /// <summary>The number of elements.</summary>
    public int Count => _count;

    /// <summary>Elements the list holds room for without allocating.</summary>
    public int Capacity => _chunks.Sum(chunk => chunk?.Length ?? 0);

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
            return _chunks[index >> ChunkShift][index & ChunkMask];
        }
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal set
        {
            if ((uint)index >= (uint)_count)
            {
                ThrowIndex(index);
            }
            Value.Copy(ref _chunks[index >> ChunkShift][index & ChunkMask], in value); // no GC write barrier for a scalar
            Version++;
        }
    }

    /// <summary>Appends <paramref name="value"/> (amortised O(1)).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void Add(Value value)
    {
        var chunkIndex = _count >> ChunkShift;
        var offset = _count & ChunkMask;
        var chunks = _chunks;
        Value[]? chunk;
        if ((uint)chunkIndex >= (uint)chunks.Length || (chunk = chunks[chunkIndex]) is null || offset >= chunk.Length)
        {
            chunk = Grow(chunkIndex);
        }
        Value.Copy(ref chunk[offset], in value);
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
        _chunks[_count >> ChunkShift][_count & ChunkMask] = default; // drop the reference for the GC
        Version++;
    }

    /// <summary>The elements, copied into a new array.</summary>
    internal Value[] ToArray()
    {
        var copy = new Value[_count];
        for (var start = 0; start < _count; start += ChunkSize)
        {
            Array.Copy(_chunks[start >> ChunkShift], 0, copy, start, Math.Min(ChunkSize, _count - start));
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
            _chunks[i >> ChunkShift][i & ChunkMask] = values[i];
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
            yield return _chunks[i >> ChunkShift][i & ChunkMask];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    // The chunk that receives the next element: the first chunk doubles up to ChunkSize; after
    // that each full chunk is followed by a new one (only the small chunk directory is ever copied).
    [MethodImpl(MethodImplOptions.NoInlining)]
    private Value[] Grow(int chunkIndex)
    {
        if (chunkIndex == 0)
        {
            var first = _chunks[0];
            Array.Resize(ref first, Math.Min(ChunkSize, Math.Max(4, first.Length * 2)));
            return _chunks[0] = first;
        }
        if (chunkIndex >= _chunks.Length)
        {
            Array.Resize(ref _chunks, _chunks.Length * 2);
        }
        return _chunks[chunkIndex] ??= new Value[ChunkSize];
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowIndex(int index) =>
        throw new ArgumentOutOfRangeException(nameof(index), index, $"index out of range (count {_count})");
}
