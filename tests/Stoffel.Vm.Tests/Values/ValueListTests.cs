using Stoffel.Vm.Values;

namespace Stoffel.Vm.Tests.Values;

/// <summary>The chunked dense storage of array tables: indexing across chunks, growth without copying, removal from the end, I64-only storage and its transition.</summary>
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

    [TestMethod]
    public void A_list_of_I64_values_stores_eight_bytes_an_element_and_no_references()
    {
        const int Count = 1_000_000;
        var list = new ValueList();
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Count; i++)
        {
            list.Add(Value.FromI64(i - 500_000));
        }
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.IsFalse(list.HoldsReferences);
        Assert.AreEqual(list.Capacity * 8L, list.StorageBytes);
        Assert.IsLessThan(Count * 8L * 11 / 10, allocated, $"{allocated:N0} bytes for {Count:N0} integers");
        Assert.AreEqual(Value.FromI64(-500_000), list[0]);
        Assert.AreEqual(Value.FromI64(499_999), list[Count - 1]);
    }

    [TestMethod]
    public void The_first_element_of_another_kind_turns_the_list_into_values_and_keeps_every_element()
    {
        var count = ValueList.ChunkSize * 2 + 5;
        var appended = new ValueList();
        var overwritten = new ValueList();
        for (var i = 0; i < count; i++)
        {
            appended.Add(Value.FromI64(i));
            overwritten.Add(Value.FromI64(i));
        }
        var versionBefore = overwritten.Version;

        appended.Add(Value.FromI32(7)); // another integer kind is not an I64
        overwritten[ValueList.ChunkSize + 1] = Value.FromFloat(0.5);
        overwritten.Add(Value.FromI64(-1)); // an I64 after the transition stays a value

        Assert.IsTrue(appended.HoldsReferences);
        Assert.IsTrue(overwritten.HoldsReferences);
        Assert.AreEqual(appended.Capacity * 24L, appended.StorageBytes);
        Assert.AreNotEqual(versionBefore, overwritten.Version);
        CollectionAssert.AreEqual(Enumerable.Range(0, count).Select(i => Value.FromI64(i)).Append(Value.FromI32(7)).ToArray(), appended.ToArray());
        CollectionAssert.AreEqual(
            Enumerable.Range(0, count).Select(i => i == ValueList.ChunkSize + 1 ? Value.FromFloat(0.5) : Value.FromI64(i)).Append(Value.FromI64(-1)).ToArray(),
            overwritten.ToList());
    }

    [TestMethod]
    public void ReplaceAll_restores_either_storage_from_values_of_any_kind()
    {
        var integers = new ValueList();
        integers.AddRange([Value.FromI64(1), Value.FromI64(2), Value.FromI64(3)]);
        var mixed = new ValueList();
        mixed.AddRange([Value.FromString("a"), Value.True]);

        integers.ReplaceAll([Value.FromI64(9), Value.FromString("b")]);
        mixed.ReplaceAll([Value.FromI64(4), Value.FromI64(5), Value.FromI64(6)]);

        CollectionAssert.AreEqual(new[] { Value.FromI64(9), Value.FromString("b") }, integers.ToArray());
        CollectionAssert.AreEqual(new[] { Value.FromI64(4), Value.FromI64(5), Value.FromI64(6) }, mixed.ToArray());
    }
}
