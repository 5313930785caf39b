using Stoffel.Vm.Formats;
using Stoffel.Vm.Programs;

namespace Stoffel.Vm.Tests.Formats;

/// <summary>The v2+ manifest trailer on hand-assembled files.</summary>
[TestClass]
public sealed class StflManifestTests
{
    /// <summary>Clients with every share type and the v8 demand are read; clients make the program MPC.</summary>
    [TestMethod]
    public void ClientsAndDemandAreRead()
    {
        var bytes = EmptyProgram(8).U8(1).U8(5).U32(2)
            .U64(3).U32(2).U8(0).U32(1).U8(1).U32(64).U32(16).U32(1).U8(2).U32(32)
            .U64(ulong.MaxValue).U32(0).U32(0)
            .U64(10).U64(20).U64(30).U64(40).U8(0)
            .ToArray();

        var program = StflReader.Read(bytes);

        var manifest = program.Manifest!;
        Assert.AreEqual(1, manifest.Backend);
        Assert.AreEqual(5, manifest.Curve);
        Assert.HasCount(2, manifest.Clients);
        Assert.AreEqual(3UL, manifest.Clients[0].Slot);
        CollectionAssert.AreEqual(new[] { new ShareType(0, 1, 0), new ShareType(1, 64, 16) }, manifest.Clients[0].Inputs.ToList());
        CollectionAssert.AreEqual(new[] { new ShareType(2, 32, 0) }, manifest.Clients[0].Outputs.ToList());
        Assert.AreEqual(ulong.MaxValue, manifest.Clients[1].Slot);
        Assert.AreEqual(new PreprocessingDemand(10, 20, 30, 40, false), manifest.Demand);
        Assert.IsTrue(program.RequiresMpc);
    }

    /// <summary>A v2 manifest has neither backend nor curve byte: it starts with the client count.</summary>
    [TestMethod]
    public void V2ManifestStartsWithTheClientCount()
    {
        var bytes = EmptyProgram(2).U32(1).U64(9).U32(0).U32(0).ToArray();

        var manifest = StflReader.Read(bytes).Manifest!;

        Assert.AreEqual(0, manifest.Backend);
        Assert.AreEqual(9UL, manifest.Clients.Single().Slot);
    }

    /// <summary>Unknown backend, curve and share tags and impossible share widths are errors.</summary>
    [TestMethod]
    [DataRow(new byte[] { 2, 0, 0, 0, 0, 0 }, "unknown tag 2 for the MPC backend (expected 0 to 1) in the manifest at offset 0xE")]
    [DataRow(new byte[] { 0, 6, 0, 0, 0, 0 }, "unknown tag 6 for the MPC curve (expected 0 to 5) in the manifest at offset 0xF")]
    [DataRow(new byte[] { 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 3, 0, 0, 0, 0 },
        "unknown share type tag 3 (expected 0 to 2) of client 0 in the manifest at offset 0x20")]
    [DataRow(new byte[] { 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0 },
        "share type SecretInt has bit length 0 of client 0 in the manifest at offset 0x20")]
    [DataRow(new byte[] { 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 0 },
        "share type SecretUInt has bit length 0 of client 0 in the manifest at offset 0x20")]
    [DataRow(new byte[] { 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 8, 0, 0, 0 },
        "share type SecretFixedPoint has 8 total and 8 fractional bits (need 0 <= fractional < total) of client 0 in the manifest at offset 0x20")]
    public void InvalidManifestIsAnError(byte[] trailer, string message)
    {
        var bytes = EmptyProgram(4).Raw(trailer).ToArray();

        var error = Assert.ThrowsExactly<ProgramLoadException>(() => StflReader.Read(bytes));

        Assert.AreEqual(message, error.Message);
    }

    /// <summary>Header, no constants, no functions: the manifest starts at offset 0xE.</summary>
    private static StflBytes EmptyProgram(ushort version) => StflBytes.Header(version).U32(0).U32(0);
}
