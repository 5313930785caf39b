namespace Stoffel.Stress.Binaries;

/// <summary>The ways <see cref="BinaryMutator"/> damages a binary.</summary>
public enum MutationKind
{
    /// <summary>One to eight single bits flipped.</summary>
    BitFlip,

    /// <summary>One to four bytes set to random values.</summary>
    ByteOverwrite,

    /// <summary>A boundary value (0, 0x7F, 0x80, 0xFF…, as u8, u16 or u32) written anywhere.</summary>
    BoundaryValue,

    /// <summary>A count or length field (a u16/u32 no larger than the file) rewritten: off by one, doubled, zero, all ones, the bytes left, or past them.</summary>
    LengthLie,

    /// <summary>The file cut short.</summary>
    Truncate,

    /// <summary>The front of one binary joined to the back of another (or of itself, at another point).</summary>
    Splice,

    /// <summary>Random bytes inserted.</summary>
    Insert,

    /// <summary>A range of bytes removed.</summary>
    Delete,

    /// <summary>A range of bytes repeated in place.</summary>
    Duplicate,

    /// <summary>No seed at all: random bytes, alone or behind a plausible header (magic, version, counts).</summary>
    RandomFile,
}
