namespace Stoffel.Stress.Dap;

/// <summary>One message of fuzzed DAP traffic: the bytes to send, written piece by piece.</summary>
/// <param name="Kind">What it is, for the run's figures (<c>plausible request</c>, <c>stray bytes</c>, …).</param>
/// <param name="Pieces">The bytes, as separate writes (a frame split across writes has several).</param>
/// <param name="BreaksFraming">True for input that is not a well-framed message (stray bytes, a bad header, a short body).</param>
public sealed record DapMessage(string Kind, IReadOnlyList<byte[]> Pieces, bool BreaksFraming);
