using Stoffel.Vm.Values;

namespace Stoffel.Vm.Tests.Values;

/// <summary>The chunked dense storage of array tables: indexing across chunks, growth without copying, removal from the end.</summary>
[TestClass]
[DoNotParallelize]
public sealed class ValueListTests
{
    [TestMethod]
    public void Elements_across_several_chunks_read_back_in_order_and_can_be_overwritten()
    {
        var count = ValueList.ChunkSize * 3 + 17;
        var list = new ValueList();
        for (var i = 0; i < count; i++)
        {
            list.Add(Value.FromI64(i));
        }
        list[ValueList.ChunkSize] = Value.FromString("boundary");

        Assert.AreEqual(count, list.Count);
        Assert.AreEqual(ValueList.ChunkSize - 1, list[ValueList.ChunkSize - 1].AsI64);
        Assert.AreEqual("boundary", list[ValueList.ChunkSize].AsString);
        Assert.AreEqual(count - 1, list[count - 1].AsI64);
        CollectionAssert.AreEqual(
            Enumerable.Range(0, count).Select(i => i == ValueList.ChunkSize ? Value.FromString("boundary") : Value.FromI64(i)).ToArray(),
            list.ToArray());
    }

    [TestMethod]
    public void Indices_outside_the_count_throw()
    {
        var list = new ValueList(8);
        list.Add(Value.True);

        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => list[1]);
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => list[-1]);
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => list[1] = Value.Unit);
    }

    [TestMethod]
    public void RemoveLast_shortens_the_list_and_later_adds_reuse_the_slots()
    {
        var list = new ValueList();
        list.AddRange(Enumerable.Range(0, ValueList.ChunkSize + 2).Select(i => Value.FromI64(i)));

        list.RemoveLast();
        list.RemoveLast();
        list.RemoveLast();
        list.Add(Value.FromI64(-1));

        Assert.AreEqual(ValueList.ChunkSize, list.Count);
        Assert.AreEqual(-1, list[ValueList.ChunkSize - 1].AsI64);
        Assert.ThrowsExactly<InvalidOperationException>(() => new ValueList().RemoveLast());
    }

    [TestMethod]
    public void A_capacity_hint_is_allocated_up_front_and_small_lists_grow_by_doubling()
    {
        var hinted = new ValueList(8);
        var empty = new ValueList();
        for (var i = 0; i < 5; i++)
        {
            empty.Add(Value.Unit);
        }

        Assert.AreEqual(8, hinted.Capacity);
        Assert.AreEqual(8, empty.Capacity);
    }

    [TestMethod]
    public void Appending_a_million_values_allocates_their_storage_once_not_a_copy_per_growth()
    {
        // A list that reallocates on every append (the bug this replaces: 100k pushes took 62 s)
        // would allocate ~n^2/2 values; a doubling list ~2n at its peak growth. Chunks allocate each
        // element's slot once, plus a small chunk directory.
        const int Count = 1_000_000;
        var list = new ValueList();
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Count; i++)
        {
            list.Add(Value.FromI64(i));
        }
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.AreEqual(Count - 1, list[Count - 1].AsI64);
        Assert.IsLessThan(Count * 24L * 11 / 10, allocated, $"{allocated:N0} bytes for {Count:N0} 24-byte values");
    }
}
