using Stoffel.Vm.Values;

namespace Stoffel.Vm.Tests.Semantics;

/// <summary>One representative value per kind, and short constructors for the value tests.</summary>
internal static class Samples
{
    /// <summary>Test data: one row per integer kind, I64 … U64.</summary>
    public static IEnumerable<object[]> EveryIntegerKind => SemanticsOracle.IntegerKinds.Select(kind => new object[] { kind });

    private static readonly Lazy<Dictionary<ValueKind, Value>> Representatives = new(CreateRepresentatives);

    /// <summary>
    /// A value of <paramref name="kind"/> with which every allowed instruction succeeds when it is
    /// used as both operands (5 for integers: non-zero divisor, shift amount below every width).
    /// </summary>
    public static Value Of(ValueKind kind) => Representatives.Value[kind];

    public static Value I64(long value) => Value.FromI64(value);

    public static Value U64(ulong value) => Value.FromU64(value);

    public static Value F(double value) => Value.FromFloat(value);

    public static Value S(string text) => Value.FromString(text);

    public static Value B(bool value) => Value.FromBool(value);

    /// <summary>An integer of any kind from its mathematical value (must fit the kind).</summary>
    public static Value Int(ValueKind kind, Int128 value) => kind switch
    {
        ValueKind.I64 => Value.FromI64((long)value),
        ValueKind.I32 => Value.FromI32((int)value),
        ValueKind.I16 => Value.FromI16((short)value),
        ValueKind.I8 => Value.FromI8((sbyte)value),
        ValueKind.U8 => Value.FromU8((byte)value),
        ValueKind.U16 => Value.FromU16((ushort)value),
        ValueKind.U32 => Value.FromU32((uint)value),
        ValueKind.U64 => Value.FromU64((ulong)value),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not an integer kind"),
    };

    /// <summary>Bit width of an integer kind.</summary>
    public static int Width(ValueKind kind) => kind switch
    {
        ValueKind.I8 or ValueKind.U8 => 8,
        ValueKind.I16 or ValueKind.U16 => 16,
        ValueKind.I32 or ValueKind.U32 => 32,
        ValueKind.I64 or ValueKind.U64 => 64,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not an integer kind"),
    };

    public static bool IsSigned(ValueKind kind) => kind is ValueKind.I8 or ValueKind.I16 or ValueKind.I32 or ValueKind.I64;

    /// <summary>Smallest value of an integer kind: -2^(w-1) or 0.</summary>
    public static Int128 Min(ValueKind kind) => IsSigned(kind) ? -(Int128.One << (Width(kind) - 1)) : 0;

    /// <summary>Largest value of an integer kind: 2^(w-1) - 1 or 2^w - 1.</summary>
    public static Int128 Max(ValueKind kind) => (Int128.One << (IsSigned(kind) ? Width(kind) - 1 : Width(kind))) - 1;

    private static Dictionary<ValueKind, Value> CreateRepresentatives()
    {
        var vm = InstructionHarness.Vm;
        lock (vm.Inspector.SyncRoot)
        {
            return new Dictionary<ValueKind, Value>
            {
                [ValueKind.Unit] = Value.Unit,
                [ValueKind.Bool] = Value.True,
                [ValueKind.I64] = Value.FromI64(5),
                [ValueKind.I32] = Value.FromI32(5),
                [ValueKind.I16] = Value.FromI16(5),
                [ValueKind.I8] = Value.FromI8(5),
                [ValueKind.U8] = Value.FromU8(5),
                [ValueKind.U16] = Value.FromU16(5),
                [ValueKind.U32] = Value.FromU32(5),
                [ValueKind.U64] = Value.FromU64(5),
                [ValueKind.Float] = Value.FromFloat(2.5),
                [ValueKind.String] = Value.FromString("ab"),
                [ValueKind.Object] = vm.Objects.CreateObject(),
                [ValueKind.Array] = vm.Objects.CreateArray(),
                [ValueKind.Foreign] = vm.RegisterForeignObject(new object()),
                [ValueKind.Closure] = Value.FromClosure(new Closure("op_ADD", [])),
            };
        }
    }
}
