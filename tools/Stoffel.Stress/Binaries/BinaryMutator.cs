using System.Buffers.Binary;
using System.Globalization;

namespace Stoffel.Stress.Binaries;

/// <summary>
/// Makes damaged STFL binaries from a <see cref="BinaryCorpus"/>: one to three
/// <see cref="MutationKind"/>s applied to a seed binary, or (one case in twelve) a file of random
/// bytes. Deterministic: the same <see cref="Random"/> state gives the same binary.
/// </summary>
public sealed class BinaryMutator(BinaryCorpus corpus)
{
    private static readonly MutationKind[] SeedMutations =
    [
        MutationKind.BitFlip, MutationKind.ByteOverwrite, MutationKind.BoundaryValue, MutationKind.LengthLie,
        MutationKind.LengthLie, MutationKind.Truncate, MutationKind.Splice, MutationKind.Insert,
        MutationKind.Delete, MutationKind.Duplicate,
    ];

    private static readonly uint[] BoundaryValues = [0, 1, 0x7F, 0x80, 0xFF, 0x7FFF, 0x8000, 0xFFFF, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFF];

    /// <summary>The binaries mutations start from.</summary>
    public BinaryCorpus Corpus { get; } = corpus ?? throw new ArgumentNullException(nameof(corpus));

    /// <summary>The next damaged binary <paramref name="random"/> chooses.</summary>
    public MutatedBinary Next(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (random.Next(12) == 0)
        {
            return RandomFile(random);
        }
        var entry = Corpus.Entries[random.Next(Corpus.Entries.Count)];
        var bytes = entry.Bytes;
        var steps = new List<string>();
        var kinds = new List<MutationKind>();
        for (var count = 1 + random.Next(3); count > 0; count--)
        {
            var kind = SeedMutations[random.Next(SeedMutations.Length)];
            (bytes, var step) = Apply(kind, bytes, entry, random);
            kinds.Add(kind);
            steps.Add(step);
        }
        return new MutatedBinary(bytes, $"{entry.Name}: {string.Join("; ", steps)}", kinds);
    }

    private (byte[] Bytes, string Step) Apply(MutationKind kind, byte[] input, CorpusEntry entry, Random random)
    {
        if (input.Length == 0)
        {
            var grown = new byte[1 + random.Next(16)];
            random.NextBytes(grown);
            return (grown, $"{kind} of an empty file: {grown.Length} random bytes");
        }
        var bytes = (byte[])input.Clone();
        switch (kind)
        {
            case MutationKind.BitFlip:
                var flips = 1 + random.Next(8);
                for (var i = 0; i < flips; i++)
                {
                    bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
                }
                return (bytes, $"BitFlip ×{flips}");
            case MutationKind.ByteOverwrite:
                var at = random.Next(bytes.Length);
                var width = Math.Min(1 + random.Next(4), bytes.Length - at);
                random.NextBytes(bytes.AsSpan(at, width));
                return (bytes, Invariant($"ByteOverwrite {width}@0x{at:X}"));
            case MutationKind.BoundaryValue:
                return BoundaryValue(bytes, random);
            case MutationKind.LengthLie:
                return LengthLie(bytes, entry, random);
            case MutationKind.Truncate:
                var length = random.Next(bytes.Length);
                return (bytes[..length], Invariant($"Truncate to {length}"));
            case MutationKind.Splice:
                var other = Corpus.Entries[random.Next(Corpus.Entries.Count)];
                var cut = random.Next(bytes.Length + 1);
                var from = random.Next(other.Bytes.Length + 1);
                return ([.. bytes.AsSpan(0, cut), .. other.Bytes.AsSpan(from)], Invariant($"Splice 0x{cut:X} + {other.Name}@0x{from:X}"));
            case MutationKind.Insert:
                var inserted = new byte[1 + random.Next(random.Next(2) == 0 ? 4 : 64)];
                random.NextBytes(inserted);
                var where = random.Next(bytes.Length + 1);
                return ([.. bytes.AsSpan(0, where), .. inserted, .. bytes.AsSpan(where)], Invariant($"Insert {inserted.Length}@0x{where:X}"));
            case MutationKind.Delete:
                var start = random.Next(bytes.Length);
                var removed = 1 + random.Next(Math.Min(64, bytes.Length - start));
                return ([.. bytes.AsSpan(0, start), .. bytes.AsSpan(start + removed)], Invariant($"Delete {removed}@0x{start:X}"));
            case MutationKind.Duplicate:
                var first = random.Next(bytes.Length);
                var span = 1 + random.Next(Math.Min(64, bytes.Length - first));
                return ([.. bytes.AsSpan(0, first + span), .. bytes.AsSpan(first)], Invariant($"Duplicate {span}@0x{first:X}"));
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a seed mutation");
        }
    }

    private static (byte[] Bytes, string Step) BoundaryValue(byte[] bytes, Random random)
    {
        var value = BoundaryValues[random.Next(BoundaryValues.Length)];
        var width = new[] { 1, 2, 4 }[random.Next(3)];
        var at = random.Next(bytes.Length);
        Write(bytes, at, width, value);
        return (bytes, Invariant($"BoundaryValue u{width * 8}@0x{at:X} = 0x{value:X}"));
    }

    private static (byte[] Bytes, string Step) LengthLie(byte[] bytes, CorpusEntry entry, Random random)
    {
        var wide = random.Next(2) == 0;
        var candidates = (wide ? entry.CountLikeU32Offsets : entry.CountLikeU16Offsets).Where(o => o + (wide ? 4 : 2) <= bytes.Length).ToList();
        if (candidates.Count == 0)
        {
            return BoundaryValue(bytes, random);
        }
        var at = candidates[random.Next(candidates.Count)];
        var width = wide ? 4 : 2;
        var original = wide ? BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at)) : BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(at));
        var left = (uint)(bytes.Length - at - width);
        var lie = random.Next(9) switch
        {
            0 => original + 1,
            1 => original - 1,
            2 => original * 2,
            3 => 0u,
            4 => uint.MaxValue,
            5 => left,
            6 => left + 1,
            7 => original + (uint)random.Next(2, 64),
            _ => (uint)random.Next(),
        };
        Write(bytes, at, width, lie);
        return (bytes, Invariant($"LengthLie u{width * 8}@0x{at:X} {original}→{(wide ? lie : (ushort)lie)}"));
    }

    /// <summary>Random bytes alone, or behind the magic and a version (0–9), with random counts or with one empty constant pool and one function.</summary>
    private static MutatedBinary RandomFile(Random random)
    {
        var tail = new byte[random.Next(0, 96)];
        random.NextBytes(tail);
        var shape = random.Next(3);
        byte[] bytes = shape switch
        {
            0 => tail,
            1 => [.. "STFL"u8, (byte)random.Next(0, 10), 0, (byte)random.Next(1, 9), 0, 0, 0, .. tail],
            _ => [.. "STFL"u8, (byte)random.Next(0, 10), 0, 0, 0, 0, 0, 1, 0, 0, 0, .. tail],
        };
        var what = shape switch { 0 => "random bytes", 1 => "header and random counts", _ => "header, no constants, one function" };
        return new MutatedBinary(bytes, Invariant($"RandomFile: {what}, {bytes.Length} bytes"), [MutationKind.RandomFile]);
    }

    private static void Write(byte[] bytes, int at, int width, uint value)
    {
        var room = Math.Min(width, bytes.Length - at);
        Span<byte> little = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(little, value);
        little[..room].CopyTo(bytes.AsSpan(at));
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
