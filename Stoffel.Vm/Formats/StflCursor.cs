using System.Buffers.Binary;
using System.Text;
using Stoffel.Vm.Programs;

namespace Stoffel.Vm.Formats;

/// <summary>
/// A forward-only little-endian reader over an STFL byte span. Every read checks the bytes that
/// remain first, and every count is checked against them before the caller allocates, so a
/// hostile file fails with a <see cref="ProgramLoadException"/> naming the field and its byte
/// offset instead of throwing something else or allocating gigabytes.
/// </summary>
internal ref struct StflCursor
{
    private readonly ReadOnlySpan<byte> _data;
    private string? _itemNoun;
    private int _itemIndex;

    public StflCursor(ReadOnlySpan<byte> data) => _data = data;

    /// <summary>The offset of the next byte to read.</summary>
    public int Position { get; private set; }

    /// <summary>Bytes left after <see cref="Position"/>.</summary>
    public readonly int Remaining => _data.Length - Position;

    /// <summary>
    /// The part of the file being read, with its preposition, e.g. <c> of function 'main'</c>;
    /// appended to every error message.
    /// </summary>
    public string Section { get; set; } = "";

    /// <summary>Names the item being read (e.g. instruction 5) in error messages until <see cref="LeaveItem"/>.</summary>
    public void EnterItem(string noun, int index)
    {
        _itemNoun = noun;
        _itemIndex = index;
    }

    /// <summary>Stops naming an item in error messages.</summary>
    public void LeaveItem() => _itemNoun = null;

    /// <summary>Up to <paramref name="count"/> bytes from <see cref="Position"/>, without advancing.</summary>
    public readonly ReadOnlySpan<byte> Peek(int count) => _data.Slice(Position, Math.Min(count, Remaining));

    public byte ReadU8(string what) => Take(1, what)[0];

    public ushort ReadU16(string what) => BinaryPrimitives.ReadUInt16LittleEndian(Take(2, what));

    public uint ReadU32(string what) => BinaryPrimitives.ReadUInt32LittleEndian(Take(4, what));

    public int ReadI32(string what) => BinaryPrimitives.ReadInt32LittleEndian(Take(4, what));

    public ulong ReadU64(string what) => BinaryPrimitives.ReadUInt64LittleEndian(Take(8, what));

    public long ReadI64(string what) => BinaryPrimitives.ReadInt64LittleEndian(Take(8, what));

    /// <summary>Reads a u32 index (register, constant, slot, label target) that must fit an <see cref="int"/>.</summary>
    public int ReadIndex(string what)
    {
        var offset = Position;
        var value = ReadU32(what);
        return value <= int.MaxValue
            ? (int)value
            : throw Error($"{what} {value} is out of range (at most {int.MaxValue})", offset);
    }

    /// <summary>Reads a u16 count of items that take at least <paramref name="minItemBytes"/> each.</summary>
    public int ReadCount16(string what, int minItemBytes)
    {
        var offset = Position;
        return CheckCount(ReadU16(what), what, minItemBytes, offset);
    }

    /// <summary>Reads a u32 count, at most <paramref name="limit"/>, of items that take at least <paramref name="minItemBytes"/> each.</summary>
    public int ReadCount32(string what, int limit, int minItemBytes)
    {
        var offset = Position;
        var count = ReadU32(what);
        if (count > (uint)limit)
        {
            throw Error($"{what} {count} exceeds the limit of {limit}", offset);
        }
        return CheckCount((int)count, what, minItemBytes, offset);
    }

    /// <summary>Reads a <c>str16</c>: u16 byte length, then strict UTF-8.</summary>
    public string ReadStr16(string what)
    {
        var offset = Position;
        int length = ReadU16(what + " length");
        return Decode(Take(length, what), what, offset);
    }

    /// <summary>Reads a <c>str32</c>: u32 byte length (at most <paramref name="maxBytes"/>), then strict UTF-8.</summary>
    public string ReadStr32(string what, int maxBytes)
    {
        var offset = Position;
        var length = ReadU32(what + " length");
        if (length > (uint)maxBytes)
        {
            throw Error($"{what} is {length} bytes long, more than the limit of {maxBytes} bytes", offset);
        }
        return Decode(Take((int)length, what), what, offset);
    }

    /// <summary>An error about the field at <paramref name="offset"/>, naming the current item and section.</summary>
    public readonly ProgramLoadException Error(string message, int offset) =>
        new($"{message}{Where()} at offset 0x{offset:X}");

    private ReadOnlySpan<byte> Take(int count, string what)
    {
        if (count > Remaining)
        {
            throw new ProgramLoadException(
                $"truncated file: expected {count} bytes for {what}{Where()} at offset 0x{Position:X}, {Remaining} remain");
        }
        var span = _data.Slice(Position, count);
        Position += count;
        return span;
    }

    private readonly int CheckCount(int count, string what, int minItemBytes, int offset)
    {
        if ((long)count * minItemBytes > Remaining)
        {
            throw new ProgramLoadException(
                $"truncated file: {what} {count}{Where()} at offset 0x{offset:X} needs at least {(long)count * minItemBytes} bytes, {Remaining} remain");
        }
        return count;
    }

    private readonly string Decode(ReadOnlySpan<byte> bytes, string what, int offset)
    {
        try
        {
            return StflFormat.Utf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw Error($"invalid UTF-8 in {what}", offset);
        }
    }

    private readonly string Where() => _itemNoun is null ? Section : $" of {_itemNoun} {_itemIndex}{Section}";
}
