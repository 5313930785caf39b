namespace Stoffel.Stress.Binaries;

/// <summary>One mutated binary and how it was made.</summary>
/// <param name="Bytes">The damaged binary.</param>
/// <param name="Description">Its seed binary and the mutations applied, in order: <c>fib.stfa assembled: LengthLie u32@0x1D 7→8; Truncate to 93</c>.</param>
/// <param name="Kinds">The mutations applied, in order.</param>
public sealed record MutatedBinary(byte[] Bytes, string Description, IReadOnlyList<MutationKind> Kinds);
