namespace Stoffel.Stress.Binaries;

/// <summary>How one binary ended, and the message of its clear error when it had one.</summary>
/// <param name="Outcome">The outcome.</param>
/// <param name="Detail">The error's message (a load error) or kind (a VM error); null for <see cref="BinaryOutcome.Ran"/>.</param>
public readonly record struct BinaryVerdict(BinaryOutcome Outcome, string? Detail);
