using Stoffel.Vm.Instructions;
using Stoffel.Vm.Programs;
using Stoffel.Vm.Values;

namespace Stoffel.Vm.Formats;

/// <summary>
/// Writes a <see cref="StoffelProgram"/> as an STFL binary (<c>.stflb</c>) that upstream
/// Stoffel and <see cref="StflReader"/> read back (upstream <c>compiled_binary.rs</c> has the layout).
/// </summary>
/// <remarks>
/// The writer uses version 1 when the program needs nothing newer — no LDS/STS, no function
/// signature, no manifest — and version 9 otherwise. A v9 file carries type metadata for every
/// function (<c>unknown</c> types when it has no signature) and a manifest trailer (the
/// program's, or <see cref="ProgramManifest.Clear"/>; a v2–v7 manifest without demand gets an
/// all-zero demand). Functions, labels and constants keep their order, jumps are written with
/// the name of the label they were read or assembled with, and the declared register count is
/// written as declared, so <c>StflReader.Read(StflWriter.Write(p))</c> is equivalent to <c>p</c>.
/// </remarks>
public static class StflWriter
{
    /// <summary>Encodes <paramref name="program"/>.</summary>
    /// <param name="program">A linked program.</param>
    /// <returns>The file's bytes.</returns>
    /// <exception cref="ArgumentException">
    /// The program does not fit the format: a constant of a kind the pool cannot hold (object,
    /// array, closure, foreign), a name over 65,535 UTF-8 bytes, a string constant over 16 MiB,
    /// a lone surrogate, more than 65,535 parameters, upvalues or labels, a declared register count
    /// above 65,535, a signature whose type count differs from the parameter count, or an unknown
    /// share-type tag.
    /// </exception>
    public static byte[] Write(StoffelProgram program)
    {
        ArgumentNullException.ThrowIfNull(program);
        var version = NeedsLatestVersion(program) ? StflFormat.LatestVersion : StflFormat.FirstVersion;
        var output = new StflOutput();
        output.WriteBytes(StflFormat.Magic);
        output.WriteU16((ushort)version);
        output.WriteU32(program.Constants.Count, "the constant count");
        foreach (var constant in program.Constants)
        {
            WriteValue(output, constant);
        }
        output.WriteU32(program.Functions.Count, "the function count");
        foreach (var function in program.Functions)
        {
            WriteFunction(output, program, function, version);
        }
        if (version == StflFormat.LatestVersion)
        {
            StflMetadataWriter.WriteManifest(output, program.Manifest ?? ProgramManifest.Clear);
        }
        return output.ToArray();
    }

    /// <summary>Encodes <paramref name="program"/> (see <see cref="Write"/>) into the file at <paramref name="path"/>, replacing it.</summary>
    /// <param name="program">A linked program.</param>
    /// <param name="path">Destination path, usually ending in <c>.stflb</c>.</param>
    /// <exception cref="ArgumentException">As <see cref="Write"/>.</exception>
    /// <exception cref="IOException">The file cannot be written.</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be written.</exception>
    public static void WriteFile(StoffelProgram program, string path) => File.WriteAllBytes(path, Write(program));

    /// <summary>v9 is needed for LDS/STS, type metadata or a manifest; everything else fits v1.</summary>
    private static bool NeedsLatestVersion(StoffelProgram program) =>
        program.Manifest is not null
        || program.Functions.Any(f => f.Signature is not null
            || f.Instructions.Any(i => i.Opcode is Opcode.LDS or Opcode.STS));

    /// <summary>A tagged constant; Bool is written as 0/1.</summary>
    private static void WriteValue(StflOutput output, Value value)
    {
        var tag = value.Kind switch
        {
            ValueKind.Unit => StflValueTag.Unit,
            ValueKind.Bool => StflValueTag.Bool,
            ValueKind.I64 => StflValueTag.I64,
            ValueKind.I32 => StflValueTag.I32,
            ValueKind.I16 => StflValueTag.I16,
            ValueKind.I8 => StflValueTag.I8,
            ValueKind.U8 => StflValueTag.U8,
            ValueKind.U16 => StflValueTag.U16,
            ValueKind.U32 => StflValueTag.U32,
            ValueKind.U64 => StflValueTag.U64,
            ValueKind.Float => StflValueTag.Float,
            ValueKind.String => StflValueTag.String,
            _ => throw new ArgumentException($"a {value.Kind} value cannot be stored in the STFL constant pool"),
        };
        output.WriteU8((byte)tag);
        switch (value.Kind)
        {
            case ValueKind.Bool or ValueKind.I8 or ValueKind.U8:
                output.WriteU8(unchecked((byte)value.Bits));
                break;
            case ValueKind.I16 or ValueKind.U16:
                output.WriteU16(unchecked((ushort)value.Bits));
                break;
            case ValueKind.I32 or ValueKind.U32:
                output.WriteU32(unchecked((uint)value.Bits));
                break;
            case ValueKind.I64 or ValueKind.U64 or ValueKind.Float:
                output.WriteI64(value.Bits);
                break;
            case ValueKind.String:
                output.WriteStr32(value.AsString, "a string constant");
                break;
        }
    }

    /// <summary>One function entry, type metadata only from v5.</summary>
    private static void WriteFunction(StflOutput output, StoffelProgram program, CompiledFunction function, int version)
    {
        output.WriteStr16(function.Name, "the function name");
        output.WriteU16(function.DeclaredRegisterCount, $"the register count of '{function.Name}'");
        WriteNames(output, function.Parameters, $"the parameter count of '{function.Name}'", "a parameter name");
        if (version >= StflFormat.TypeMetadataVersion)
        {
            StflMetadataWriter.WriteSignature(output, function);
        }
        WriteNames(output, function.Upvalues, $"the upvalue count of '{function.Name}'", "an upvalue name");
        if (function.Parent is { } parent)
        {
            output.WriteU8(1);
            output.WriteStr16(parent, "the parent name");
        }
        else
        {
            output.WriteU8(0);
        }
        output.WriteU16(function.Labels.Count, $"the label count of '{function.Name}'");
        foreach (var label in function.Labels)
        {
            output.WriteStr16(label.Name, "a label name");
            output.WriteU32(label.Index, "a label index");
        }
        output.WriteU32(function.Instructions.Length, "the instruction count");
        foreach (var instruction in function.Instructions)
        {
            WriteInstruction(output, program, function, instruction);
        }
    }

    private static void WriteNames(StflOutput output, IReadOnlyList<string> names, string countName, string nameKind)
    {
        output.WriteU16(names.Count, countName);
        foreach (var name in names)
        {
            output.WriteStr16(name, nameKind);
        }
    }

    /// <summary>The opcode byte, then the operands in <see cref="OpcodeTable"/> order.</summary>
    private static void WriteInstruction(StflOutput output, StoffelProgram program, CompiledFunction function, Instruction instruction)
    {
        var info = OpcodeTable.Get(instruction.Opcode);
        output.WriteU8((byte)instruction.Opcode);
        for (var k = 0; k < info.Operands.Count; k++)
        {
            var number = FrameLayout.Operand(instruction, k);
            switch (info.Operands[k])
            {
                case OperandKind.Register or OperandKind.Constant or OperandKind.SpillSlot:
                    output.WriteU32(number, $"an operand of {info.Mnemonic}");
                    break;
                case OperandKind.StackOffset:
                    output.WriteI32(number);
                    break;
                case OperandKind.Label:
                    output.WriteStr16(function.Labels[instruction.B].Name, "a label name");
                    break;
                case OperandKind.Function:
                    output.WriteStr16(program.CalleeNames[instruction.A], "a callee name");
                    break;
            }
        }
    }
}
