using System.Text;

namespace Stoffel.Vm.Formats;

/// <summary>
/// Constants of the STFL binary format shared by <see cref="StflReader"/> and
/// <see cref="StflWriter"/>: magic, version gates, reader limits and the smallest encoded size of
/// each repeated item, as upstream lays the format out (upstream <c>compiled_binary.rs</c>).
/// </summary>
internal static class StflFormat
{
    /// <summary>The four magic bytes <c>"STFL"</c>.</summary>
    public static ReadOnlySpan<byte> Magic => "STFL"u8;

    /// <summary>The newest version this VM reads and the one the writer uses when v1 is not enough.</summary>
    public const int LatestVersion = 9;

    /// <summary>The oldest version; version 0 is read like this one.</summary>
    public const int FirstVersion = 1;

    /// <summary>First version with the manifest trailer (client IO).</summary>
    public const int ManifestVersion = 2;

    /// <summary>First version whose manifest starts with the MPC backend byte.</summary>
    public const int BackendVersion = 3;

    /// <summary>First version whose manifest has the MPC curve byte.</summary>
    public const int CurveVersion = 4;

    /// <summary>First version with per-function type metadata.</summary>
    public const int TypeMetadataVersion = 5;

    /// <summary>First version whose manifest ends with the preprocessing demand.</summary>
    public const int DemandVersion = 8;

    /// <summary>Most constants, functions, clients or share types a file may declare.</summary>
    public const int MaxCollectionCount = 1_000_000;

    /// <summary>Most instructions one function may declare.</summary>
    public const int MaxInstructionCount = 8_000_000;

    /// <summary>Longest string constant, in UTF-8 bytes (16 MiB).</summary>
    public const int MaxStringBytes = 16 * 1024 * 1024;

    /// <summary>Deepest nesting of FunctionTypes accepted; keeps a hostile file from overflowing the stack.</summary>
    public const int MaxTypeDepth = 64;

    /// <summary>Highest MPC backend tag (1 = AVSS).</summary>
    public const byte MaxBackendTag = 1;

    /// <summary>Highest MPC curve tag (5 = secp256r1).</summary>
    public const byte MaxCurveTag = 5;

    /// <summary>Smallest constant: a tag byte (Unit).</summary>
    public const int MinConstantBytes = 1;

    /// <summary>Smallest string: its length prefix (str16).</summary>
    public const int MinStr16Bytes = 2;

    /// <summary>Smallest function entry before v5: empty name, register, parameter, upvalue, parent, label and instruction fields.</summary>
    public const int MinFunctionBytes = 2 + 2 + 2 + 2 + 1 + 2 + 4;

    /// <summary>Extra bytes a v5+ function entry needs at least: the type count and the return type tag.</summary>
    public const int MinTypeMetadataBytes = 2 + 1;

    /// <summary>Smallest FunctionType: one tag byte.</summary>
    public const int MinFunctionTypeBytes = 1;

    /// <summary>Smallest label: empty name and the u32 index.</summary>
    public const int MinLabelBytes = 2 + 4;

    /// <summary>Smallest instruction: NOP's opcode byte.</summary>
    public const int MinInstructionBytes = 1;

    /// <summary>Smallest client record: slot and two empty share-type lists.</summary>
    public const int MinClientBytes = 8 + 4 + 4;

    /// <summary>Smallest share type: tag and one u32.</summary>
    public const int MinShareTypeBytes = 1 + 4;

    /// <summary>Strict UTF-8: no byte-order mark, invalid bytes throw.</summary>
    public static UTF8Encoding Utf8 { get; } = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
}

/// <summary>Constant-pool value tags 0–11, the same at every version.</summary>
internal enum StflValueTag : byte
{
    Unit = 0,
    I64 = 1,
    I32 = 2,
    I16 = 3,
    I8 = 4,
    U8 = 5,
    U16 = 6,
    U32 = 7,
    U64 = 8,
    Float = 9,
    Bool = 10,
    String = 11,
}

/// <summary>Manifest share-type tags.</summary>
internal enum StflShareTag : byte
{
    SecretInt = 0,
    SecretFixedPoint = 1,
    SecretUInt = 2,
}
