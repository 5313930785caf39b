using Stoffel.Vm.Runtime;
using Stoffel.Vm.Values;
using static Stoffel.Stdlib.Tests.StdlibFixture;

namespace Stoffel.Stdlib.Tests;

/// <summary>create_array, array_push, append, array_length, len, array_concat, array_repeat, as upstream defines them.</summary>
[TestClass]
public sealed class ArrayBuiltinsTests
{
    private readonly StdlibFixture _f = new();

    [TestMethod]
    public void CreateArrayReturnsAnEmptyArrayWithOrWithoutACapacityHint()
    {
        var plain = _f.Call("create_array");
        var hinted = _f.Call("create_array", I(8));

        Assert.AreEqual(0, plain.AsArray!.Length);
        Assert.AreEqual(0, hinted.AsArray!.Length);
        Assert.AreEqual(8, hinted.AsArray.Elements.Capacity);
        Assert.AreNotEqual(plain, hinted);
    }

    [TestMethod]
    public void CreateArrayRejectsABadCapacity()
    {
        Assert.AreEqual("create_array: expected an integer, got string \"8\"", _f.Fails("create_array", S("8")).Message);
        Assert.AreEqual("create_array: expected a non-negative capacity, got int64 -1", _f.Fails("create_array", I(-1)).Message);
    }

    [TestMethod]
    public void ArrayPushAppendsAllValuesInOrderAndReturnsTheNewLength()
    {
        var array = _f.Array(I(1));

        var length = _f.Call("array_push", array, I(2), S("three"));

        Assert.AreEqual(I(3), length);
        CollectionAssert.AreEqual(new[] { I(1), I(2), S("three") }, Elements(array).ToArray());
    }

    [TestMethod]
    public void ArrayPushNeedsAnArrayAndAValue()
    {
        Assert.AreEqual("array_push expects at least 2 arguments, got 1", _f.Fails("array_push", _f.Array()).Message);
        var error = _f.Fails("array_push", _f.Object(), I(1));
        Assert.AreEqual("array_push: expected an array, got object", error.Message);
        Assert.AreEqual(VmErrorKind.TypeError, error.Kind);
    }

    [TestMethod]
    public void AppendAppendsAndReturnsUnit()
    {
        var array = _f.Array();

        Assert.AreEqual(Value.Unit, _f.Call("append", array, I(1)));
        Assert.AreEqual(Value.Unit, _f.Call("append", array, I(2), I(3)));

        CollectionAssert.AreEqual(new[] { I(1), I(2), I(3) }, Elements(array).ToArray());
        Assert.AreEqual("append expects at least 2 arguments, got 1", _f.Fails("append", array).Message);
        Assert.AreEqual("append: expected an array, got int64 1", _f.Fails("append", I(1), I(2)).Message);
    }

    [TestMethod]
    public void AppendRespectsTheArrayLengthLimit()
    {
        _f.Vm.Limits = _f.Vm.Limits with { MaxArrayLength = 2 };
        var array = _f.Array(I(1), I(2));

        Assert.AreEqual(VmErrorKind.MemoryLimitExceeded, _f.Fails("append", array, I(3)).Kind);
    }

    [TestMethod]
    [DataRow("array_length")]
    [DataRow("len")]
    public void LengthCountsArrayElementsAndUnicodeScalars(string builtin)
    {
        var array = _f.Array(I(1), I(2), I(3));
        _f.Set(array, S("x"), I(9));

        Assert.AreEqual(I(3), _f.Call(builtin, array));
        Assert.AreEqual(I(0), _f.Call(builtin, _f.Array()));
        Assert.AreEqual(I(3), _f.Call(builtin, S("a😀b")));
        Assert.AreEqual(I(0), _f.Call(builtin, S("")));
    }

    [TestMethod]
    [DataRow("array_length")]
    [DataRow("len")]
    public void LengthRejectsOtherKindsAndArgumentCounts(string builtin)
    {
        var error = _f.Fails(builtin, I(5));

        Assert.AreEqual($"{builtin}: expected an array or string, got int64 5", error.Message);
        Assert.AreEqual(VmErrorKind.TypeError, error.Kind);
        Assert.AreEqual($"{builtin}: expected an array or string, got object", _f.Fails(builtin, _f.Object()).Message);
        Assert.AreEqual($"{builtin} expects 1 argument, got 2", _f.Fails(builtin, _f.Array(), _f.Array()).Message);
        Assert.AreEqual($"{builtin} expects 1 argument, got 0", _f.Fails(builtin).Message);
    }

    [TestMethod]
    public void ArrayConcatBuildsANewArrayLeftThenRight()
    {
        var left = _f.Array(I(1), I(2));
        var right = _f.Array(S("a"));

        var result = _f.Call("array_concat", left, right);

        CollectionAssert.AreEqual(new[] { I(1), I(2), S("a") }, Elements(result).ToArray());
        Assert.AreEqual(2, left.AsArray!.Length, "left untouched");
        Assert.AreNotEqual(left, result);
        CollectionAssert.AreEqual(new[] { I(1), I(2), I(1), I(2) }, Elements(_f.Call("array_concat", left, left)).ToArray());
    }

    [TestMethod]
    public void ArrayConcatNeedsTwoArrays()
    {
        Assert.AreEqual("array_concat: expected an array as argument 2, got int64 1", _f.Fails("array_concat", _f.Array(), I(1)).Message);
        Assert.AreEqual("array_concat expects 2 arguments, got 1", _f.Fails("array_concat", _f.Array()).Message);
    }

    [TestMethod]
    public void ArrayRepeatRepeatsTheElements()
    {
        var source = _f.Array(I(1), S("x"));

        CollectionAssert.AreEqual(new[] { I(1), S("x"), I(1), S("x"), I(1), S("x") }, Elements(_f.Call("array_repeat", source, I(3))).ToArray());
        Assert.AreEqual(0, _f.Call("array_repeat", source, I(0)).AsArray!.Length);
        Assert.AreEqual(0, _f.Call("array_repeat", source, I(-4)).AsArray!.Length, "negative counts act as 0");
        Assert.AreEqual(0, _f.Call("array_repeat", _f.Array(), I(long.MaxValue)).AsArray!.Length);
        Assert.AreEqual(2, source.AsArray!.Length, "source untouched");
    }

    [TestMethod]
    public void ArrayRepeatNestedArraysAreShared()
    {
        var inner = _f.Array(I(1));

        var result = _f.Call("array_repeat", _f.Array(inner), I(2));

        CollectionAssert.AreEqual(new[] { inner, inner }, Elements(result).ToArray());
    }

    [TestMethod]
    public void ArrayRepeatRejectsBadArgumentsAndHugeResults()
    {
        Assert.AreEqual("array_repeat: expected an integer as argument 2, got float 2f64", _f.Fails("array_repeat", _f.Array(), Value.FromFloat(2)).Message);
        Assert.AreEqual("array_repeat: expected an array, got string \"ab\"", _f.Fails("array_repeat", S("ab"), I(2)).Message);
        var huge = _f.Fails("array_repeat", _f.Array(I(1), I(2)), I(long.MaxValue));
        Assert.AreEqual(VmErrorKind.MemoryLimitExceeded, huge.Kind);
        StringAssert.StartsWith(huge.Message, "array_repeat: 2 elements repeated 9223372036854775807 times exceed the array length limit of");
    }
}
