using Stoffel.Vm.Runtime;
using Stoffel.Vm.Values;
using static Stoffel.Stdlib.Tests.StdlibFixture;

namespace Stoffel.Stdlib.Tests;

/// <summary>contains and array_equals: value equality, nested arrays deep, depth limit 64, as upstream.</summary>
[TestClass]
public sealed class ContainsAndEqualityTests
{
    private readonly StdlibFixture _f = new();

    private bool Equal(Value left, Value right) => _f.Call("array_equals", left, right).AsBool;

    private bool Contains(Value container, Value needle) => _f.Call("contains", container, needle).AsBool;

    /// <summary>[[[...[leaf]...]]] with <paramref name="depth"/> levels of array around the leaf.</summary>
    private Value Nest(int depth, Value leaf)
    {
        var value = leaf;
        for (var i = 0; i < depth; i++)
        {
            value = _f.Array(value);
        }
        return value;
    }

    [TestMethod]
    public void ContainsOnStringsIsASubstringTest()
    {
        Assert.IsTrue(Contains(S("hello world"), S("lo w")));
        Assert.IsTrue(Contains(S("abc"), S("")));
        Assert.IsTrue(Contains(S("a😀b"), S("😀")));
        Assert.IsFalse(Contains(S("abc"), S("abd")));
        Assert.IsFalse(Contains(S("abc"), S("ABC")), "ordinal, case-sensitive");
    }

    [TestMethod]
    public void ContainsOnAStringNeedsAStringNeedle()
    {
        var error = _f.Fails("contains", S("123"), I(1));

        Assert.AreEqual("contains: expected a string as argument 2, got int64 1", error.Message);
        Assert.AreEqual(VmErrorKind.TypeError, error.Kind);
    }

    [TestMethod]
    public void ContainsOnArraysUsesValueEquality()
    {
        var array = _f.Array(I(1), S("two"), _f.Array(I(3), _f.Array(I(4))));

        Assert.IsTrue(Contains(array, I(1)));
        Assert.IsTrue(Contains(array, S("two")));
        Assert.IsTrue(Contains(array, _f.Array(I(3), _f.Array(I(4)))), "nested arrays compared deeply");
        Assert.IsFalse(Contains(array, Value.FromU64(1)), "I64(1) != U64(1)");
        Assert.IsFalse(Contains(array, _f.Array(I(3), _f.Array(I(5)))));
        Assert.IsFalse(Contains(_f.Array(), Value.Unit));
    }

    [TestMethod]
    public void ContainsOnObjectsTestsKeyPresence()
    {
        var table = _f.Object((S("a"), I(1)), (I(2), Value.Unit));

        Assert.IsTrue(Contains(table, S("a")));
        Assert.IsTrue(Contains(table, I(2)), "a key holding Unit is present");
        Assert.IsFalse(Contains(table, I(1)), "values are not keys");
        Assert.IsFalse(Contains(table, Value.FromU64(2)));
    }

    [TestMethod]
    public void ContainsRejectsOtherContainersAndArgumentCounts()
    {
        Assert.AreEqual("contains: expected a string, array or object, got int64 5", _f.Fails("contains", I(5), I(5)).Message);
        Assert.AreEqual("contains expects 2 arguments, got 1", _f.Fails("contains", S("a")).Message);
    }

    [TestMethod]
    public void ArrayEqualsComparesElementWise()
    {
        Assert.IsTrue(Equal(_f.Array(I(1), S("a")), _f.Array(I(1), S("a"))));
        Assert.IsTrue(Equal(_f.Array(), _f.Array()));
        Assert.IsFalse(Equal(_f.Array(I(1)), _f.Array(I(1), I(2))));
        Assert.IsFalse(Equal(_f.Array(I(1)), _f.Array(Value.FromI32(1))));
        Assert.IsFalse(Equal(_f.Array(I(1), I(2)), _f.Array(I(2), I(1))));
    }

    [TestMethod]
    public void ArrayEqualsComparesNestedArraysRecursivelyAndObjectsByIdentity()
    {
        var shared = _f.Object();

        Assert.IsTrue(Equal(_f.Array(_f.Array(I(1), _f.Array(I(2)))), _f.Array(_f.Array(I(1), _f.Array(I(2))))));
        Assert.IsFalse(Equal(_f.Array(_f.Array(I(1), _f.Array(I(2)))), _f.Array(_f.Array(I(1), _f.Array(I(3))))));
        Assert.IsTrue(Equal(_f.Array(shared), _f.Array(shared)));
        Assert.IsFalse(Equal(_f.Array(_f.Object()), _f.Array(_f.Object())));
    }

    [TestMethod]
    public void ArrayEqualsStopsAtDepth64()
    {
        Assert.IsTrue(Equal(Nest(64, I(1)), Nest(64, I(1))), "64 nested arrays still compare");
        Assert.IsFalse(Equal(Nest(65, I(1)), Nest(65, I(1))), "a 65th level is beyond the limit");
    }

    [TestMethod]
    public void ArrayEqualsIsTrueForTheSameArrayEvenWhenCyclic()
    {
        var cyclic = _f.Array();
        _f.Push(cyclic, cyclic);

        Assert.IsTrue(Equal(cyclic, cyclic));
        Assert.IsTrue(Equal(_f.Array(cyclic), _f.Array(cyclic)));
    }

    [TestMethod]
    public void ArrayEqualsNeedsTwoArrays()
    {
        var error = _f.Fails("array_equals", _f.Array(), S("x"));

        Assert.AreEqual("array_equals: expected an array as argument 2, got string \"x\"", error.Message);
        Assert.AreEqual(VmErrorKind.TypeError, error.Kind);
        Assert.AreEqual("array_equals expects 2 arguments, got 3", _f.Fails("array_equals", _f.Array(), _f.Array(), _f.Array()).Message);
    }
}
