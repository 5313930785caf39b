using System.Buffers.Binary;
using System.Text;

namespace Stoffel.Vm.Tests.Formats;

/// <summary>
/// Hand-assembles STFL bytes for tests, independently of <c>StflWriter</c>: every field is
/// written exactly as upstream's format lays it out (<c>compiled_binary.rs</c>), so reader tests do not
/// trust the writer.
/// </summary>
internal sealed class StflBytes
{
    private readonly List<byte> _bytes = [];

    /// <summary>Starts a file: magic "STFL" and the version.</summary>
    public static StflBytes Header(ushort version) => new StflBytes().Raw("STFL"u8).U16(version);

    /// <summary>Bytes written so far.</summary>
    public int Length => _bytes.Count;

    public StflBytes Raw(ReadOnlySpan<byte> bytes)
    {
        _bytes.AddRange(bytes);
        return this;
    }

    public StflBytes U8(byte value) => Raw([value]);

    public StflBytes U16(ushort value) => Put(2, span => BinaryPrimitives.WriteUInt16LittleEndian(span, value));

    public StflBytes U32(uint value) => Put(4, span => BinaryPrimitives.WriteUInt32LittleEndian(span, value));

    public StflBytes I32(int value) => Put(4, span => BinaryPrimitives.WriteInt32LittleEndian(span, value));

    public StflBytes U64(ulong value) => Put(8, span => BinaryPrimitives.WriteUInt64LittleEndian(span, value));

    public StflBytes I64(long value) => Put(8, span => BinaryPrimitives.WriteInt64LittleEndian(span, value));

    public StflBytes Str16(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        return U16((ushort)bytes.Length).Raw(bytes);
    }

    public StflBytes Str32(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        return U32((uint)bytes.Length).Raw(bytes);
    }

    /// <summary>Appends whatever <paramref name="part"/> writes (for reusable fragments).</summary>
    public StflBytes With(Action<StflBytes> part)
    {
        part(this);
        return this;
    }

    /// <summary>
    /// A function entry. For <paramref name="version"/> 5 and up, <paramref name="types"/> writes
    /// the type metadata (default: the parameter count, <c>unknown</c> for each parameter and for
    /// the return type). <paramref name="instructions"/> writes the instruction bytes.
    /// </summary>
    public StflBytes Function(
        int version,
        string name,
        uint instructionCount,
        Action<StflBytes> instructions,
        string[]? parameters = null,
        Action<StflBytes>? types = null,
        (string Name, uint Index)[]? labels = null,
        ushort registerCount = 4,
        byte hasParent = 0,
        string? parent = null)
    {
        parameters ??= [];
        Str16(name).U16(registerCount).U16((ushort)parameters.Length);
        foreach (var parameter in parameters)
        {
            Str16(parameter);
        }
        if (version >= 5)
        {
            With(types ?? (b => UnknownTypes(b, parameters.Length)));
        }
        U16(0).U8(hasParent);
        if (parent is not null)
        {
            Str16(parent);
        }
        labels ??= [];
        U16((ushort)labels.Length);
        foreach (var (labelName, index) in labels)
        {
            Str16(labelName).U32(index);
        }
        return U32(instructionCount).With(instructions);
    }

    /// <summary>A v9 clear manifest: backend 0, curve 0, no clients, zero demand (39 bytes).</summary>
    public StflBytes ClearManifest() => U8(0).U8(0).U32(0).U64(0).U64(0).U64(0).U64(0).U8(0);

    public byte[] ToArray() => [.. _bytes];

    private static void UnknownTypes(StflBytes bytes, int parameterCount)
    {
        bytes.U16((ushort)parameterCount);
        for (var i = 0; i <= parameterCount; i++)
        {
            bytes.U8(12);
        }
    }

    private StflBytes Put(int size, SpanAction write)
    {
        Span<byte> span = stackalloc byte[8];
        write(span[..size]);
        return Raw(span[..size]);
    }

    private delegate void SpanAction(Span<byte> span);
}
