using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Stoffel.Vm.Values;

/// <summary>
/// A Stoffel value: a small struct (kind, 64 payload bits, one reference) that never allocates
/// for numbers, booleans or unit. Integers of every width are stored sign- or zero-extended in
/// <see cref="Bits"/>; floats as their IEEE bit pattern. Strings, tables, closures and foreign
/// objects keep their payload in the reference slot; tables and foreign objects also carry
/// their store id in <see cref="Bits"/>.
/// </summary>
/// <remarks>
/// Equality (<see cref="Equals(Value)"/>) is upstream's key equality: same kind and same
/// payload, so <c>I64(1) != U64(1)</c>; floats by bit pattern; strings by text; tables,
/// closures and foreign objects by identity. Deep array equality is the stdlib's business.
/// </remarks>
public readonly struct Value : IEquatable<Value>
{
    private readonly object? _ref;

    /// <summary>The raw 64 payload bits (integer value, float bit pattern, bool 0/1 or store id).</summary>
    public readonly long Bits;

    /// <summary>The kind of the value.</summary>
    public readonly ValueKind Kind;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Value(ValueKind kind, long bits, object? reference)
    {
        Kind = kind;
        Bits = bits;
        _ref = reference;
    }

    /// <summary>
    /// Copies <paramref name="source"/> into <paramref name="destination"/>. A value without a
    /// payload object (unit, bool, numbers) is rebuilt with a null reference, which the JIT stores
    /// without a GC write barrier; the dispatch loop copies registers on nearly every instruction.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Copy(ref Value destination, in Value source)
    {
        if (source.Kind <= ValueKind.Float)
        {
            destination = new Value(source.Kind, source.Bits, null);
        }
        else
        {
            destination = source;
        }
    }

    /// <summary>
    /// <see cref="Copy"/> of <paramref name="source"/> into two places, testing its kind once: a
    /// call's argument, which goes to the argument stack and to the callee's register.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void CopyToBoth(ref Value first, ref Value second, in Value source)
    {
        if (source.Kind <= ValueKind.Float)
        {
            var scalar = new Value(source.Kind, source.Bits, null);
            first = scalar;
            second = scalar;
        }
        else
        {
            first = source;
            second = source;
        }
    }

    /// <summary>
    /// <see cref="Copy"/>, except that nothing is written when <paramref name="destination"/>
    /// already holds the very same value (same kind, bits and payload object): a slot refilled
    /// with the same object on every pass of a loop then costs no GC write barrier (about 20
    /// machine instructions). Worth it only where that is the common case.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void CopyUnlessSame(ref Value destination, in Value source)
    {
        if (!IsSame(in destination, in source))
        {
            Copy(ref destination, in source);
        }
    }

    /// <summary>
    /// <see cref="Copy"/> that leaves a slot alone when it already holds the same reference value:
    /// the scalar path is <see cref="Copy"/>'s, and a reference value costs a comparison instead of
    /// a GC write barrier when the slot has it (an argument a loop pushes each time).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void CopyKeepingSameReference(ref Value destination, in Value source)
    {
        if (source.Kind <= ValueKind.Float)
        {
            destination = new Value(source.Kind, source.Bits, null);
        }
        else if (!IsSame(in destination, in source))
        {
            destination = source;
        }
    }

    /// <summary>
    /// <see cref="CopyKeepingSameReference"/> of a String <paramref name="source"/>: a String slot
    /// holding the same string object holds the same value (a String's bits are always 0), so the
    /// kind and the object are all it compares.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void CopyStringKeepingSame(ref Value destination, in Value source)
    {
        Debug.Assert(source.Kind == ValueKind.String && source.Bits == 0, "a String source");
        if (!ReferenceEquals(destination._ref, source._ref) || destination.Kind != ValueKind.String)
        {
            destination = source;
        }
    }

    // The very same value: kind, bits and payload object (the copies above skip the write then).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsSame(in Value destination, in Value source) =>
        ReferenceEquals(destination._ref, source._ref) && destination.Bits == source.Bits && destination.Kind == source.Kind;

    /// <summary>The unit value <c>()</c>.</summary>
    public static Value Unit => default;

    /// <summary>Boolean <c>true</c>.</summary>
    public static Value True => new(ValueKind.Bool, 1, null);

    /// <summary>Boolean <c>false</c>.</summary>
    public static Value False => new(ValueKind.Bool, 0, null);

    /// <summary>A boolean value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Value FromBool(bool value) => new(ValueKind.Bool, value ? 1 : 0, null);

    /// <summary>An I64 value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Value FromI64(long value) => new(ValueKind.I64, value, null);

    /// <summary>An I32 value.</summary>
    public static Value FromI32(int value) => new(ValueKind.I32, value, null);

    /// <summary>An I16 value.</summary>
    public static Value FromI16(short value) => new(ValueKind.I16, value, null);

    /// <summary>An I8 value.</summary>
    public static Value FromI8(sbyte value) => new(ValueKind.I8, value, null);

    /// <summary>A U8 value.</summary>
    public static Value FromU8(byte value) => new(ValueKind.U8, value, null);

    /// <summary>A U16 value.</summary>
    public static Value FromU16(ushort value) => new(ValueKind.U16, value, null);

    /// <summary>A U32 value.</summary>
    public static Value FromU32(uint value) => new(ValueKind.U32, value, null);

    /// <summary>A U64 value (stored as its two's-complement bit pattern).</summary>
    public static Value FromU64(ulong value) => new(ValueKind.U64, unchecked((long)value), null);

    /// <summary>A Float (f64) value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Value FromFloat(double value) => new(ValueKind.Float, BitConverter.DoubleToInt64Bits(value), null);

    /// <summary>A String value; wraps <paramref name="text"/> in a new <see cref="VmString"/>.</summary>
    public static Value FromString(string text) => new(ValueKind.String, 0, new VmString(text));

    /// <summary>A String value sharing an existing (typically interned) payload.</summary>
    public static Value FromString(VmString text) => new(ValueKind.String, 0, text ?? throw new ArgumentNullException(nameof(text)));

    /// <summary>
    /// An integer of the given kind from its value sign- or zero-extended to 64 bits. The caller
    /// guarantees the value fits the kind (arithmetic checks before it calls this).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Value FromIntegerBits(ValueKind kind, long bits) => new(kind, bits, null);

    /// <summary>A reference to <paramref name="table"/>.</summary>
    public static Value FromObject(StoffelObject table) => new(ValueKind.Object, table.Id, table);

    /// <summary>A reference to <paramref name="table"/>.</summary>
    public static Value FromArray(StoffelArray table) => new(ValueKind.Array, table.Id, table);

    /// <summary>A closure value.</summary>
    public static Value FromClosure(Closure closure) => new(ValueKind.Closure, 0, closure ?? throw new ArgumentNullException(nameof(closure)));

    /// <summary>A reference to a foreign object registered under <paramref name="id"/>.</summary>
    public static Value FromForeign(long id, object target) => new(ValueKind.Foreign, id, target ?? throw new ArgumentNullException(nameof(target)));

    /// <summary>True when the value is <see cref="ValueKind.Unit"/>.</summary>
    public bool IsUnit => Kind == ValueKind.Unit;

    /// <summary>The boolean payload. Only meaningful when <see cref="Kind"/> is Bool.</summary>
    public bool AsBool => Bits != 0;

    /// <summary>The integer payload as a signed 64-bit number (U64 values above <see cref="long.MaxValue"/> read negative).</summary>
    public long AsI64 => Bits;

    /// <summary>The integer payload as an unsigned 64-bit number.</summary>
    public ulong AsU64 => unchecked((ulong)Bits);

    /// <summary>The float payload. Only meaningful when <see cref="Kind"/> is Float.</summary>
    public double AsFloat => BitConverter.Int64BitsToDouble(Bits);

    /// <summary>The string payload, or null when the value is not a String.</summary>
    public VmString? AsVmString => _ref as VmString;

    /// <summary>The text of a String value.</summary>
    /// <exception cref="InvalidOperationException">The value is not a String.</exception>
    public string AsString => (_ref as VmString)?.Text ?? throw new InvalidOperationException($"expected a string, got {Kind.TypeName()}");

    /// <summary>The object table, or null when the value is not an Object.</summary>
    public StoffelObject? AsObject => _ref as StoffelObject;

    /// <summary>The array table, or null when the value is not an Array.</summary>
    public StoffelArray? AsArray => _ref as StoffelArray;

    /// <summary>The closure, or null when the value is not a Closure.</summary>
    public Closure? AsClosure => _ref as Closure;

    /// <summary>The registered host object of a Foreign value, or null.</summary>
    public object? AsForeign => Kind == ValueKind.Foreign ? _ref : null;

    /// <summary>The payload object (string, table, closure, host object), or null for the scalar kinds.</summary>
    internal object? Payload => _ref;

    /// <summary>The payload of a value whose <see cref="Kind"/> the caller checked is <typeparamref name="T"/>'s kind, without a type check.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal T PayloadAs<T>() where T : class => Unsafe.As<T>(_ref!);

    /// <summary>The store id of an Object, Array or Foreign value.</summary>
    public long Id => Bits;

    /// <inheritdoc />
    public bool Equals(Value other)
    {
        if (Kind != other.Kind)
        {
            return false;
        }
        return Kind switch
        {
            ValueKind.String => ((VmString)_ref!).Equals((VmString)other._ref!),
            ValueKind.Closure => ReferenceEquals(_ref, other._ref),
            _ => Bits == other.Bits,
        };
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Value other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => Kind switch
    {
        ValueKind.String => ((VmString)_ref!).GetHashCode(),
        ValueKind.Closure => RuntimeHelpers.GetHashCode(_ref!),
        _ => HashCode.Combine(Kind, Bits),
    };

    /// <summary>Key equality, as <see cref="Equals(Value)"/>.</summary>
    public static bool operator ==(Value left, Value right) => left.Equals(right);

    /// <summary>Key inequality.</summary>
    public static bool operator !=(Value left, Value right) => !left.Equals(right);

    /// <summary>Upstream's print format (see <see cref="ValueFormatter"/>).</summary>
    public override string ToString() => ValueFormatter.Format(this);
}
