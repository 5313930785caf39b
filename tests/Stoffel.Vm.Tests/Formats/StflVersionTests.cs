using Stoffel.Vm.Formats;
using Stoffel.Vm.Programs;

namespace Stoffel.Vm.Tests.Formats;

/// <summary>Version gates and v5+ type metadata, on hand-assembled files.</summary>
[TestClass]
public sealed class StflVersionTests
{
    /// <summary>
    /// Each version has exactly the fields §1 lists: manifest from v2, backend byte from v3, curve
    /// byte from v4, type metadata from v5, demand from v8. A wrong gate misaligns the rest.
    /// </summary>
    [TestMethod]
    [DataRow(0)] [DataRow(1)] [DataRow(2)] [DataRow(3)] [DataRow(4)]
    [DataRow(5)] [DataRow(6)] [DataRow(7)] [DataRow(8)] [DataRow(9)]
    public void EachVersionReadsExactlyItsFields(int version)
    {
        var bytes = FileWithEveryGate(version);

        var program = StflReader.Read(bytes);

        Assert.AreEqual(Math.Max(version, 1), program.FormatVersion, "version 0 is read like version 1");
        Assert.AreEqual(version >= 2, program.Manifest is not null, "manifest");
        if (program.Manifest is { } manifest)
        {
            Assert.AreEqual(version >= 3 ? 1 : 0, manifest.Backend, "backend");
            Assert.AreEqual(version >= 4 ? 4 : 0, manifest.Curve, "curve");
            Assert.AreEqual(version >= 8 ? new PreprocessingDemand(1, 2, 3, 4, true) : null, manifest.Demand, "demand");
        }
        var main = program.Functions.Single();
        CollectionAssert.AreEqual(new[] { "p" }, main.Parameters.ToList());
        Assert.AreEqual(version >= 5, main.Signature is not null, "type metadata");
        Assert.AreEqual(new Stoffel.Vm.Instructions.Instruction(Stoffel.Vm.Instructions.Opcode.RET, 0, 0, 0), main.Instructions.Single());
    }

    /// <summary>A v9 file relabelled as v4 cannot be read: a reader of the older layout misreads the type metadata.</summary>
    [TestMethod]
    public void V9BodyUnderAnOlderVersionFails()
    {
        var bytes = FileWithEveryGate(9);
        bytes[4] = 4;

        Assert.ThrowsExactly<ProgramLoadException>(() => StflReader.Read(bytes));
    }

    /// <summary>Versions above 9 are rejected with the version and the range read.</summary>
    [TestMethod]
    [DataRow((ushort)10)]
    [DataRow((ushort)12)]
    [DataRow(ushort.MaxValue)]
    public void VersionAboveNineIsRejected(ushort version)
    {
        var bytes = StflBytes.Header(version).U32(0).U32(0).ToArray();

        var error = Assert.ThrowsExactly<ProgramLoadException>(() => StflReader.Read(bytes));

        Assert.AreEqual($"unsupported STFL version {version} at offset 0x4 (this VM reads 1 to 9)", error.Message);
    }

    /// <summary>Every FunctionType tag 0–14 (including 13 fix64 and 14 fixed) is read with its payload, and written back byte for byte.</summary>
    [TestMethod]
    public void EveryFunctionTypeTagRoundTrips()
    {
        var parameters = Enumerable.Range(0, 15).Select(i => $"p{i}").ToArray();
        var typeBytes = new StflBytes().U16(15)
            .U8(0).U8(1).U8(32)
            .U8(1).U8(2).U8(3).U8(4).U8(5)
            .U8(6).U8(0).U8(0).U8(64)
            .U8(7).U8(1)
            .U8(8).U8(2).U8(7).U8(3)
            .U8(9).Str16("Closure")
            .U8(10).Str16("Pair").U16(2).U8(0).U8(1).U8(8).U8(11).Str16("T")
            .U8(11).Str16("U")
            .U8(12).U8(13)
            .U8(14).U8(32)
            .U8(6).U8(14).U8(16)
            .ToArray();
        var bytes = StflBytes.Header(7).U32(0).U32(1)
            .Function(7, "f", 1, b => b.U8(0x12).U32(0), parameters, types: b => b.Raw(typeBytes))
            .U8(0).U8(0).U32(0).ToArray();

        var signature = StflReader.Read(bytes).Functions[0].Signature!;

        CollectionAssert.AreEqual(Enumerable.Range(0, 15).Select(t => (FunctionTypeTag)t).ToList(), signature.Parameters.Select(t => t.Tag).ToList());
        CollectionAssert.AreEqual(
            new[] { "int32", "float", "string", "bool", "nil", "void", "secret uint64", "list[float]", "dict[string, list[bool]]", "obj:Closure", "Pair[int8, T]", "U", "unknown", "fix64", "fix32" },
            signature.Parameters.Select(t => t.ToString()).ToList());
        Assert.AreEqual("secret fix16", signature.Return.ToString());
        Assert.AreEqual(FunctionTypeTag.TypeVariable, signature.Parameters[10].Children![1].Tag);

        var written = StflWriter.Write(StflReader.Read(bytes));
        Assert.IsGreaterThanOrEqualTo(0, written.AsSpan().IndexOf(typeBytes), "the type metadata is written unchanged");
        Assert.AreEqual(ProgramEquivalence.Describe(signature), ProgramEquivalence.Describe(StflReader.Read(written).Functions[0].Signature!));
    }

    /// <summary>Upstream reads the integer signedness byte as "non-zero = signed".</summary>
    [TestMethod]
    public void IntegerSignednessIsNonZero()
    {
        var type = ReadSingleReturnType(b => b.U8(0).U8(2).U8(16));

        Assert.AreEqual(new FunctionType(FunctionTypeTag.Integer, Signed: true, Bits: 16), type);
    }

    /// <summary>Bit width 0, unknown tags and runaway nesting are errors naming what was wrong and where.</summary>
    [TestMethod]
    [DataRow(new byte[] { 0, 1, 0 }, "the integer bit width is 0 of return type 0 of function 'f' at offset 0x")]
    [DataRow(new byte[] { 14, 0 }, "the fixed-point bit width is 0 of return type 0 of function 'f' at offset 0x")]
    [DataRow(new byte[] { 15 }, "unknown type tag 15 (expected 0 to 14) of return type 0 of function 'f' at offset 0x")]
    public void InvalidTypeIsAnError(byte[] returnType, string message)
    {
        var error = Assert.ThrowsExactly<ProgramLoadException>(() => ReadSingleReturnType(b => b.Raw(returnType)));

        Assert.StartsWith(message, error.Message);
    }

    /// <summary>A hostile chain of nested types fails with a clear error instead of overflowing the stack.</summary>
    [TestMethod]
    public void DeeplyNestedTypeIsRejected()
    {
        var error = Assert.ThrowsExactly<ProgramLoadException>(
            () => ReadSingleReturnType(b => b.Raw(Enumerable.Repeat((byte)7, 200_000).ToArray()).U8(12)));

        Assert.Contains("nested deeper than 64 levels", error.Message);
    }

    /// <summary>The type count must equal the parameter count, as upstream's reader requires.</summary>
    [TestMethod]
    public void ParameterTypeCountMismatchIsAnError()
    {
        var bytes = StflBytes.Header(5).U32(0).U32(1)
            .Function(5, "f", 0, _ => { }, ["a", "b"], types: b => b.U16(1).U8(12).U8(12))
            .U8(0).U8(0).U32(0).ToArray();

        var error = Assert.ThrowsExactly<ProgramLoadException>(() => StflReader.Read(bytes));

        // 14-byte header and counts, name "f" (3), register count (2), parameter count (2), "a" and "b" (3 each): 27.
        Assert.AreEqual("the parameter type count 1 differs from the parameter count 2 of function 'f' at offset 0x1B", error.Message);
    }

    /// <summary>has_parent 1 reads a parent name; any value but 0 and 1 is an error.</summary>
    [TestMethod]
    public void ParentFlagIsZeroOrOne()
    {
        var withParent = StflBytes.Header(1).U32(0).U32(1).Function(1, "inner", 0, _ => { }, hasParent: 1, parent: "outer").ToArray();
        Assert.AreEqual("outer", StflReader.Read(withParent).Functions[0].Parent);

        var invalid = StflBytes.Header(1).U32(0).U32(1).Function(1, "inner", 0, _ => { }, hasParent: 2).ToArray();
        var error = Assert.ThrowsExactly<ProgramLoadException>(() => StflReader.Read(invalid));
        // 14-byte header and counts, name "inner" (7), register, parameter and upvalue counts (2 each): 27.
        Assert.AreEqual("invalid has-parent flag 2 (expected 0 or 1) of function 'inner' at offset 0x1B", error.Message);
    }

    /// <summary>A v9 file with one function of parameter "p", returning r0, and every trailer field the version has.</summary>
    private static byte[] FileWithEveryGate(int version)
    {
        var bytes = StflBytes.Header((ushort)version).U32(0).U32(1)
            .Function(version, "main", 1, b => b.U8(0x12).U32(0), ["p"]);
        if (version >= 2)
        {
            if (version >= 3)
            {
                bytes.U8(1);
            }
            if (version >= 4)
            {
                bytes.U8(4);
            }
            bytes.U32(0);
            if (version >= 8)
            {
                bytes.U64(1).U64(2).U64(3).U64(4).U8(5);
            }
        }
        return bytes.ToArray();
    }

    private static FunctionType ReadSingleReturnType(Action<StflBytes> returnType)
    {
        var bytes = StflBytes.Header(7).U32(0).U32(1)
            .Function(7, "f", 0, _ => { }, types: b => b.U16(0).With(returnType))
            .U8(0).U8(0).U32(0).ToArray();
        return StflReader.Read(bytes).Functions[0].Signature!.Return;
    }
}
