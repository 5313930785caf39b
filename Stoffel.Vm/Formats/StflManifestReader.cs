using Stoffel.Vm.Programs;

namespace Stoffel.Vm.Formats;

/// <summary>Reads the v2+ manifest trailer: backend, curve, client IO and demand.</summary>
internal static class StflManifestReader
{
    /// <summary>Reads the trailer with the fields <paramref name="version"/> has; absent bytes take upstream's defaults (0).</summary>
    public static ProgramManifest Read(ref StflCursor cursor, int version)
    {
        cursor.Section = " in the manifest";
        var backend = version >= StflFormat.BackendVersion
            ? ReadTag(ref cursor, "the MPC backend", StflFormat.MaxBackendTag)
            : (byte)0;
        var curve = version >= StflFormat.CurveVersion
            ? ReadTag(ref cursor, "the MPC curve", StflFormat.MaxCurveTag)
            : (byte)0;
        var clients = ReadClients(ref cursor);
        var demand = version >= StflFormat.DemandVersion ? ReadDemand(ref cursor) : null;
        return new ProgramManifest(backend, curve, clients, demand);
    }

    private static byte ReadTag(ref StflCursor cursor, string what, byte max)
    {
        var offset = cursor.Position;
        var tag = cursor.ReadU8(what);
        return tag <= max ? tag : throw cursor.Error($"unknown tag {tag} for {what} (expected 0 to {max})", offset);
    }

    private static List<ClientIo> ReadClients(ref StflCursor cursor)
    {
        var count = cursor.ReadCount32("the client count", StflFormat.MaxCollectionCount, StflFormat.MinClientBytes);
        var clients = new List<ClientIo>(count);
        for (var i = 0; i < count; i++)
        {
            cursor.EnterItem("client", i);
            var slot = cursor.ReadU64("the client slot");
            var inputs = ReadShareTypes(ref cursor, "the input count");
            var outputs = ReadShareTypes(ref cursor, "the output count");
            clients.Add(new ClientIo(slot, inputs, outputs));
        }
        cursor.LeaveItem();
        return clients;
    }

    private static List<ShareType> ReadShareTypes(ref StflCursor cursor, string countName)
    {
        var count = cursor.ReadCount32(countName, StflFormat.MaxCollectionCount, StflFormat.MinShareTypeBytes);
        var types = new List<ShareType>(count);
        for (var i = 0; i < count; i++)
        {
            types.Add(ReadShareType(ref cursor));
        }
        return types;
    }

    /// <summary>Tag 0 SecretInt / 2 SecretUInt: u32 bit length, not 0; tag 1 SecretFixedPoint: u32 total bits, not 0, and u32 fractional bits below the total.</summary>
    private static ShareType ReadShareType(ref StflCursor cursor)
    {
        var offset = cursor.Position;
        var tag = (StflShareTag)cursor.ReadU8("the share type tag");
        switch (tag)
        {
            case StflShareTag.SecretInt or StflShareTag.SecretUInt:
                var bits = cursor.ReadU32("the share bit length");
                return bits != 0
                    ? new ShareType((byte)tag, bits, 0)
                    : throw cursor.Error($"share type {tag} has bit length 0", offset);
            case StflShareTag.SecretFixedPoint:
                var total = cursor.ReadU32("the fixed-point total bits");
                var fractional = cursor.ReadU32("the fixed-point fractional bits");
                return total != 0 && fractional < total
                    ? new ShareType((byte)tag, total, fractional)
                    : throw cursor.Error($"share type SecretFixedPoint has {total} total and {fractional} fractional bits (need 0 <= fractional < total)", offset);
            default:
                throw cursor.Error($"unknown share type tag {(byte)tag} (expected 0 to 2)", offset);
        }
    }

    private static PreprocessingDemand ReadDemand(ref StflCursor cursor)
    {
        var triples = cursor.ReadU64("the triple demand");
        var randoms = cursor.ReadU64("the random-share demand");
        var bits = cursor.ReadU64("the random-bit demand");
        var ints = cursor.ReadU64("the random-integer demand");
        var dynamic = cursor.ReadU8("the dynamic-demand flag") != 0;
        return new PreprocessingDemand(triples, randoms, bits, ints, dynamic);
    }
}
