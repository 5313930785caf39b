using Stoffel.Vm.Runtime;
using Stoffel.Vm.Values;
using static Stoffel.Stdlib.Tests.StdlibFixture;

namespace Stoffel.Stdlib.Tests;

/// <summary>create_object, get_field, set_field, get_or_create_array_field (docs/semantics.md "Value kinds", "Tables").</summary>
[TestClass]
public sealed class ObjectBuiltinsTests
{
    private readonly StdlibFixture _f = new();

    [TestMethod]
    public void CreateObjectReturnsAFreshEmptyObject()
    {
        var first = _f.Call("create_object");
        var second = _f.Call("create_object");

        Assert.AreEqual(ValueKind.Object, first.Kind);
        Assert.AreEqual(0, first.AsObject!.Fields.Count);
        Assert.AreNotEqual(first, second);
    }

    [TestMethod]
    public void GetFieldOnAStringIndexesByUnicodeScalar()
    {
        var text = S("a😀b");

        Assert.AreEqual("a", _f.Call("get_field", text, I(0)).AsString);
        Assert.AreEqual("😀", _f.Call("get_field", text, I(1)).AsString);
        Assert.AreEqual("b", _f.Call("get_field", text, I(2)).AsString);
        Assert.AreEqual("b", _f.Call("get_field", text, I(-1)).AsString);
        Assert.AreEqual("a", _f.Call("get_field", text, I(-3)).AsString);
        Assert.AreEqual("😀", _f.Call("get_field", text, Value.FromU8(1)).AsString);
    }

    [TestMethod]
    public void GetFieldOnAStringOutOfRangeFails()
    {
        var high = _f.Fails("get_field", S("abc"), I(3));
        var low = _f.Fails("get_field", S("abc"), I(-4));

        Assert.AreEqual("get_field: string index 3 out of range (length 3)", high.Message);
        Assert.AreEqual("get_field: string index -4 out of range (length 3)", low.Message);
        Assert.AreEqual(VmErrorKind.IndexOutOfRange, high.Kind);
    }

    [TestMethod]
    public void GetFieldOnAStringNeedsAnIntegerKey() =>
        Assert.AreEqual("get_field: expected an integer as argument 2, got string \"0\"", _f.Fails("get_field", S("abc"), S("0")).Message);

    [TestMethod]
    public void GetFieldOnAnArrayReadsElementsAndNormalisesNegativeKeys()
    {
        var array = _f.Array(I(10), I(20), I(30));

        Assert.AreEqual(I(10), _f.Call("get_field", array, I(0)));
        Assert.AreEqual(I(30), _f.Call("get_field", array, I(2)));
        Assert.AreEqual(I(30), _f.Call("get_field", array, I(-1)));
        Assert.AreEqual(I(10), _f.Call("get_field", array, I(-3)));
        Assert.AreEqual(I(20), _f.Call("get_field", array, Value.FromI32(-2)));
    }

    [TestMethod]
    public void GetFieldOnAnArrayOutOfRangeFails()
    {
        var array = _f.Array(I(10), I(20), I(30));

        var high = _f.Fails("get_field", array, I(5));
        Assert.AreEqual("get_field: array index 5 out of range (length 3)", high.Message);
        Assert.AreEqual(VmErrorKind.IndexOutOfRange, high.Kind);
        Assert.AreEqual("get_field: array index -4 out of range (length 3)", _f.Fails("get_field", array, I(-4)).Message);
        Assert.AreEqual("get_field: array index 0 out of range (length 0)", _f.Fails("get_field", _f.Array(), I(0)).Message);
    }

    [TestMethod]
    public void GetFieldOnAnArrayUsesTheSideMapForOtherIntegerKinds()
    {
        var array = _f.Array(I(10));
        _f.Set(array, Value.FromU64(0), S("side"));

        Assert.AreEqual("side", _f.Call("get_field", array, Value.FromU64(0)).AsString);
        Assert.AreEqual(I(10), _f.Call("get_field", array, I(0)));
        Assert.AreEqual("get_field: array index 1 out of range (length 1)", _f.Fails("get_field", array, Value.FromU64(1)).Message);
    }

    [TestMethod]
    public void GetFieldOnAnArrayWithAMissingNonIntegerKeyReadsUnit()
    {
        var array = _f.Array(I(1));
        _f.Set(array, S("name"), S("list"));

        Assert.AreEqual(Value.Unit, _f.Call("get_field", array, S("missing")));
        Assert.AreEqual(Value.Unit, _f.Call("get_field", array, Value.True));
        Assert.AreEqual("list", _f.Call("get_field", array, S("name")).AsString);
    }

    [TestMethod]
    public void GetFieldOnAnObjectReadsFieldsAndUnitWhenMissing()
    {
        var table = _f.Object((S("a"), I(1)), (I(1), S("i64 key")));

        Assert.AreEqual(I(1), _f.Call("get_field", table, S("a")));
        Assert.AreEqual("i64 key", _f.Call("get_field", table, I(1)).AsString);
        Assert.AreEqual(Value.Unit, _f.Call("get_field", table, Value.FromU64(1)));
        Assert.AreEqual(Value.Unit, _f.Call("get_field", table, S("b")));
        Assert.AreEqual(Value.Unit, _f.Call("get_field", table, I(-1)));
    }

    [TestMethod]
    public void GetFieldOnANonTableTargetReadsUnit()
    {
        Assert.AreEqual(Value.Unit, _f.Call("get_field", I(5), I(0)));
        Assert.AreEqual(Value.Unit, _f.Call("get_field", Value.Unit, S("x")));
        Assert.AreEqual(Value.Unit, _f.Call("get_field", Value.True, I(0)));
    }

    [TestMethod]
    public void GetFieldNeedsTwoArguments() =>
        Assert.AreEqual("get_field expects at least 2 arguments, got 1", _f.Fails("get_field", _f.Array()).Message);

    [TestMethod]
    public void SetFieldWritesObjectFields()
    {
        var table = _f.Object();

        Assert.AreEqual(Value.Unit, _f.Call("set_field", table, S("k"), I(7)));
        _f.Call("set_field", table, S("k"), I(8));

        Assert.AreEqual(I(8), table.AsObject!.Get(S("k")));
        Assert.AreEqual(1, table.AsObject.Fields.Count);
    }

    [TestMethod]
    public void SetFieldWritesArrayElementsNormalisingNegativeIndices()
    {
        var array = _f.Array(I(1), I(2), I(3));

        _f.Call("set_field", array, I(0), I(10));
        _f.Call("set_field", array, I(-1), I(30));

        CollectionAssert.AreEqual(new[] { I(10), I(2), I(30) }, Elements(array).ToArray());
    }

    [TestMethod]
    public void SetFieldGrowsArraysWithUnit()
    {
        var array = _f.Array(I(1));

        _f.Call("set_field", array, I(3), I(4));

        CollectionAssert.AreEqual(new[] { I(1), Value.Unit, Value.Unit, I(4) }, Elements(array).ToArray());
    }

    [TestMethod]
    public void SetFieldPutsOtherKeysInTheSideMapWithoutChangingLength()
    {
        var array = _f.Array(I(1));

        _f.Call("set_field", array, Value.FromU64(5), S("u"));
        _f.Call("set_field", array, S("name"), S("n"));

        Assert.AreEqual(1, array.AsArray!.Length);
        Assert.AreEqual("u", array.AsArray.SideEntries[Value.FromU64(5)].AsString);
        Assert.AreEqual("n", _f.Call("get_field", array, S("name")).AsString);
    }

    [TestMethod]
    public void SetFieldRejectsANegativeIndexBeyondTheStart()
    {
        var error = _f.Fails("set_field", _f.Array(I(1)), I(-2), I(0));

        Assert.AreEqual("set_field: array index -2 out of range (length 1)", error.Message);
        Assert.AreEqual(VmErrorKind.IndexOutOfRange, error.Kind);
    }

    [TestMethod]
    public void SetFieldNeedsATableAndThreeArguments()
    {
        var error = _f.Fails("set_field", S("abc"), I(0), S("x"));

        Assert.AreEqual("set_field: expected an array or object, got string \"abc\"", error.Message);
        Assert.AreEqual(VmErrorKind.TypeError, error.Kind);
        Assert.AreEqual("set_field expects at least 3 arguments, got 2", _f.Fails("set_field", _f.Object(), S("k")).Message);
    }

    [TestMethod]
    public void GetOrCreateArrayFieldCreatesAndStoresAnArrayWhenMissing()
    {
        var outer = _f.Array();

        var inner = _f.Call("get_or_create_array_field", outer, I(1));

        Assert.AreEqual(ValueKind.Array, inner.Kind);
        Assert.AreEqual(0, inner.AsArray!.Length);
        CollectionAssert.AreEqual(new[] { Value.Unit, inner }, Elements(outer).ToArray());
        Assert.AreEqual(inner, _f.Call("get_or_create_array_field", outer, I(-1)), "second call returns the stored array");
    }

    [TestMethod]
    public void GetOrCreateArrayFieldReplacesUnitAndKeepsExistingTables()
    {
        var existingObject = _f.Object();
        var table = _f.Object((S("u"), Value.Unit), (S("o"), existingObject));

        var created = _f.Call("get_or_create_array_field", table, S("u"));

        Assert.AreEqual(ValueKind.Array, created.Kind);
        Assert.AreEqual(created, table.AsObject!.Get(S("u")));
        Assert.AreEqual(existingObject, _f.Call("get_or_create_array_field", table, S("o")));
    }

    [TestMethod]
    public void GetOrCreateArrayFieldRejectsAScalarSlotAndNonTables()
    {
        var table = _f.Object((S("n"), I(5)));

        var error = _f.Fails("get_or_create_array_field", table, S("n"));

        Assert.AreEqual("get_or_create_array_field: cannot create a nested list in a slot holding int64 5", error.Message);
        Assert.AreEqual(I(5), table.AsObject!.Get(S("n")), "slot untouched");
        Assert.AreEqual("get_or_create_array_field: expected an array or object, got int64 3", _f.Fails("get_or_create_array_field", I(3), I(0)).Message);
    }
}
