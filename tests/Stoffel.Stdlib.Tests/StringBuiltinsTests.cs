using Stoffel.Vm.Runtime;
using Stoffel.Vm.Values;
using static Stoffel.Stdlib.Tests.StdlibFixture;

namespace Stoffel.Stdlib.Tests;

/// <summary>split, join, upper, lower, trim, index_of, replace, parse_int, parse_float (beyond upstream; docs/host-api.md).</summary>
[TestClass]
public sealed class StringBuiltinsTests
{
    private readonly StdlibFixture _f = new();

    private string Text(string name, params Value[] arguments) => _f.Call(name, arguments).AsString;

    private string Message(string name, params Value[] arguments) => _f.Fails(name, arguments).Message;

    [TestMethod]
    public void SplitKeepsEmptyPieces()
    {
        CollectionAssert.AreEqual(new[] { S("a"), S("b"), S(""), S("c") }, Elements(_f.Call("split", S("a,b,,c"), S(","))).ToArray());
        CollectionAssert.AreEqual(new[] { S("") }, Elements(_f.Call("split", S(""), S(","))).ToArray());
        CollectionAssert.AreEqual(new[] { S("a"), S("b") }, Elements(_f.Call("split", S("a::b"), S("::"))).ToArray());
        Assert.AreEqual("split: the separator (argument 2) must not be empty", Message("split", S("ab"), S("")));
        Assert.AreEqual("split: expected a string as argument 2, got int64 1", Message("split", S("ab"), I(1)));
    }

    [TestMethod]
    public void JoinNeedsStringElements()
    {
        Assert.AreEqual("a-b-c", Text("join", _f.Array(S("a"), S("b"), S("c")), S("-")));
        Assert.AreEqual("", Text("join", _f.Array(), S("-")));
        Assert.AreEqual("join: expected strings in the list, got int64 1 at index 1", Message("join", _f.Array(S("a"), I(1)), S(",")));
        Assert.AreEqual("join: expected an array, got string \"ab\"", Message("join", S("ab"), S(",")));
    }

    [TestMethod]
    public void CaseMappingAndTrimAreCultureIndependent()
    {
        Assert.AreEqual("HÉLLO I", Text("upper", S("héllo i")));
        Assert.AreEqual("héllo i", Text("lower", S("HÉLLO I")));
        Assert.AreEqual("x y", Text("trim", S(" \t x y \n")));
        Assert.AreEqual("upper: expected a string, got int64 1", Message("upper", I(1)));
    }

    [TestMethod]
    public void IndexOfCountsUnicodeScalars()
    {
        Assert.AreEqual(I(2), _f.Call("index_of", S("a😀b"), S("b")));
        Assert.AreEqual(I(1), _f.Call("index_of", S("a😀b😀"), S("😀")));
        Assert.AreEqual(I(-1), _f.Call("index_of", S("abc"), S("B")));
        Assert.AreEqual(I(0), _f.Call("index_of", S("abc"), S("")));
    }

    [TestMethod]
    public void ReplaceReplacesEveryOccurrence()
    {
        Assert.AreEqual("a+b+c", Text("replace", S("a-b-c"), S("-"), S("+")));
        Assert.AreEqual("abc", Text("replace", S("abc"), S("x"), S("y")));
        Assert.AreEqual("replace: the text to replace (argument 2) must not be empty", Message("replace", S("abc"), S(""), S("y")));
    }

    [TestMethod]
    public void LongResultsAreRejectedBeforeTheyAreBuilt()
    {
        _f.Vm.Limits = _f.Vm.Limits with { MaxStringLength = 5 };

        var error = _f.Fails("replace", S("aaa"), S("a"), S("bb"));

        Assert.AreEqual("replace: a result of 6 characters exceeds the string length limit of 5", error.Message);
        Assert.AreEqual(VmErrorKind.MemoryLimitExceeded, error.Kind);
        Assert.AreEqual("join: a result of 7 characters exceeds the string length limit of 5", Message("join", _f.Array(S("ab"), S("cd")), S("xyz")));
    }

    [TestMethod]
    public void ParseIntAcceptsSignedDecimalIntegers()
    {
        Assert.AreEqual(I(42), _f.Call("parse_int", S(" 42 ")));
        Assert.AreEqual(I(-7), _f.Call("parse_int", S("-7")));
        Assert.AreEqual(I(3), _f.Call("parse_int", S("+3")));
        Assert.AreEqual(I(long.MinValue), _f.Call("parse_int", S("-9223372036854775808")));
    }

    [TestMethod]
    public void ParseIntNamesBadText()
    {
        var error = _f.Fails("parse_int", S("abc"));
        Assert.AreEqual("parse_int: \"abc\" is not an integer", error.Message);
        Assert.AreEqual(VmErrorKind.ForeignFunctionError, error.Kind);
        Assert.AreEqual("parse_int: \"1.5\" is not an integer", Message("parse_int", S("1.5")));
        Assert.AreEqual("parse_int: \"\" is not an integer", Message("parse_int", S("")));
        var overflow = _f.Fails("parse_int", S("9223372036854775808"));
        Assert.AreEqual("parse_int: \"9223372036854775808\" is out of range for int64", overflow.Message);
        Assert.AreEqual(VmErrorKind.IntegerOverflow, overflow.Kind);
    }

    [TestMethod]
    public void ParseFloatAcceptsDecimalExponentAndPrintedSpecials()
    {
        Assert.AreEqual(Value.FromFloat(1.5), _f.Call("parse_float", S("1.5")));
        Assert.AreEqual(Value.FromFloat(1000), _f.Call("parse_float", S(" 1e3 ")));
        Assert.AreEqual(Value.FromFloat(-2), _f.Call("parse_float", S("-2")));
        Assert.AreEqual(Value.FromFloat(double.PositiveInfinity), _f.Call("parse_float", S("inf")));
        Assert.AreEqual(Value.FromFloat(double.NegativeInfinity), _f.Call("parse_float", S("-inf")));
        Assert.IsTrue(double.IsNaN(_f.Call("parse_float", S("NaN")).AsFloat));
        Assert.AreEqual("parse_float: \"x\" is not a number", Message("parse_float", S("x")));
        Assert.AreEqual("parse_float: \"--inf\" is not a number", Message("parse_float", S("--inf")));
    }
}
