using Stoffel.Vm.Programs;

namespace Stoffel.Vm.Formats;

/// <summary>Reads the recursive FunctionType of v5+ type metadata.</summary>
internal static class StflTypeReader
{
    /// <summary>Reads one FunctionType, nested at most <see cref="StflFormat.MaxTypeDepth"/> deep.</summary>
    public static FunctionType Read(ref StflCursor cursor) => Read(ref cursor, depth: 1);

    private static FunctionType Read(ref StflCursor cursor, int depth)
    {
        var tagOffset = cursor.Position;
        if (depth > StflFormat.MaxTypeDepth)
        {
            throw cursor.Error($"type metadata nested deeper than {StflFormat.MaxTypeDepth} levels", tagOffset);
        }
        var tag = (FunctionTypeTag)cursor.ReadU8("the type tag");
        switch (tag)
        {
            case FunctionTypeTag.Integer:
                // Upstream reads the signedness byte as "non-zero = signed".
                var signed = cursor.ReadU8("the integer signedness") != 0;
                return new FunctionType(tag, Signed: signed, Bits: ReadBits(ref cursor, "the integer bit width"));
            case FunctionTypeTag.Fixed:
                return new FunctionType(tag, Bits: ReadBits(ref cursor, "the fixed-point bit width"));
            case FunctionTypeTag.Secret or FunctionTypeTag.List:
                return new FunctionType(tag, Children: ReadChildren(ref cursor, 1, depth));
            case FunctionTypeTag.Dict:
                return new FunctionType(tag, Children: ReadChildren(ref cursor, 2, depth));
            case FunctionTypeTag.Object or FunctionTypeTag.TypeVariable:
                return new FunctionType(tag, Name: cursor.ReadStr16("the type name"));
            case FunctionTypeTag.Generic:
                var name = cursor.ReadStr16("the generic type name");
                var count = cursor.ReadCount16("the generic argument count", StflFormat.MinFunctionTypeBytes);
                return new FunctionType(tag, Name: name, Children: ReadChildren(ref cursor, count, depth));
            case FunctionTypeTag.Unknown:
                return FunctionType.Unknown;
            case FunctionTypeTag.Float or FunctionTypeTag.String or FunctionTypeTag.Bool or FunctionTypeTag.Nil
                or FunctionTypeTag.Void or FunctionTypeTag.Fix64:
                return new FunctionType(tag);
            default:
                throw cursor.Error($"unknown type tag {(byte)tag} (expected 0 to 14)", tagOffset);
        }
    }

    private static byte ReadBits(ref StflCursor cursor, string what)
    {
        var offset = cursor.Position;
        var bits = cursor.ReadU8(what);
        return bits != 0 ? bits : throw cursor.Error($"{what} is 0", offset);
    }

    private static FunctionType[] ReadChildren(ref StflCursor cursor, int count, int depth)
    {
        var children = new FunctionType[count];
        for (var i = 0; i < count; i++)
        {
            children[i] = Read(ref cursor, depth + 1);
        }
        return children;
    }
}
