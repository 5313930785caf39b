namespace Stoffel.Vm.Programs;

/// <summary>
/// A StoffelLang type from STFL v5+ per-function type metadata (upstream
/// <c>compiled_binary.rs</c>). Purely informational for execution; kept so that a program read from
/// v5+ writes back unchanged and so the debugger can show declared types.
/// </summary>
/// <param name="Tag">The type tag.</param>
/// <param name="Signed">For <see cref="FunctionTypeTag.Integer"/>: signedness.</param>
/// <param name="Bits">For Integer and <see cref="FunctionTypeTag.Fixed"/>: the width in bits (never 0).</param>
/// <param name="Name">For Object, Generic and TypeVariable: the name.</param>
/// <param name="Children">Nested types: Secret/List one, Dict two, Generic any number.</param>
public sealed record FunctionType(
    FunctionTypeTag Tag,
    bool Signed = false,
    byte Bits = 0,
    string? Name = null,
    IReadOnlyList<FunctionType>? Children = null)
{
    /// <summary>The <c>unknown</c> type (tag 12).</summary>
    public static FunctionType Unknown { get; } = new(FunctionTypeTag.Unknown);

    /// <summary>Readable form, e.g. <c>int64</c>, <c>list[uint8]</c>, <c>obj:Closure</c>.</summary>
    public override string ToString() => Tag switch
    {
        FunctionTypeTag.Integer => (Signed ? "int" : "uint") + Bits,
        FunctionTypeTag.Float => "float",
        FunctionTypeTag.String => "string",
        FunctionTypeTag.Bool => "bool",
        FunctionTypeTag.Nil => "nil",
        FunctionTypeTag.Void => "void",
        FunctionTypeTag.Secret => $"secret {Children![0]}",
        FunctionTypeTag.List => $"list[{Children![0]}]",
        FunctionTypeTag.Dict => $"dict[{Children![0]}, {Children[1]}]",
        FunctionTypeTag.Object => "obj:" + Name,
        FunctionTypeTag.Generic => $"{Name}[{string.Join(", ", Children ?? [])}]",
        FunctionTypeTag.TypeVariable => Name ?? "?",
        FunctionTypeTag.Fix64 => "fix64",
        FunctionTypeTag.Fixed => "fix" + Bits,
        _ => "unknown",
    };
}

/// <summary>FunctionType tags 0–14.</summary>
public enum FunctionTypeTag : byte
{
    /// <summary>Integer with signedness and width.</summary>
    Integer = 0,
    /// <summary>Float.</summary>
    Float = 1,
    /// <summary>String.</summary>
    String = 2,
    /// <summary>Bool.</summary>
    Bool = 3,
    /// <summary>Nil (None).</summary>
    Nil = 4,
    /// <summary>Void.</summary>
    Void = 5,
    /// <summary>Secret T.</summary>
    Secret = 6,
    /// <summary>list[T].</summary>
    List = 7,
    /// <summary>dict[K, V].</summary>
    Dict = 8,
    /// <summary>Named object type.</summary>
    Object = 9,
    /// <summary>Generic with type arguments.</summary>
    Generic = 10,
    /// <summary>Type variable.</summary>
    TypeVariable = 11,
    /// <summary>Unknown.</summary>
    Unknown = 12,
    /// <summary>fix64 (v6+).</summary>
    Fix64 = 13,
    /// <summary>Fixed-point with a width (v7+).</summary>
    Fixed = 14,
}

/// <summary>Declared parameter and return types of a function (STFL v5+).</summary>
/// <param name="Parameters">One type per parameter.</param>
/// <param name="Return">The return type.</param>
public sealed record FunctionSignature(IReadOnlyList<FunctionType> Parameters, FunctionType Return);
