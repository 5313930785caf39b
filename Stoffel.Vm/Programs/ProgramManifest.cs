namespace Stoffel.Vm.Programs;

/// <summary>
/// The STFL v2+ manifest trailer (upstream <c>compiled_binary.rs</c>): MPC backend, curve, client
/// IO and preprocessing demand. This VM runs clear programs only; the manifest is parsed, kept for
/// round trips and consulted to tell whether a program needs MPC.
/// </summary>
/// <param name="Backend">0 = HoneyBadger, 1 = AVSS.</param>
/// <param name="Curve">0 = BLS12-381 … 5 = secp256r1.</param>
/// <param name="Clients">Client input/output declarations.</param>
/// <param name="Demand">Preprocessing demand (v8+), or null.</param>
public sealed record ProgramManifest(
    byte Backend,
    byte Curve,
    IReadOnlyList<ClientIo> Clients,
    PreprocessingDemand? Demand)
{
    /// <summary>The manifest today's compiler writes for a clear program: defaults, no clients, zero demand.</summary>
    public static ProgramManifest Clear { get; } = new(0, 0, [], new PreprocessingDemand(0, 0, 0, 0, false));
}

/// <summary>One client's declared inputs and outputs.</summary>
/// <param name="Slot">The client slot.</param>
/// <param name="Inputs">Share types the client provides.</param>
/// <param name="Outputs">Share types the client receives.</param>
public sealed record ClientIo(ulong Slot, IReadOnlyList<ShareType> Inputs, IReadOnlyList<ShareType> Outputs);

/// <summary>A secret share type in the manifest: tag 0 SecretInt, 1 SecretFixedPoint, 2 SecretUInt.</summary>
/// <param name="Tag">The share tag.</param>
/// <param name="Bits">Bit length (int/uint) or total bits (fixed point).</param>
/// <param name="FractionalBits">Fractional bits for fixed point, else 0.</param>
public sealed record ShareType(byte Tag, uint Bits, uint FractionalBits);

/// <summary>Preprocessing demand (v8+). <c>Dynamic</c> is set for any recursive program and does not by itself mean MPC.</summary>
/// <param name="Triples">Beaver triples.</param>
/// <param name="Randoms">Random shares.</param>
/// <param name="PrandBits">Pseudo-random bits.</param>
/// <param name="PrandInts">Pseudo-random integers.</param>
/// <param name="Dynamic">Whether demand is data-dependent.</param>
public sealed record PreprocessingDemand(ulong Triples, ulong Randoms, ulong PrandBits, ulong PrandInts, bool Dynamic);
