namespace Stoffel.Vm.Values;

/// <summary>
/// The kind of a <see cref="Value"/>. The set and the names follow upstream StoffelVM's clear
/// value kinds (docs/semantics.md "Value kinds"); secret shares are MPC-only
/// and not represented.
/// </summary>
public enum ValueKind : byte
{
    /// <summary>The unit value <c>()</c>; every register starts as Unit.</summary>
    Unit,
    /// <summary>A boolean.</summary>
    Bool,
    /// <summary>Signed 64-bit integer (the default integer kind).</summary>
    I64,
    /// <summary>Signed 32-bit integer.</summary>
    I32,
    /// <summary>Signed 16-bit integer.</summary>
    I16,
    /// <summary>Signed 8-bit integer.</summary>
    I8,
    /// <summary>Unsigned 8-bit integer.</summary>
    U8,
    /// <summary>Unsigned 16-bit integer.</summary>
    U16,
    /// <summary>Unsigned 32-bit integer.</summary>
    U32,
    /// <summary>Unsigned 64-bit integer.</summary>
    U64,
    /// <summary>IEEE-754 double (upstream <c>Float</c>, printed with an <c>f64</c> suffix).</summary>
    Float,
    /// <summary>An immutable Unicode string.</summary>
    String,
    /// <summary>A reference to an object table in the object store.</summary>
    Object,
    /// <summary>A reference to an array table in the object store.</summary>
    Array,
    /// <summary>A reference to a host (C#) object registered with the VM.</summary>
    Foreign,
    /// <summary>A closure: a function name plus captured upvalues.</summary>
    Closure,
}

/// <summary>Classification helpers for <see cref="ValueKind"/>.</summary>
public static class ValueKindExtensions
{
    /// <summary>True for the eight integer kinds I8..I64 and U8..U64.</summary>
    public static bool IsInteger(this ValueKind kind) => kind is >= ValueKind.I64 and <= ValueKind.U64;

    /// <summary>True for the six integer kinds narrower than 64 bits, I32 … I8 and U8 … U32.</summary>
    internal static bool IsNarrowInteger(this ValueKind kind) => kind is >= ValueKind.I32 and <= ValueKind.U32;

    /// <summary>True for the four unsigned integer kinds.</summary>
    public static bool IsUnsigned(this ValueKind kind) => kind is >= ValueKind.U8 and <= ValueKind.U64;

    /// <summary>True for integers and <see cref="ValueKind.Float"/>.</summary>
    public static bool IsNumeric(this ValueKind kind) => kind is >= ValueKind.I64 and <= ValueKind.Float;

    /// <summary>Bit width of an integer kind (8, 16, 32 or 64).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The kind is not an integer kind.</exception>
    public static int BitWidth(this ValueKind kind) => kind switch
    {
        ValueKind.I8 or ValueKind.U8 => 8,
        ValueKind.I16 or ValueKind.U16 => 16,
        ValueKind.I32 or ValueKind.U32 => 32,
        ValueKind.I64 or ValueKind.U64 => 64,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not an integer kind"),
    };

    /// <summary>
    /// The name upstream's <c>type</c> builtin returns for the kind (docs/semantics.md "Value kinds"):
    /// <c>int64 … uint8 float boolean string array object function nil</c>; foreign objects report
    /// <c>foreign</c>.
    /// </summary>
    public static string TypeName(this ValueKind kind) => kind switch
    {
        ValueKind.Unit => "nil",
        ValueKind.Bool => "boolean",
        ValueKind.I64 => "int64",
        ValueKind.I32 => "int32",
        ValueKind.I16 => "int16",
        ValueKind.I8 => "int8",
        ValueKind.U8 => "uint8",
        ValueKind.U16 => "uint16",
        ValueKind.U32 => "uint32",
        ValueKind.U64 => "uint64",
        ValueKind.Float => "float",
        ValueKind.String => "string",
        ValueKind.Object => "object",
        ValueKind.Array => "array",
        ValueKind.Foreign => "foreign",
        ValueKind.Closure => "function",
        _ => "unknown",
    };

    /// <summary>The literal suffix used by the printer and the assembler (<c>i32</c>, <c>u8</c>, …); empty for I64.</summary>
    public static string LiteralSuffix(this ValueKind kind) => kind switch
    {
        ValueKind.I32 => "i32",
        ValueKind.I16 => "i16",
        ValueKind.I8 => "i8",
        ValueKind.U8 => "u8",
        ValueKind.U16 => "u16",
        ValueKind.U32 => "u32",
        ValueKind.U64 => "u64",
        ValueKind.Float => "f64",
        _ => "",
    };
}
