using Stoffel.Vm.Values;

namespace Stoffel.Vm.Tests.Values;

/// <summary>Value.CopyUnlessSame skips the write only when the destination already holds the very same value; Value.CopyToBoth writes the source whole to two places.</summary>
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

    public static IEnumerable<object[]> Sources =>
    [
        [Value.FromI64(-7)],
        [Value.FromU8(200)],
        [Value.FromFloat(0.5)],
        [Value.Unit],
        [Value.FromString("text")],
    ];

    [TestMethod]
    [DynamicData(nameof(Sources))]
    public void CopyToBoth_gives_both_destinations_the_kind_bits_and_payload_of_the_source(Value source)
    {
        var first = Value.FromString("old");
        var second = Value.FromI64(99);

        Value.CopyToBoth(ref first, ref second, in source);

        foreach (var copy in new[] { first, second })
        {
            Assert.AreEqual(source.Kind, copy.Kind);
            Assert.AreEqual(source.Bits, copy.Bits);
            Assert.AreSame(source.Payload, copy.Payload);
        }
    }
}
