using System.Buffers;
using System.Buffers.Binary;

namespace Stoffel.Vm.Formats;

/// <summary>
/// A growable little-endian byte sink for <see cref="StflWriter"/>. Values that do not fit
/// their STFL field (a name over 65,535 UTF-8 bytes, a count over u16) throw
/// <see cref="ArgumentException"/> naming the field.
/// </summary>
internal sealed class StflOutput
{
    private readonly ArrayBufferWriter<byte> _buffer = new();

    public void WriteU8(byte value) => _buffer.Write([value]);

    public void WriteU16(ushort value) => BinaryPrimitives.WriteUInt16LittleEndian(Next(2), value);

    public void WriteU32(uint value) => BinaryPrimitives.WriteUInt32LittleEndian(Next(4), value);

    public void WriteI32(int value) => BinaryPrimitives.WriteInt32LittleEndian(Next(4), value);

    public void WriteU64(ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(Next(8), value);

    public void WriteI64(long value) => BinaryPrimitives.WriteInt64LittleEndian(Next(8), value);

    public void WriteBytes(ReadOnlySpan<byte> bytes) => _buffer.Write(bytes);

    /// <summary>Writes a non-negative int as u16.</summary>
    /// <exception cref="ArgumentException">It is negative or above 65,535.</exception>
    public void WriteU16(int value, string what) =>
        WriteU16(value is >= 0 and <= ushort.MaxValue
            ? (ushort)value
            : throw new ArgumentException($"{what} {value} does not fit STFL's u16 field (0 to {ushort.MaxValue})"));

    /// <summary>Writes a non-negative int (register, constant, slot, count) as u32.</summary>
    /// <exception cref="ArgumentException">It is negative.</exception>
    public void WriteU32(int value, string what) =>
        WriteU32(value >= 0
            ? (uint)value
            : throw new ArgumentException($"{what} {value} is negative; STFL stores it as u32"));

    /// <summary>Writes a <c>str16</c>: u16 byte length, then UTF-8.</summary>
    /// <exception cref="ArgumentException">The text is over 65,535 UTF-8 bytes or holds a lone surrogate.</exception>
    public void WriteStr16(string text, string what)
    {
        var length = StflFormat.Utf8.GetByteCount(text);
        WriteU16(length, $"the UTF-8 length of {what} '{text}'");
        StflFormat.Utf8.GetBytes(text, Next(length));
    }

    /// <summary>Writes a <c>str32</c>: u32 byte length, then UTF-8; at most 16 MiB, the reader's limit.</summary>
    /// <exception cref="ArgumentException">The text is over 16 MiB in UTF-8 or holds a lone surrogate.</exception>
    public void WriteStr32(string text, string what)
    {
        var length = StflFormat.Utf8.GetByteCount(text);
        if (length > StflFormat.MaxStringBytes)
        {
            throw new ArgumentException($"{what} is {length} UTF-8 bytes, more than the {StflFormat.MaxStringBytes}-byte limit");
        }
        WriteU32((uint)length);
        StflFormat.Utf8.GetBytes(text, Next(length));
    }

    /// <summary>A copy of everything written.</summary>
    public byte[] ToArray() => _buffer.WrittenSpan.ToArray();

    /// <summary>Reserves <paramref name="count"/> bytes at the end and returns them for the caller to fill before the next write.</summary>
    private Span<byte> Next(int count)
    {
        var span = _buffer.GetSpan(count)[..count];
        _buffer.Advance(count);
        return span;
    }
}
