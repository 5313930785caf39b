using Stoffel.Vm.Programs;
using Stoffel.Vm.Values;

namespace Stoffel.Vm.Formats;

/// <summary>
/// Reads STFL binaries (<c>.stflb</c>) of versions 1 to 9, as written by upstream Stoffel's
/// compiler and by <see cref="StflWriter"/>, into a linked <see cref="StoffelProgram"/>.
/// The byte layout and every version gate follow upstream's reader (<c>compiled_binary.rs</c>):
/// a manifest trailer from v2 (its backend byte from v3, curve byte from v4, demand from v8),
/// per-function type metadata from v5; newer tags and opcodes are accepted at any version.
/// </summary>
/// <remarks>
/// Every length and count is checked against the bytes that remain before anything is
/// allocated, so truncated or hostile input fails fast. Errors name the field and its byte
/// offset. Bytes after the end of the data are ignored, as upstream does.
/// </remarks>
public static class StflReader
{
    /// <summary>Reads a program from the bytes of an STFL file.</summary>
    /// <param name="data">The whole file: magic <c>"STFL"</c>, u16 version, constant pool, function table and, for v2+, the manifest trailer.</param>
    /// <returns>
    /// The linked program. Its <see cref="StoffelProgram.FormatVersion"/> is the version read
    /// (version 0 is read, and reported, as version 1); <see cref="StoffelProgram.Manifest"/> is
    /// null before v2; <see cref="CompiledFunction.Signature"/> is null before v5. Identical
    /// duplicate functions are dropped, as upstream does.
    /// </returns>
    /// <exception cref="ProgramLoadException">
    /// The data is not a Stoffel binary, has a version above 9, is truncated, exceeds a reader
    /// limit (1,000,000 constants, functions, clients or share types; 8,000,000 instructions per
    /// function; 16 MiB per string constant), holds an unknown tag or opcode, invalid UTF-8, an
    /// operand above <see cref="int.MaxValue"/>, or fails to link (see <see cref="ProgramBuilder.Build"/>).
    /// </exception>
    public static StoffelProgram Read(ReadOnlySpan<byte> data)
    {
        var cursor = new StflCursor(data);
        var version = ReadHeader(ref cursor);
        var constants = ReadConstants(ref cursor);
        var functions = ReadFunctions(ref cursor, version);
        var manifest = version >= StflFormat.ManifestVersion ? StflManifestReader.Read(ref cursor, version) : null;
        return ProgramBuilder.Build(constants, functions, version, manifest);
    }

    /// <summary>Reads the STFL file at <paramref name="path"/>; see <see cref="Read"/>.</summary>
    /// <param name="path">Path of a <c>.stflb</c> file.</param>
    /// <returns>The linked program.</returns>
    /// <exception cref="ProgramLoadException">
    /// As <see cref="Read"/>, each message prefixed with <c>path: </c>; or the file cannot be read
    /// (<see cref="ProgramFileReader.ReadAllBytes(string)"/>).
    /// </exception>
    public static StoffelProgram ReadFile(string path)
    {
        var data = ProgramFileReader.ReadAllBytes(path);
        try
        {
            return Read(data);
        }
        catch (ProgramLoadException error)
        {
            throw new ProgramLoadException(error.Errors.Select(line => $"{path}: {line}").ToList());
        }
    }

    /// <summary>Checks the magic and returns the version, 0 mapped to 1 (as upstream reads it).</summary>
    private static int ReadHeader(ref StflCursor cursor)
    {
        cursor.Section = " in the header";
        var magic = cursor.Peek(StflFormat.Magic.Length);
        if (!StflFormat.Magic.StartsWith(magic))
        {
            var shown = string.Join(" ", magic.ToArray().Select(b => b.ToString("X2")));
            throw new ProgramLoadException($"not a Stoffel binary: bad magic {shown} (expected \"STFL\")");
        }
        cursor.ReadU32("the magic \"STFL\"");
        var versionOffset = cursor.Position;
        int version = cursor.ReadU16("the format version");
        if (version > StflFormat.LatestVersion)
        {
            throw new ProgramLoadException(
                $"unsupported STFL version {version} at offset 0x{versionOffset:X} (this VM reads {StflFormat.FirstVersion} to {StflFormat.LatestVersion})");
        }
        return Math.Max(version, StflFormat.FirstVersion);
    }

    private static List<Value> ReadConstants(ref StflCursor cursor)
    {
        cursor.Section = " in the constant pool";
        var count = cursor.ReadCount32("the constant count", StflFormat.MaxCollectionCount, StflFormat.MinConstantBytes);
        var constants = new List<Value>(count);
        for (var i = 0; i < count; i++)
        {
            cursor.EnterItem("constant", i);
            constants.Add(ReadValue(ref cursor));
        }
        cursor.LeaveItem();
        return constants;
    }

    /// <summary>One tagged constant.</summary>
    private static Value ReadValue(ref StflCursor cursor)
    {
        const string Payload = "the value";
        var tagOffset = cursor.Position;
        var tag = (StflValueTag)cursor.ReadU8("the value tag");
        return tag switch
        {
            StflValueTag.Unit => Value.Unit,
            StflValueTag.I64 => Value.FromI64(cursor.ReadI64(Payload)),
            StflValueTag.I32 => Value.FromI32(cursor.ReadI32(Payload)),
            StflValueTag.I16 => Value.FromI16(unchecked((short)cursor.ReadU16(Payload))),
            StflValueTag.I8 => Value.FromI8(unchecked((sbyte)cursor.ReadU8(Payload))),
            StflValueTag.U8 => Value.FromU8(cursor.ReadU8(Payload)),
            StflValueTag.U16 => Value.FromU16(cursor.ReadU16(Payload)),
            StflValueTag.U32 => Value.FromU32(cursor.ReadU32(Payload)),
            StflValueTag.U64 => Value.FromU64(cursor.ReadU64(Payload)),
            StflValueTag.Float => Value.FromFloat(BitConverter.Int64BitsToDouble(cursor.ReadI64(Payload))),
            StflValueTag.Bool => Value.FromBool(cursor.ReadU8(Payload) != 0),
            StflValueTag.String => Value.FromString(cursor.ReadStr32("the string", StflFormat.MaxStringBytes)),
            _ => throw cursor.Error($"unknown value tag {(byte)tag} (expected 0 to 11)", tagOffset),
        };
    }

    private static List<FunctionDefinition> ReadFunctions(ref StflCursor cursor, int version)
    {
        cursor.Section = " in the function table";
        var minBytes = StflFormat.MinFunctionBytes + (version >= StflFormat.TypeMetadataVersion ? StflFormat.MinTypeMetadataBytes : 0);
        var count = cursor.ReadCount32("the function count", StflFormat.MaxCollectionCount, minBytes);
        var functions = new List<FunctionDefinition>(count);
        for (var i = 0; i < count; i++)
        {
            functions.Add(StflFunctionReader.Read(ref cursor, version, i));
        }
        return functions;
    }
}
