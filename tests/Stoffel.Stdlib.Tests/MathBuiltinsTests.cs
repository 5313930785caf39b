using Stoffel.Vm.Runtime;
using Stoffel.Vm.Values;
using static Stoffel.Stdlib.Tests.StdlibFixture;

namespace Stoffel.Stdlib.Tests;

/// <summary>abs, min, max, pow, sqrt, floor, ceil, round (beyond upstream; docs/host-api.md).</summary>
[TestClass]
public sealed class MathBuiltinsTests
{
    private readonly StdlibFixture _f = new();

    private static Value F(double value) => Value.FromFloat(value);

    private string Message(string name, params Value[] arguments) => _f.Fails(name, arguments).Message;

    [TestMethod]
    public void AbsKeepsTheKind()
    {
        Assert.AreEqual(I(5), _f.Call("abs", I(-5)));
        Assert.AreEqual(Value.FromI8(127), _f.Call("abs", Value.FromI8(-127)));
        Assert.AreEqual(Value.FromU8(5), _f.Call("abs", Value.FromU8(5)));
        Assert.AreEqual(F(1.5), _f.Call("abs", F(-1.5)));
    }

    [TestMethod]
    public void AbsOfTheMinimumOverflows()
    {
        var error = _f.Fails("abs", Value.FromI8(sbyte.MinValue));

        Assert.AreEqual("abs: abs(-128i8) overflows int8", error.Message);
        Assert.AreEqual(VmErrorKind.IntegerOverflow, error.Kind);
        Assert.AreEqual("abs: abs(-9223372036854775808) overflows int64", Message("abs", I(long.MinValue)));
        Assert.AreEqual("abs: expected an integer, got string \"x\"", Message("abs", S("x")));
    }

    [TestMethod]
    public void MinAndMaxCompareAcrossKindsExactlyAndKeepTheWinner()
    {
        Assert.AreEqual(Value.FromU8(1), _f.Call("min", I(3), Value.FromU8(1), F(2.5)));
        Assert.AreEqual(I(3), _f.Call("max", I(3), Value.FromU8(1), F(2.5)));
        Assert.AreEqual(Value.FromU64(ulong.MaxValue), _f.Call("max", I(-1), Value.FromU64(ulong.MaxValue)));
        Assert.AreEqual(I((1L << 53) + 1), _f.Call("max", F(1L << 53), I((1L << 53) + 1)), "no rounding through double");
        Assert.AreEqual(I(1), _f.Call("min", I(1), Value.FromI32(1)), "the first of equals wins");
        Assert.AreEqual(S("a"), _f.Call("min", S("b"), S("a")));
    }

    [TestMethod]
    public void MinAndMaxAcceptOneList()
    {
        Assert.AreEqual(I(1), _f.Call("min", _f.Array(I(3), I(1), I(2))));
        Assert.AreEqual(I(3), _f.Call("max", _f.Array(I(3), I(1), I(2))));
        Assert.AreEqual("min: the list is empty", Message("min", _f.Array()));
        Assert.AreEqual("max: expected an array or at least 2 values, got int64 5", Message("max", I(5)));
    }

    [TestMethod]
    public void MinAndMaxRejectIncomparableValues()
    {
        var error = _f.Fails("min", I(1), S("a"));

        Assert.AreEqual("min: cannot compare string \"a\" with int64 1", error.Message);
        Assert.AreEqual(VmErrorKind.CannotCompare, error.Kind);
        Assert.AreEqual("max: cannot compare NaN", Message("max", _f.Array(F(double.NaN))));
        Assert.AreEqual("max expects at least 1 argument, got 0", Message("max"));
    }

    [TestMethod]
    public void PowOnIntegersIsCheckedAndKeepsTheBaseKind()
    {
        Assert.AreEqual(I(1024), _f.Call("pow", I(2), I(10)));
        Assert.AreEqual(I(1), _f.Call("pow", I(0), I(0)));
        Assert.AreEqual(I(-1), _f.Call("pow", I(-1), I(999_999_999_999)));
        Assert.AreEqual(I(1), _f.Call("pow", I(-1), Value.FromU64(ulong.MaxValue - 1)));
        Assert.AreEqual(I(0), _f.Call("pow", I(0), I(long.MaxValue)));
        Assert.AreEqual(Value.FromU64(1UL << 63), _f.Call("pow", Value.FromU64(2), Value.FromU8(63)));
        Assert.AreEqual(I(long.MinValue), _f.Call("pow", I(-2), I(63)));
        var error = _f.Fails("pow", Value.FromI8(2), Value.FromI8(7));
        Assert.AreEqual("pow: pow(2i8, 7i8) overflows int8", error.Message);
        Assert.AreEqual(VmErrorKind.IntegerOverflow, error.Kind);
        Assert.AreEqual("pow: pow(2, 63) overflows int64", Message("pow", I(2), I(63)));
        Assert.AreEqual("pow: pow(3, 1000000000000) overflows int64", Message("pow", I(3), I(1_000_000_000_000)));
        Assert.AreEqual("pow: negative exponent -1 for an integer base (use a float base)", Message("pow", I(2), I(-1)));
    }

    [TestMethod]
    public void PowWithFloatsFollowsTheArithmeticKindRules()
    {
        Assert.AreEqual(F(Math.Sqrt(2)), _f.Call("pow", F(2), F(0.5)));
        Assert.AreEqual(F(8), _f.Call("pow", F(2), I(3)));
        Assert.AreEqual(F(Math.Sqrt(2)), _f.Call("pow", I(2), F(0.5)));
        Assert.AreEqual("pow: cannot raise int32 2i32 to float 0.5f64: use integers, or a float with a float or int64",
            Message("pow", Value.FromI32(2), F(0.5)));
        Assert.AreEqual("pow: cannot raise string \"2\" to int64 1: use integers, or a float with a float or int64", Message("pow", S("2"), I(1)));
    }

    [TestMethod]
    public void SqrtGivesAFloatAndRejectsNegatives()
    {
        Assert.AreEqual(F(4), _f.Call("sqrt", I(16)));
        Assert.AreEqual(F(1.5), _f.Call("sqrt", F(2.25)));
        Assert.AreEqual(F(3), _f.Call("sqrt", Value.FromU8(9)));
        Assert.AreEqual("sqrt: negative argument int64 -4", Message("sqrt", I(-4)));
        Assert.AreEqual("sqrt: expected a number, got string \"x\"", Message("sqrt", S("x")));
    }

    [TestMethod]
    public void RoundingTurnsFloatsIntoInt64AndLeavesIntegersAlone()
    {
        Assert.AreEqual(I(2), _f.Call("floor", F(2.7)));
        Assert.AreEqual(I(-3), _f.Call("floor", F(-2.5)));
        Assert.AreEqual(I(3), _f.Call("ceil", F(2.1)));
        Assert.AreEqual(I(-2), _f.Call("ceil", F(-2.5)));
        Assert.AreEqual(I(3), _f.Call("round", F(2.5)));
        Assert.AreEqual(I(-3), _f.Call("round", F(-2.5)));
        Assert.AreEqual(I(2), _f.Call("round", F(2.49)));
        Assert.AreEqual(Value.FromI32(7), _f.Call("round", Value.FromI32(7)));
        Assert.AreEqual(I(long.MinValue), _f.Call("floor", F(-9223372036854775808.0)));
    }

    [TestMethod]
    public void RoundingRejectsValuesWithoutAnInt64()
    {
        var error = _f.Fails("floor", F(double.NaN));

        Assert.AreEqual("floor: float NaNf64 has no int64 value", error.Message);
        Assert.AreEqual(VmErrorKind.IntegerOverflow, error.Kind);
        Assert.AreEqual("ceil: float 9223372036854776000f64 has no int64 value", Message("ceil", F(9223372036854775808.0)));
        Assert.AreEqual("round: float inff64 has no int64 value", Message("round", F(double.PositiveInfinity)));
        Assert.AreEqual("floor: expected a number, got string \"x\"", Message("floor", S("x")));
    }
}
