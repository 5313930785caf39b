using Stoffel.Vm.Values;

namespace Stoffel.Vm.Runtime;

/// <summary>Reads a CLR value of type <typeparamref name="T"/> out of a Stoffel value; false when the kind does not fit.</summary>
internal delegate bool ValueReader<T>(Value value, out T result);

/// <summary>Turns a CLR result of type <typeparamref name="T"/> into a Stoffel value.</summary>
internal delegate Value ValueWriter<T>(ForeignFunctionContext context, T result);

/// <summary>How one CLR type crosses the boundary: what it accepts (for messages), how it reads and writes.</summary>
internal sealed record Marshaller<T>(string Expected, ValueReader<T> TryRead, ValueWriter<T> Write);

/// <summary>
/// The mapping between CLR types and Stoffel kinds used by typed foreign functions
/// (docs/host-api.md): long↔int64, int↔int32, short↔int16, sbyte↔int8, ulong↔uint64, uint↔uint32,
/// ushort↔uint16, byte↔uint8, double↔float, bool↔boolean, string↔string, <see cref="Value"/> as is;
/// any other reference type is a foreign object (a <c>Foreign(id)</c> wrapping an instance of it).
/// Kinds must match exactly: no widening, as with the VM's arithmetic. Converters are chosen once
/// per type; a call only runs the chosen delegates.
/// </summary>
internal static class ValueMarshal
{
    private static readonly Dictionary<Type, object> Builtin = new()
    {
        [typeof(long)] = Scalar(ValueKind.I64, v => v.AsI64, Value.FromI64),
        [typeof(int)] = Scalar(ValueKind.I32, v => (int)v.AsI64, Value.FromI32),
        [typeof(short)] = Scalar(ValueKind.I16, v => (short)v.AsI64, Value.FromI16),
        [typeof(sbyte)] = Scalar(ValueKind.I8, v => (sbyte)v.AsI64, Value.FromI8),
        [typeof(ulong)] = Scalar(ValueKind.U64, v => v.AsU64, Value.FromU64),
        [typeof(uint)] = Scalar(ValueKind.U32, v => (uint)v.AsU64, Value.FromU32),
        [typeof(ushort)] = Scalar(ValueKind.U16, v => (ushort)v.AsU64, Value.FromU16),
        [typeof(byte)] = Scalar(ValueKind.U8, v => (byte)v.AsU64, Value.FromU8),
        [typeof(double)] = Scalar(ValueKind.Float, v => v.AsFloat, Value.FromFloat),
        [typeof(bool)] = Scalar(ValueKind.Bool, v => v.AsBool, Value.FromBool),
        [typeof(string)] = new Marshaller<string>(
            ValueKind.String.TypeName(),
            (Value v, out string result) => (result = v.AsVmString?.Text!) is not null,
            (context, text) => text is null ? Value.Unit : context.CreateString(text)),
        [typeof(Value)] = new Marshaller<Value>(
            "any value",
            (Value v, out Value result) =>
            {
                result = v;
                return true;
            },
            (_, value) => value),
    };

    /// <summary>The marshaller for <typeparamref name="T"/>.</summary>
    /// <exception cref="ArgumentException"><typeparamref name="T"/> is a value type without a Stoffel kind (e.g. <c>float</c>, <c>decimal</c>, a nullable).</exception>
    public static Marshaller<T> For<T>() => Cache<T>.Instance ?? throw new ArgumentException(
        $"type {typeof(T).Name} has no Stoffel kind: use long, int, short, sbyte, ulong, uint, ushort, byte, double, bool, string, Value or a reference type for foreign objects");

    /// <summary>The marshaller that reads a <c>Foreign(id)</c> wrapping a <typeparamref name="T"/> and registers results as foreign objects.</summary>
    public static Marshaller<T> Foreign<T>() where T : class => ForeignCache<T>.Instance;

    /// <summary>The error for an argument of the wrong kind: <c>hypot: argument 2 (y) must be float, got int64 3</c>.</summary>
    public static StoffelError KindError(string function, int index, string? parameter, string expected, Value actual) =>
        new(VmErrorKind.TypeError,
            $"{function}: argument {index + 1}{(parameter is null ? "" : $" ({parameter})")} must be {expected}, got {Describe(actual)}");

    /// <summary>Like the VM's operand descriptions, but a foreign value also names its host type: <c>foreign Counter</c>.</summary>
    public static string Describe(Value value) =>
        value.AsForeign is { } target ? $"foreign {target.GetType().Name}" : ValueFormatter.Describe(value);

    private static Marshaller<T> Scalar<T>(ValueKind kind, Func<Value, T> read, Func<T, Value> write) => new(
        kind.TypeName(),
        (Value v, out T result) =>
        {
            var fits = v.Kind == kind;
            result = fits ? read(v) : default!;
            return fits;
        },
        (_, x) => write(x));

    private static Marshaller<T>? Create<T>() => Builtin.TryGetValue(typeof(T), out var builtin)
        ? (Marshaller<T>)builtin
        : typeof(T).IsValueType ? null : ForeignOf<T>();

    // T is a reference type here; `is T` and `default` behave as for a class constraint.
    private static Marshaller<T> ForeignOf<T>() => new(
        $"foreign {typeof(T).Name}",
        (Value v, out T result) =>
        {
            var fits = v.AsForeign is T;
            result = fits ? (T)v.AsForeign! : default!;
            return fits;
        },
        (context, target) => target is null ? Value.Unit : context.Objects.RegisterForeign(target));

    private static class Cache<T>
    {
        public static readonly Marshaller<T>? Instance = Create<T>();
    }

    private static class ForeignCache<T> where T : class
    {
        public static readonly Marshaller<T> Instance = ForeignOf<T>();
    }
}
