using Stoffel.Vm.Runtime;
using Stoffel.Vm.Values;
using static Stoffel.Stdlib.Tests.StdlibFixture;

namespace Stoffel.Stdlib.Tests;

/// <summary>slice: Python slicing on lists and strings, as upstream's.</summary>
[TestClass]
public sealed class SliceTests
{
    private static readonly Value Omitted = Value.Unit;
    private static readonly Value Max = I(long.MaxValue);
    private readonly StdlibFixture _f = new();

    private long[] SliceDigits(Value start, Value stop, Value? step = null)
    {
        var source = _f.Array(I(0), I(1), I(2), I(3), I(4), I(5));
        var result = step is { } s ? _f.Call("slice", source, start, stop, s) : _f.Call("slice", source, start, stop);
        Assert.AreNotEqual(source, result, "slice returns a new array");
        return Elements(result).Select(v => v.AsI64).ToArray();
    }

    private string SliceText(string text, Value start, Value stop, Value step) => _f.Call("slice", S(text), start, stop, step).AsString;

    [TestMethod]
    public void PositiveBoundsAndDefaultStep()
    {
        CollectionAssert.AreEqual(new long[] { 1, 2, 3 }, SliceDigits(I(1), I(4)));
        CollectionAssert.AreEqual(new long[] { 0, 1, 2, 3, 4, 5 }, SliceDigits(Omitted, Omitted));
        CollectionAssert.AreEqual(new long[] { 2, 3, 4, 5 }, SliceDigits(I(2), Max));
        CollectionAssert.AreEqual(new long[] { 0, 1 }, SliceDigits(Omitted, I(2)));
    }

    [TestMethod]
    public void NegativeBoundsCountFromTheEnd()
    {
        CollectionAssert.AreEqual(new long[] { 4, 5 }, SliceDigits(I(-2), Omitted));
        CollectionAssert.AreEqual(new long[] { 0, 1, 2, 3, 4 }, SliceDigits(Omitted, I(-1)));
        CollectionAssert.AreEqual(new long[] { 2, 3 }, SliceDigits(I(-4), I(-2)));
    }

    [TestMethod]
    public void OutOfRangeBoundsClampAndEmptyRangesAreEmpty()
    {
        CollectionAssert.AreEqual(new long[] { 0, 1, 2, 3, 4, 5 }, SliceDigits(I(-100), I(100)));
        CollectionAssert.AreEqual(Array.Empty<long>(), SliceDigits(I(4), I(2)));
        CollectionAssert.AreEqual(Array.Empty<long>(), SliceDigits(I(10), I(20)));
    }

    [TestMethod]
    public void PositiveSteps()
    {
        CollectionAssert.AreEqual(new long[] { 0, 2, 4 }, SliceDigits(Omitted, Omitted, I(2)));
        CollectionAssert.AreEqual(new long[] { 1, 4 }, SliceDigits(I(1), Omitted, I(3)));
        CollectionAssert.AreEqual(new long[] { 0 }, SliceDigits(Omitted, Omitted, I(long.MaxValue)));
    }

    [TestMethod]
    public void NegativeStepsWalkBackwards()
    {
        CollectionAssert.AreEqual(new long[] { 5, 4, 3, 2, 1, 0 }, SliceDigits(Omitted, Omitted, I(-1)));
        CollectionAssert.AreEqual(new long[] { 4, 3 }, SliceDigits(I(4), I(2), I(-1)));
        CollectionAssert.AreEqual(new long[] { 5, 3, 1 }, SliceDigits(Max, Max, I(-2)));
        CollectionAssert.AreEqual(new long[] { 5, 4 }, SliceDigits(I(100), I(-3), I(-1)));
        CollectionAssert.AreEqual(new long[] { 2, 1, 0 }, SliceDigits(I(2), I(-100), I(-1)));
        CollectionAssert.AreEqual(Array.Empty<long>(), SliceDigits(I(1), I(4), I(-1)));
        CollectionAssert.AreEqual(new long[] { 5 }, SliceDigits(Omitted, Omitted, I(long.MinValue)));
    }

    [TestMethod]
    public void BoundsOfOtherIntegerKindsAreAccepted() =>
        CollectionAssert.AreEqual(new long[] { 1, 2 }, SliceDigits(Value.FromU8(1), Value.FromI32(3)));

    [TestMethod]
    public void StringsSliceByUnicodeScalar()
    {
        Assert.AreEqual("ell", SliceText("hello", I(1), I(4), I(1)));
        Assert.AreEqual("olleh", SliceText("hello", Omitted, Omitted, I(-1)));
        Assert.AreEqual("hlo", SliceText("hello", Omitted, Omitted, I(2)));
        Assert.AreEqual("😀b", SliceText("a😀b", I(1), Omitted, I(1)));
        Assert.AreEqual("b😀a", SliceText("a😀b", Omitted, Omitted, I(-1)));
        Assert.AreEqual("", SliceText("abc", I(2), I(1), I(1)));
        Assert.AreEqual("bc", _f.Call("slice", S("abc"), I(-2), Max).AsString);
    }

    [TestMethod]
    public void ZeroStepIsAnError()
    {
        var error = _f.Fails("slice", _f.Array(I(1)), Omitted, Omitted, I(0));

        Assert.AreEqual("slice: slice step cannot be zero", error.Message);
        Assert.AreEqual("slice: slice step cannot be zero", _f.Fails("slice", S("abc"), Omitted, Omitted, I(0)).Message);
    }

    [TestMethod]
    public void BadArgumentsAreErrors()
    {
        Assert.AreEqual("slice: expected an array or string, got int64 5", _f.Fails("slice", I(5), I(0), I(1)).Message);
        Assert.AreEqual("slice: expected an array or string, got object", _f.Fails("slice", _f.Object(), I(0), I(1)).Message);
        Assert.AreEqual("slice: expected an integer or () as argument 2, got string \"a\"", _f.Fails("slice", _f.Array(), S("a"), I(1)).Message);
        Assert.AreEqual("slice: expected an integer or () as argument 3, got float 1f64", _f.Fails("slice", S("ab"), I(0), Value.FromFloat(1)).Message);
        Assert.AreEqual("slice: expected an integer as argument 4, got nil ()", _f.Fails("slice", S("ab"), I(0), I(1), Value.Unit).Message);
        Assert.AreEqual("slice expects 3 to 4 arguments, got 2", _f.Fails("slice", S("ab"), I(0)).Message);
        Assert.AreEqual("slice expects 3 to 4 arguments, got 5", _f.Fails("slice", S("ab"), I(0), I(1), I(1), I(1)).Message);
        Assert.AreEqual(VmErrorKind.FunctionArityMismatch, _f.Fails("slice", S("ab")).Kind);
    }
}
