using System.Runtime.CompilerServices;
using Stoffel.Vm.Values;

namespace Stoffel.Vm.Tests.Values;

/// <summary>The object-table map: upstream's key equality, insertion order, replacement, growth.</summary>
[TestClass]
public sealed class FieldMapTests
{
    [TestMethod]
    public void Equal_strings_are_one_key_whether_or_not_they_are_the_same_object()
    {
        var map = new FieldMap();
        map[Value.FromString("count")] = Value.FromI64(1);

        var replaced = map.Set(Value.FromString(new string("count".ToCharArray())), Value.FromI64(2));

        Assert.AreEqual(1, map.Count);
        Assert.AreEqual(Value.FromI64(1), replaced);
        Assert.AreEqual(Value.FromI64(2), map[Value.FromString("count")]);
    }

    [TestMethod]
    public void The_vms_reads_and_writes_by_one_key_object_stay_right_across_other_keys_growth_and_restores()
    {
        var map = new FieldMap();
        var count = Value.FromString("count");
        var other = Value.FromString("other");
        map.Set(count, Value.FromI64(1));
        Assert.AreEqual(Value.FromI64(1), map.Read(in count));

        map.Set(other, Value.FromI64(2));
        Assert.AreEqual(Value.FromI64(1), map.Read(in count), "another key in between");
        Assert.AreEqual(Value.FromI64(2), map.Read(in other));
        Assert.AreEqual(Value.FromI64(2), map.Read(Value.FromString("other")), "an equal string that is another object");
        Assert.AreEqual(Value.Unit, map.Read(Value.FromString("missing")));

        var snapshot = map.Clone();
        var keys = Enumerable.Range(0, 50).Select(i => Value.FromString($"k{i}")).ToArray();
        for (var i = 0; i < keys.Length; i++)
        {
            map.Set(keys[i], Value.FromI64(i)); // grows the entry array several times
            map.Set(count, Value.FromI64(100 + i));
        }
        Assert.AreEqual(Value.FromI64(149), map.Read(in count));
        Assert.AreEqual(Value.FromI64(149), map[Value.FromString("count")], "the public read agrees");
        Assert.AreEqual(Value.FromI64(49), map.Read(in keys[^1]));

        map.CopyFrom(snapshot); // a recording restoring a checkpoint: the last key found is not in it
        Assert.AreEqual(Value.Unit, map.Read(in keys[^1]));
        Assert.AreEqual(Value.FromI64(1), map.Read(in count));
        map.Set(count, Value.FromI64(7));
        Assert.AreEqual(Value.FromI64(7), map[count]);
        Assert.AreEqual(2, map.Count);
    }

    [TestMethod]
    public void The_cached_slot_is_the_last_key_found_and_only_that_key_object()
    {
        var map = new FieldMap();
        var count = Value.FromString("count");
        var other = Value.FromString("other");
        map.Set(count, Value.FromI64(1));
        map.Set(other, Value.FromI64(2));
        Assert.IsTrue(Unsafe.IsNullRef(in map.CachedValue(in count)), "only keys the VM found are cached");

        Assert.AreEqual(Value.FromI64(1), map.Read(in count));
        Assert.AreEqual(Value.FromI64(1), map.CachedValue(in count));
        Assert.IsTrue(Unsafe.IsNullRef(in map.CachedValue(in other)), "another key");
        Assert.IsTrue(Unsafe.IsNullRef(in map.CachedValue(Value.FromString("count"))), "an equal string that is another object goes the long way");

        var version = map.Version;
        Assert.IsTrue(map.TryWriteCached(in count, Value.FromI64(5)));
        Assert.AreEqual(Value.FromI64(5), map[Value.FromString("count")]);
        Assert.AreNotEqual(version, map.Version, "a cached write is a change");
        Assert.IsFalse(map.TryWriteCached(in other, Value.FromI64(9)));
        Assert.AreEqual(Value.FromI64(2), map[other]);

        map.CopyFrom(map.Clone());
        Assert.IsTrue(Unsafe.IsNullRef(in map.CachedValue(in count)), "a restore forgets it");
        Assert.IsFalse(map.TryWriteCached(in count, Value.FromI64(6)));
    }

    [TestMethod]
    public void Keys_of_different_kinds_with_the_same_bits_are_different_keys()
    {
        var map = new FieldMap();
        map[Value.FromI64(1)] = Value.FromString("i64");
        map[Value.FromU64(1)] = Value.FromString("u64");
        map[Value.True] = Value.FromString("bool");
        map[Value.FromFloat(1.0)] = Value.FromString("float");

        Assert.AreEqual(4, map.Count);
        Assert.AreEqual("u64", map[Value.FromU64(1)].AsString);
        Assert.IsFalse(map.TryGetValue(Value.FromI32(1), out var missing));
        Assert.AreEqual(Value.Unit, missing);
        Assert.ThrowsExactly<KeyNotFoundException>(() => map[Value.FromI8(1)]);
    }

    [TestMethod]
    public void Fields_iterate_in_insertion_order_through_growth_and_replacement()
    {
        var map = new FieldMap();
        var keys = Enumerable.Range(0, 100).Select(i => Value.FromString($"k{i}")).ToArray();
        foreach (var key in keys)
        {
            map[key] = Value.FromI64(1);
        }
        Assert.AreEqual(Value.Unit, map.Set(Value.FromI64(7), Value.True), "a new key replaces nothing");
        map[keys[3]] = Value.FromI64(3);

        CollectionAssert.AreEqual(keys.Append(Value.FromI64(7)).ToArray(), map.Keys.ToArray());
        Assert.AreEqual(Value.FromI64(3), map[Value.FromString("k3")]);
        Assert.IsTrue(map.ContainsKey(Value.FromString("k99")));
        Assert.IsFalse(map.ContainsKey(Value.FromString("k100")));
    }

    [TestMethod]
    public void Closures_and_tables_are_keys_by_identity()
    {
        var map = new FieldMap();
        var first = Value.FromClosure(new Closure("f", []));
        var second = Value.FromClosure(new Closure("f", []));
        map[first] = Value.FromI64(1);
        map[Value.FromObject(new StoffelObject(5))] = Value.FromI64(2);

        Assert.IsTrue(map.ContainsKey(first));
        Assert.IsFalse(map.ContainsKey(second));
        Assert.IsTrue(map.ContainsKey(Value.FromObject(new StoffelObject(5))), "tables compare by store id, as upstream's Object(id)");
    }
}
