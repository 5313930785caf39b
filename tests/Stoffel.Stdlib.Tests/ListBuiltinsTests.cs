using Stoffel.Vm.Runtime;
using Stoffel.Vm.Values;
using static Stoffel.Stdlib.Tests.StdlibFixture;

namespace Stoffel.Stdlib.Tests;

/// <summary>extend, copy, count, index, pop, remove, insert, delete, clear, reverse, sort, range: upstream's list methods.</summary>
[TestClass]
public sealed class ListBuiltinsTests
{
    private readonly StdlibFixture _f = new();

    private static Value U(ulong value) => Value.FromU64(value);

    private static Value F(double value) => Value.FromFloat(value);

    private static void AssertElements(Value array, params Value[] expected) =>
        CollectionAssert.AreEqual(expected, Elements(array).ToArray(), string.Join(", ", Elements(array)));

    private string Message(string name, params Value[] arguments) => _f.Fails(name, arguments).Message;

    [TestMethod]
    public void ExtendAppendsTheOtherListAndReturnsUnit()
    {
        var list = _f.Array(I(1));

        Assert.AreEqual(Value.Unit, _f.Call("extend", list, _f.Array(I(2), I(3))));
        _f.Call("extend", list, list);

        AssertElements(list, I(1), I(2), I(3), I(1), I(2), I(3));
        Assert.AreEqual("extend: expected an array as argument 2, got int64 1", Message("extend", list, I(1)));
        Assert.AreEqual("extend expects 2 arguments, got 1", Message("extend", list));
    }

    [TestMethod]
    public void CopyIsShallowAndIndependent()
    {
        var inner = _f.Array(I(9));
        var list = _f.Array(I(1), inner);
        _f.Set(list, S("tag"), I(5));

        var copy = _f.Call("copy", list);
        _f.Call("append", copy, I(2));

        Assert.AreNotEqual(list, copy);
        AssertElements(list, I(1), inner);
        AssertElements(copy, I(1), inner, I(2));
        Assert.AreEqual(I(5), copy.AsArray!.SideEntries[S("tag")]);
        Assert.AreEqual("copy: expected an array, got string \"x\"", Message("copy", S("x")));
    }

    [TestMethod]
    public void CountUsesValueEquality()
    {
        var list = _f.Array(I(1), U(1), I(1), _f.Array(I(1)), S("1"));

        Assert.AreEqual(I(2), _f.Call("count", list, I(1)));
        Assert.AreEqual(I(1), _f.Call("count", list, U(1)));
        Assert.AreEqual(I(1), _f.Call("count", list, _f.Array(I(1))), "arrays compare deep");
        Assert.AreEqual(I(0), _f.Call("count", _f.Array(), I(1)));
    }

    [TestMethod]
    public void IndexFindsTheFirstMatchInTheNormalisedWindow()
    {
        var list = _f.Array(I(1), I(2), I(3), I(2));

        Assert.AreEqual(I(1), _f.Call("index", list, I(2)));
        Assert.AreEqual(I(3), _f.Call("index", list, I(2), I(2)));
        Assert.AreEqual(I(3), _f.Call("index", list, I(2), I(-1)));
        Assert.AreEqual(I(1), _f.Call("index", list, I(2), I(-100), I(long.MaxValue)));
        Assert.AreEqual(I(1), _f.Call("index", list, I(2), I(0), I(2)));
        var error = _f.Fails("index", list, I(2), I(2), I(3));
        Assert.AreEqual("index: value is not in list", error.Message);
        Assert.AreEqual(VmErrorKind.ForeignFunctionError, error.Kind);
        Assert.AreEqual("index: value is not in list", Message("index", list, I(1), I(10)));
        Assert.AreEqual("index: value is not in list", Message("index", list, U(2)));
        Assert.AreEqual("index: expected an integer as argument 3, got string \"0\"", Message("index", list, I(2), S("0")));
    }

    [TestMethod]
    public void PopRemovesAndReturnsTheLastElementByDefault()
    {
        var list = _f.Array(I(1), I(2), I(3), I(4));

        Assert.AreEqual(I(4), _f.Call("pop", list));
        Assert.AreEqual(I(1), _f.Call("pop", list, I(0)));
        Assert.AreEqual(I(2), _f.Call("pop", list, I(-2)));

        AssertElements(list, I(3));
    }

    [TestMethod]
    public void PopRejectsAnEmptyListAndBadIndices()
    {
        var error = _f.Fails("pop", _f.Array());
        Assert.AreEqual("pop: pop from an empty list", error.Message);
        Assert.AreEqual(VmErrorKind.IndexOutOfRange, error.Kind);
        Assert.AreEqual("pop: array index 2 out of range (length 2)", Message("pop", _f.Array(I(1), I(2)), I(2)));
        Assert.AreEqual("pop: array index -3 out of range (length 2)", Message("pop", _f.Array(I(1), I(2)), I(-3)));
        Assert.AreEqual("pop expects 1 to 2 arguments, got 3", Message("pop", _f.Array(I(1)), I(0), I(0)));
    }

    [TestMethod]
    public void RemoveDeletesTheFirstEqualElement()
    {
        var list = _f.Array(I(1), I(2), I(1));

        Assert.AreEqual(Value.Unit, _f.Call("remove", list, I(1)));

        AssertElements(list, I(2), I(1));
        Assert.AreEqual("remove: value is not in list", Message("remove", list, U(1)));
    }

    [TestMethod]
    public void InsertClampsLikePython()
    {
        var list = _f.Array(I(1), I(2));

        _f.Call("insert", list, I(1), S("a"));
        _f.Call("insert", list, I(-1), S("b"));
        _f.Call("insert", list, I(100), S("end"));
        _f.Call("insert", list, I(-100), S("start"));

        AssertElements(list, S("start"), I(1), S("a"), S("b"), I(2), S("end"));
        Assert.AreEqual("insert: expected an integer as argument 2, got float 1f64", Message("insert", list, F(1), I(0)));
    }

    [TestMethod]
    public void InsertRespectsTheArrayLengthLimit()
    {
        _f.Vm.Limits = _f.Vm.Limits with { MaxArrayLength = 2 };

        Assert.AreEqual(VmErrorKind.MemoryLimitExceeded, _f.Fails("insert", _f.Array(I(1), I(2)), I(0), I(0)).Kind);
    }

    [TestMethod]
    public void DeleteRemovesByNormalisedIndex()
    {
        var list = _f.Array(I(1), I(2), I(3));

        Assert.AreEqual(Value.Unit, _f.Call("delete", list, I(-1)));
        _f.Call("delete", list, I(0));

        AssertElements(list, I(2));
        Assert.AreEqual("delete: array index 1 out of range (length 1)", Message("delete", list, I(1)));
    }

    [TestMethod]
    public void ClearAndReverseWorkInPlace()
    {
        var list = _f.Array(I(1), I(2), I(3));
        _f.Set(list, S("k"), I(1));

        Assert.AreEqual(Value.Unit, _f.Call("reverse", list));
        AssertElements(list, I(3), I(2), I(1));
        Assert.AreEqual(Value.Unit, _f.Call("clear", list));
        AssertElements(list);
        Assert.IsTrue(list.AsArray!.HasSideEntries, "side entries stay");
        Assert.AreEqual("reverse: expected an array, got object", Message("reverse", _f.Object()));
    }

    [TestMethod]
    public void SortOrdersNumbersAcrossKindsExactlyAndStably()
    {
        var list = _f.Array(I(3), F(1.5), Value.FromU8(2), I(-1), Value.FromI32(2), U(ulong.MaxValue), I(long.MaxValue));

        _f.Call("sort", list);

        AssertElements(list, I(-1), F(1.5), Value.FromU8(2), Value.FromI32(2), I(3), I(long.MaxValue), U(ulong.MaxValue));
    }

    [TestMethod]
    public void SortOrdersStringsByCodePointAndBoolsFalseFirst()
    {
        var strings = _f.Array(S("b"), S("a"), S("B"), S("é"));
        var bools = _f.Array(Value.True, Value.False, Value.True);

        _f.Call("sort", strings);
        _f.Call("sort", bools);

        AssertElements(strings, S("B"), S("a"), S("b"), S("é"));
        AssertElements(bools, Value.False, Value.True, Value.True);
    }

    [TestMethod]
    public void SortRejectsMixedOrIncomparableElementsAndLeavesTheListAlone()
    {
        var mixed = _f.Array(I(2), I(1), S("a"));

        var error = _f.Fails("sort", mixed);

        Assert.AreEqual("sort: cannot compare int64 2 with string \"a\"", error.Message);
        Assert.AreEqual(VmErrorKind.CannotCompare, error.Kind);
        AssertElements(mixed, I(2), I(1), S("a"));
        Assert.AreEqual("sort: cannot compare nil () with nil ()", Message("sort", _f.Array(Value.Unit, Value.Unit)));
        Assert.AreEqual("sort: cannot compare NaN", Message("sort", _f.Array(F(1), F(double.NaN))));
        Assert.AreEqual("sort: cannot compare array with array", Message("sort", _f.Array(_f.Array(), _f.Array())));
        Assert.AreEqual(Value.Unit, _f.Call("sort", _f.Array(Value.Unit)), "nothing to compare");
    }

    [TestMethod]
    public void RangeBuildsInt64ArraysLikePython()
    {
        AssertElements(_f.Call("range", I(0), I(4)), I(0), I(1), I(2), I(3));
        AssertElements(_f.Call("range", I(0), I(10), I(3)), I(0), I(3), I(6), I(9));
        AssertElements(_f.Call("range", I(5), I(0), I(-2)), I(5), I(3), I(1));
        AssertElements(_f.Call("range", Value.FromU8(1), Value.FromU8(3)), I(1), I(2));
        AssertElements(_f.Call("range", I(3), I(3)));
        AssertElements(_f.Call("range", I(3), I(0)));
    }

    [TestMethod]
    public void RangeRejectsAZeroStepHugeRangesAndValuesBeyondInt64()
    {
        Assert.AreEqual("range: step cannot be zero", Message("range", I(0), I(1), I(0)));
        _f.Vm.Limits = _f.Vm.Limits with { MaxArrayLength = 3 };
        var error = _f.Fails("range", I(0), I(10));
        Assert.AreEqual("range: 10 elements exceed the array length limit of 3", error.Message);
        Assert.AreEqual(VmErrorKind.MemoryLimitExceeded, error.Kind);
        var overflow = _f.Fails("range", U(ulong.MaxValue - 1), U(ulong.MaxValue));
        Assert.AreEqual("range: values from 18446744073709551614 to 18446744073709551615 do not fit int64", overflow.Message);
        Assert.AreEqual(VmErrorKind.IntegerOverflow, overflow.Kind);
        Assert.AreEqual("range: expected an integer as argument 2, got float 2f64", Message("range", I(0), F(2)));
        Assert.AreEqual("range expects 2 to 3 arguments, got 1", Message("range", I(3)));
    }

    [TestMethod]
    [DataRow("extend", 2)]
    [DataRow("copy", 1)]
    [DataRow("count", 2)]
    [DataRow("index", 2)]
    [DataRow("pop", 1)]
    [DataRow("remove", 2)]
    [DataRow("insert", 3)]
    [DataRow("delete", 2)]
    [DataRow("clear", 1)]
    [DataRow("reverse", 1)]
    [DataRow("sort", 1)]
    public void EveryListBuiltinNeedsAnArrayFirst(string builtin, int arity)
    {
        var arguments = Enumerable.Repeat(I(0), arity).ToArray();
        arguments[0] = S("abc");

        var error = _f.Fails(builtin, arguments);

        Assert.AreEqual($"{builtin}: expected an array, got string \"abc\"", error.Message);
        Assert.AreEqual(VmErrorKind.TypeError, error.Kind);
    }
}
