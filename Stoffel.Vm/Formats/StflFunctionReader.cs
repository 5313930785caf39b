using Stoffel.Vm.Instructions;
using Stoffel.Vm.Programs;

namespace Stoffel.Vm.Formats;

/// <summary>Reads one function entry and its instructions.</summary>
internal static class StflFunctionReader
{
    /// <summary>Reads function entry <paramref name="position"/> of the function table.</summary>
    public static FunctionDefinition Read(ref StflCursor cursor, int version, int position)
    {
        cursor.Section = $" of function #{position}";
        var name = cursor.ReadStr16("the function name");
        cursor.Section = $" of function '{name}'";
        int registerCount = cursor.ReadU16("the register count");
        var parameters = ReadNames(ref cursor, "the parameter count", "parameter");
        var signature = version >= StflFormat.TypeMetadataVersion ? ReadSignature(ref cursor, parameters.Count) : null;
        var upvalues = ReadNames(ref cursor, "the upvalue count", "upvalue");
        var parent = ReadParent(ref cursor);
        var labels = ReadLabels(ref cursor);
        var instructions = ReadInstructions(ref cursor);
        return new FunctionDefinition(name, registerCount, parameters, signature, upvalues, parent, labels, instructions);
    }

    private static List<string> ReadNames(ref StflCursor cursor, string countName, string noun)
    {
        var count = cursor.ReadCount16(countName, StflFormat.MinStr16Bytes);
        var names = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            cursor.EnterItem(noun, i);
            names.Add(cursor.ReadStr16("the name"));
        }
        cursor.LeaveItem();
        return names;
    }

    /// <summary>v5+ type metadata: u16 count (must equal the parameter count), parameter types, return type.</summary>
    private static FunctionSignature ReadSignature(ref StflCursor cursor, int parameterCount)
    {
        var countOffset = cursor.Position;
        var count = cursor.ReadCount16("the parameter type count", StflFormat.MinFunctionTypeBytes);
        if (count != parameterCount)
        {
            throw cursor.Error($"the parameter type count {count} differs from the parameter count {parameterCount}", countOffset);
        }
        var types = new List<FunctionType>(count);
        for (var i = 0; i < count; i++)
        {
            cursor.EnterItem("parameter type", i);
            types.Add(StflTypeReader.Read(ref cursor));
        }
        cursor.EnterItem("return type", 0);
        var returnType = StflTypeReader.Read(ref cursor);
        cursor.LeaveItem();
        return new FunctionSignature(types, returnType);
    }

    /// <summary>has_parent: 0 = none, 1 = a str16 name follows, anything else is an error.</summary>
    private static string? ReadParent(ref StflCursor cursor)
    {
        var flagOffset = cursor.Position;
        return cursor.ReadU8("the has-parent flag") switch
        {
            0 => null,
            1 => cursor.ReadStr16("the parent name"),
            var flag => throw cursor.Error($"invalid has-parent flag {flag} (expected 0 or 1)", flagOffset),
        };
    }

    private static List<Label> ReadLabels(ref StflCursor cursor)
    {
        var count = cursor.ReadCount16("the label count", StflFormat.MinLabelBytes);
        var labels = new List<Label>(count);
        for (var i = 0; i < count; i++)
        {
            cursor.EnterItem("label", i);
            var name = cursor.ReadStr16("the name");
            labels.Add(new Label(name, cursor.ReadIndex("the instruction index")));
        }
        cursor.LeaveItem();
        return labels;
    }

    private static List<InstructionDefinition> ReadInstructions(ref StflCursor cursor)
    {
        var count = cursor.ReadCount32("the instruction count", StflFormat.MaxInstructionCount, StflFormat.MinInstructionBytes);
        var instructions = new List<InstructionDefinition>(count);
        for (var i = 0; i < count; i++)
        {
            cursor.EnterItem("instruction", i);
            instructions.Add(ReadInstruction(ref cursor));
        }
        cursor.LeaveItem();
        return instructions;
    }

    /// <summary>An opcode byte, then its operands in the order <see cref="OpcodeTable"/> lists them.</summary>
    private static InstructionDefinition ReadInstruction(ref StflCursor cursor)
    {
        var opcodeOffset = cursor.Position;
        var opcodeByte = cursor.ReadU8("the opcode");
        if (!OpcodeTable.IsDefined(opcodeByte))
        {
            throw cursor.Error($"unknown opcode 0x{opcodeByte:X2}", opcodeOffset);
        }
        var info = OpcodeTable.Get((Opcode)opcodeByte);
        Span<int> numbers = stackalloc int[3];
        string? symbol = null;
        for (var k = 0; k < info.Operands.Count; k++)
        {
            switch (info.Operands[k])
            {
                case OperandKind.Register:
                    numbers[k] = cursor.ReadIndex("the register operand");
                    break;
                case OperandKind.Constant:
                    numbers[k] = cursor.ReadIndex("the constant index");
                    break;
                case OperandKind.SpillSlot:
                    numbers[k] = cursor.ReadIndex("the spill slot");
                    break;
                case OperandKind.StackOffset:
                    numbers[k] = cursor.ReadI32("the stack offset");
                    break;
                case OperandKind.Label:
                    symbol = cursor.ReadStr16("the label name");
                    break;
                case OperandKind.Function:
                    symbol = cursor.ReadStr16("the function name");
                    break;
            }
        }
        return new InstructionDefinition(info.Opcode, numbers[0], numbers[1], numbers[2], symbol);
    }
}
