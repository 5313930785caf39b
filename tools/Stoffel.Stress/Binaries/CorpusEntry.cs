namespace Stoffel.Stress.Binaries;

/// <summary>
/// One well-formed STFL binary the mutator starts from, with the offsets where a little-endian
/// u16 or u32 holds a value no larger than the file (the likely counts and lengths a "length
/// lie" rewrites).
/// </summary>
public sealed class CorpusEntry
{
    /// <summary>Creates the entry and finds its count-like fields.</summary>
    /// <param name="name">Where the bytes came from, for failure reports.</param>
    /// <param name="bytes">The binary.</param>
    public CorpusEntry(string name, byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        Name = name;
        Bytes = bytes;
        var u16 = new List<int>();
        var u32 = new List<int>();
        for (var offset = 0; offset + 2 <= bytes.Length; offset++)
        {
            var value16 = BitConverter.ToUInt16(bytes, offset);
            if (value16 > 0 && value16 <= bytes.Length)
            {
                u16.Add(offset);
            }
            if (offset + 4 <= bytes.Length && BitConverter.ToUInt32(bytes, offset) is > 0 and var value32 && value32 <= (uint)bytes.Length)
            {
                u32.Add(offset);
            }
        }
        CountLikeU16Offsets = u16;
        CountLikeU32Offsets = u32;
    }

    /// <summary>Where the bytes came from: a conformance file, its rewrite, or an assembled program.</summary>
    public string Name { get; }

    /// <summary>The binary's bytes (never modified: mutations copy them).</summary>
    public byte[] Bytes { get; }

    /// <summary>Offsets of u16 values in 1 .. the file's length.</summary>
    public IReadOnlyList<int> CountLikeU16Offsets { get; }

    /// <summary>Offsets of u32 values in 1 .. the file's length.</summary>
    public IReadOnlyList<int> CountLikeU32Offsets { get; }
}
