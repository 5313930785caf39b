using Stoffel.Vm.Runtime;
using Stoffel.Vm.Values;
using static Stoffel.Stdlib.Tests.StdlibFixture;

namespace Stoffel.Stdlib.Tests;

/// <summary>print, assert, type, to_string (print format and type names: docs/semantics.md "Value kinds").</summary>
[TestClass]
public sealed class CoreBuiltinsTests
{
    private readonly StdlibFixture _f = new();

    [TestMethod]
    public void PrintJoinsFormattedArgumentsWithSpacesAndEndsTheLine()
    {
        var nested = _f.Array(I(1), _f.Array(I(2)));
        var result = _f.Call("print", I(1), Value.FromU8(5), Value.FromFloat(1.5), S("s"), nested, Value.Unit);

        Assert.AreEqual("1 5u8 1.5f64 s [1, [2]] ()\n", _f.Output.ToString());
        Assert.AreEqual(Value.Unit, result);
    }

    [TestMethod]
    public void PrintFormatsEveryScalarKindAsUpstream()
    {
        _f.Call("print", Value.FromI32(5), Value.FromI16(-5), Value.FromI8(5), Value.FromU16(5), Value.FromU32(5),
            Value.FromU64(ulong.MaxValue), Value.FromFloat(2), Value.True, Value.False, Value.FromFloat(double.NaN));

        Assert.AreEqual("5i32 -5i16 5i8 5u16 5u32 18446744073709551615u64 2f64 true false NaNf64\n", _f.Output.ToString());
    }

    [TestMethod]
    public void PrintWithNoArgumentsWritesAnEmptyLine()
    {
        _f.Call("print");
        _f.Call("print", S("a"), S("b c"));

        Assert.AreEqual("\na b c\n", _f.Output.ToString());
    }

    [TestMethod]
    public void PrintShowsStringsInsideListsWithoutQuotes()
    {
        _f.Call("print", _f.Array(S("x"), S("y z")));

        Assert.AreEqual("[x, y z]\n", _f.Output.ToString());
    }

    [TestMethod]
    public void AssertTrueReturnsUnit()
    {
        Assert.AreEqual(Value.Unit, _f.Call("assert", Value.True));
        Assert.AreEqual(Value.Unit, _f.Call("assert", Value.True, S("unused")));
    }

    [TestMethod]
    public void AssertFalseFailsWithTheGivenMessage()
    {
        var error = _f.Fails("assert", Value.False, S("x must be positive"));

        Assert.AreEqual("x must be positive", error.Message);
        Assert.AreEqual(VmErrorKind.ForeignFunctionError, error.Kind);
    }

    [TestMethod]
    public void AssertFalseWithoutAStringMessageUsesTheDefault()
    {
        Assert.AreEqual("assertion failed", _f.Fails("assert", Value.False).Message);
        Assert.AreEqual("assertion failed", _f.Fails("assert", Value.False, I(3)).Message);
    }

    [TestMethod]
    public void AssertRejectsANonBooleanCondition()
    {
        var error = _f.Fails("assert", I(1));

        Assert.AreEqual("assert: expected a boolean condition, got int64 1", error.Message);
        Assert.AreEqual(VmErrorKind.TypeError, error.Kind);
    }

    [TestMethod]
    public void AssertNeedsACondition()
    {
        var error = _f.Fails("assert");

        Assert.AreEqual("assert expects at least 1 argument, got 0", error.Message);
        Assert.AreEqual(VmErrorKind.FunctionArityMismatch, error.Kind);
    }

    [TestMethod]
    public void TypeReturnsUpstreamNames()
    {
        var cases = new (Value Value, string Name)[]
        {
            (I(1), "int64"), (Value.FromI32(1), "int32"), (Value.FromI16(1), "int16"), (Value.FromI8(1), "int8"),
            (Value.FromU64(1), "uint64"), (Value.FromU32(1), "uint32"), (Value.FromU16(1), "uint16"), (Value.FromU8(1), "uint8"),
            (Value.FromFloat(1), "float"), (Value.True, "boolean"), (S("s"), "string"), (_f.Array(), "array"),
            (_f.Object(), "object"), (Value.FromClosure(new Closure("f", [])), "function"), (Value.Unit, "nil"),
        };
        foreach (var (value, name) in cases)
        {
            Assert.AreEqual(name, _f.Call("type", value).AsString, $"type of {value.Kind}");
        }
    }

    [TestMethod]
    public void TypeTakesExactlyOneArgument()
    {
        Assert.AreEqual("type expects 1 argument, got 2", _f.Fails("type", I(1), I(2)).Message);
        Assert.AreEqual("type expects 1 argument, got 0", _f.Fails("type").Message);
    }

    [TestMethod]
    public void ToStringFormatsLikePrint()
    {
        Assert.AreEqual("42", _f.Call("to_string", I(42)).AsString);
        Assert.AreEqual("0.1f64", _f.Call("to_string", Value.FromFloat(0.1)).AsString);
        Assert.AreEqual("[1, [2, x]]", _f.Call("to_string", _f.Array(I(1), _f.Array(I(2), S("x")))).AsString);
        Assert.AreEqual("{k: 7u8}", _f.Call("to_string", _f.Object((S("k"), Value.FromU8(7)))).AsString);
        Assert.AreEqual("Function(f)", _f.Call("to_string", Value.FromClosure(new Closure("f", []))).AsString);
        Assert.AreEqual("raw text", _f.Call("to_string", S("raw text")).AsString);
        Assert.AreEqual(ValueKind.String, _f.Call("to_string", Value.Unit).Kind);
    }

    [TestMethod]
    public void ToStringTakesExactlyOneArgument() =>
        Assert.AreEqual("to_string expects 1 argument, got 0", _f.Fails("to_string").Message);

    [TestMethod]
    public void ToStringRespectsTheStringLengthLimit()
    {
        _f.Vm.Limits = _f.Vm.Limits with { MaxStringLength = 3 };

        Assert.AreEqual(VmErrorKind.MemoryLimitExceeded, _f.Fails("to_string", I(12345)).Kind);
    }
}
