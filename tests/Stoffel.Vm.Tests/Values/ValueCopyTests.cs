using Stoffel.Vm.Values;

namespace Stoffel.Vm.Tests.Values;

/// <summary>Value.CopyUnlessSame: it skips the write only when the destination already holds the very same value.</summary>
[TestClass]
public sealed class ValueCopyTests
{
    public static IEnumerable<object[]> Pairs =>
    [
        [Value.FromI64(1), Value.FromU64(1), "the kind alone differs"],
        [Value.FromI64(1), Value.FromI64(2), "the bits alone differ"],
        [Value.FromString("a"), Value.FromString("a"), "equal text, another string object"],
        [Value.Unit, Value.FromString("a"), "a payload over none"],
    ];

    [TestMethod]
    [DynamicData(nameof(Pairs))]
    public void A_destination_holding_another_value_gets_the_source(Value destination, Value source, string because)
    {
        Value.CopyUnlessSame(ref destination, in source);

        Assert.AreEqual(source.Kind, destination.Kind, because);
        Assert.AreEqual(source.Bits, destination.Bits, because);
        Assert.AreSame(source.Payload, destination.Payload, because);
    }

    [TestMethod]
    public void A_destination_holding_the_same_value_keeps_it()
    {
        var text = Value.FromString("a");
        var destination = text;

        Value.CopyUnlessSame(ref destination, in text);

        Assert.AreSame(text.Payload, destination.Payload);
        Assert.AreEqual(ValueKind.String, destination.Kind);
    }
}
