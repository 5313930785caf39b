using Stoffel.Vm.Programs;

namespace Stoffel.Vm.Formats;

/// <summary>Writes v5+ type metadata and the v9 manifest trailer.</summary>
internal static class StflMetadataWriter
{
    /// <summary>u16 type count, parameter types, return type; all <c>unknown</c> when the function has no signature.</summary>
    public static void WriteSignature(StflOutput output, CompiledFunction function)
    {
        var parameterCount = function.Parameters.Count;
        var parameterTypes = function.Signature?.Parameters ?? Enumerable.Repeat(FunctionType.Unknown, parameterCount).ToArray();
        if (parameterTypes.Count != parameterCount)
        {
            throw new ArgumentException(
                $"function '{function.Name}' has {parameterCount} parameter(s) but its signature has {parameterTypes.Count} type(s)");
        }
        output.WriteU16(parameterCount, $"the parameter count of '{function.Name}'");
        foreach (var type in parameterTypes)
        {
            WriteType(output, type);
        }
        WriteType(output, function.Signature?.Return ?? FunctionType.Unknown);
    }

    /// <summary>
    /// The v9 trailer: backend, curve, clients, demand (all-zero when the manifest has none,
    /// as for one read from a v2–v7 file).
    /// </summary>
    public static void WriteManifest(StflOutput output, ProgramManifest manifest)
    {
        output.WriteU8(manifest.Backend);
        output.WriteU8(manifest.Curve);
        output.WriteU32(manifest.Clients.Count, "the client count");
        foreach (var client in manifest.Clients)
        {
            output.WriteU64(client.Slot);
            WriteShareTypes(output, client.Inputs, "the input count");
            WriteShareTypes(output, client.Outputs, "the output count");
        }
        var demand = manifest.Demand ?? new PreprocessingDemand(0, 0, 0, 0, false);
        output.WriteU64(demand.Triples);
        output.WriteU64(demand.Randoms);
        output.WriteU64(demand.PrandBits);
        output.WriteU64(demand.PrandInts);
        output.WriteU8(demand.Dynamic ? (byte)1 : (byte)0);
    }

    /// <summary>A tag byte and the tag's payload, recursively.</summary>
    /// <exception cref="ArgumentException">An undefined tag, a zero bit width or a wrong number of nested types.</exception>
    private static void WriteType(StflOutput output, FunctionType type)
    {
        output.WriteU8((byte)type.Tag);
        switch (type.Tag)
        {
            case FunctionTypeTag.Integer:
                output.WriteU8(type.Signed ? (byte)1 : (byte)0);
                WriteBits(output, type);
                break;
            case FunctionTypeTag.Fixed:
                WriteBits(output, type);
                break;
            case FunctionTypeTag.Secret or FunctionTypeTag.List or FunctionTypeTag.Dict:
                WriteChildren(output, type, type.Tag == FunctionTypeTag.Dict ? 2 : 1);
                break;
            case FunctionTypeTag.Object or FunctionTypeTag.TypeVariable:
                output.WriteStr16(type.Name ?? "", "a type name");
                break;
            case FunctionTypeTag.Generic:
                output.WriteStr16(type.Name ?? "", "a generic type name");
                var arguments = type.Children ?? [];
                output.WriteU16(arguments.Count, "the generic argument count");
                WriteChildren(output, type, arguments.Count);
                break;
            case FunctionTypeTag.Float or FunctionTypeTag.String or FunctionTypeTag.Bool or FunctionTypeTag.Nil
                or FunctionTypeTag.Void or FunctionTypeTag.Unknown or FunctionTypeTag.Fix64:
                break;
            default:
                throw new ArgumentException($"undefined type tag {(byte)type.Tag} (expected 0 to 14)");
        }
    }

    private static void WriteBits(StflOutput output, FunctionType type) =>
        output.WriteU8(type.Bits != 0 ? type.Bits : throw new ArgumentException($"a {type.Tag} type needs a non-zero bit width"));

    private static void WriteChildren(StflOutput output, FunctionType type, int expected)
    {
        var children = type.Children ?? [];
        if (children.Count != expected)
        {
            throw new ArgumentException($"a {type.Tag} type needs {expected} nested type(s), this one has {children.Count}");
        }
        foreach (var child in children)
        {
            WriteType(output, child);
        }
    }

    private static void WriteShareTypes(StflOutput output, IReadOnlyList<ShareType> types, string countName)
    {
        output.WriteU32(types.Count, countName);
        foreach (var type in types)
        {
            output.WriteU8(type.Tag);
            switch ((StflShareTag)type.Tag)
            {
                case StflShareTag.SecretInt or StflShareTag.SecretUInt:
                    output.WriteU32(type.Bits);
                    break;
                case StflShareTag.SecretFixedPoint:
                    output.WriteU32(type.Bits);
                    output.WriteU32(type.FractionalBits);
                    break;
                default:
                    throw new ArgumentException($"unknown share type tag {type.Tag} (expected 0 to 2)");
            }
        }
    }
}
