using Stoffel.Vm.Instructions;
using Stoffel.Vm.Values;

namespace Stoffel.Vm.Programs;

/// <summary>
/// Links function definitions into an immutable <see cref="StoffelProgram"/>: drops identical
/// duplicate functions (upstream fixtures list <c>main</c> twice), resolves labels, checks every
/// operand against the constant pool and the frame limits, interns string constants and notes
/// which MPC features the program needs. Shared by the STFL reader and the assembler.
/// </summary>
public static class ProgramBuilder
{
    /// <summary>Registers at or above this index are upstream's secret bank: they hold MPC shares, which this VM does not run.</summary>
    public const int FirstSecretRegister = 16;

    /// <summary>Largest register or spill-slot index accepted; keeps a hostile file from allocating huge frames.</summary>
    public const int MaxFrameIndex = ushort.MaxValue;

    /// <summary>Builds a program.</summary>
    /// <param name="constants">The constant pool (values of tags 0–11 only).</param>
    /// <param name="definitions">Functions in file order; identical duplicates are skipped.</param>
    /// <param name="formatVersion">The STFL version read, or the one the program needs.</param>
    /// <param name="manifest">The v2+ manifest, or null.</param>
    /// <param name="sourcePath">The <c>.stfa</c> path for assembled programs, else null.</param>
    /// <exception cref="ProgramLoadException">Every problem found, one line each.</exception>
    public static StoffelProgram Build(
        IReadOnlyList<Value> constants,
        IReadOnlyList<FunctionDefinition> definitions,
        int formatVersion,
        ProgramManifest? manifest = null,
        string? sourcePath = null)
    {
        var errors = new List<string>();
        var pool = InternStrings(constants);
        var unique = RemoveDuplicates(definitions, errors);
        var calleeNames = new List<string>();
        var calleeIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var mpc = new List<string>();
        var functions = new List<CompiledFunction>(unique.Count);
        foreach (var definition in unique)
        {
            var instructions = Link(definition, pool.Count, calleeNames, calleeIndex, errors, mpc);
            var lines = definition.Instructions.Any(i => i.SourceLine > 0)
                ? definition.Instructions.Select(i => i.SourceLine).ToArray()
                : null;
            functions.Add(new CompiledFunction(
                definition.Name, functions.Count, definition.DeclaredRegisterCount, definition.Parameters,
                definition.Signature, definition.Upvalues, definition.Parent, definition.Labels, instructions, lines));
        }
        if (errors.Count > 0)
        {
            throw new ProgramLoadException(errors);
        }
        NoteManifestMpc(manifest, mpc);
        return new StoffelProgram(pool, functions, calleeNames, formatVersion, manifest, sourcePath, mpc);
    }

    private static List<Value> InternStrings(IReadOnlyList<Value> constants)
    {
        var interned = new Dictionary<string, VmString>(StringComparer.Ordinal);
        return constants.Select(c => c.Kind == ValueKind.String
            ? Value.FromString(interned.TryGetValue(c.AsString, out var s) ? s : interned[c.AsString] = new VmString(c.AsString))
            : c).ToList();
    }

    private static List<FunctionDefinition> RemoveDuplicates(IReadOnlyList<FunctionDefinition> definitions, List<string> errors)
    {
        var seen = new Dictionary<string, FunctionDefinition>(StringComparer.Ordinal);
        var unique = new List<FunctionDefinition>();
        foreach (var definition in definitions)
        {
            if (definition.Name.Length == 0)
            {
                errors.Add("a function has an empty name (every function needs one to be called by)");
                continue;
            }
            if (!seen.TryGetValue(definition.Name, out var first))
            {
                seen.Add(definition.Name, definition);
                unique.Add(definition);
            }
            else if (!SameContent(first, definition))
            {
                errors.Add($"function '{definition.Name}' is defined twice with different contents");
            }
        }
        return unique;
    }

    private static bool SameContent(FunctionDefinition a, FunctionDefinition b) =>
        a.DeclaredRegisterCount == b.DeclaredRegisterCount
        && a.Parameters.SequenceEqual(b.Parameters)
        && a.Upvalues.SequenceEqual(b.Upvalues)
        && a.Parent == b.Parent
        && a.Labels.SequenceEqual(b.Labels)
        && a.Signature?.ToString() == b.Signature?.ToString()
        && a.Instructions.Select(i => i with { SourceLine = 0 }).SequenceEqual(b.Instructions.Select(i => i with { SourceLine = 0 }));

    private static Instruction[] Link(
        FunctionDefinition definition,
        int constantCount,
        List<string> calleeNames,
        Dictionary<string, int> calleeIndex,
        List<string> errors,
        List<string> mpc)
    {
        var count = definition.Instructions.Count;
        var labelOrdinal = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < definition.Labels.Count; i++)
        {
            var label = definition.Labels[i];
            if (label.Index < 0 || label.Index > count)
            {
                errors.Add($"function '{definition.Name}': label '{label.Name}' points at instruction {label.Index}, beyond its {count} instructions");
            }
            labelOrdinal.TryAdd(label.Name, i);
        }

        var linked = new Instruction[count];
        var noteSecret = true;
        for (var index = 0; index < count; index++)
        {
            var source = definition.Instructions[index];
            string Where() => $"function '{definition.Name}', instruction {index}";
            if (!OpcodeTable.IsDefined((byte)source.Opcode))
            {
                errors.Add($"{Where()}: undefined opcode 0x{(byte)source.Opcode:X2}");
                continue;
            }
            var info = OpcodeTable.Get(source.Opcode);
            var operands = new[] { source.A, source.B, source.C };
            for (var k = 0; k < info.Operands.Count; k++)
            {
                switch (info.Operands[k])
                {
                    case OperandKind.Register when operands[k] < 0 || operands[k] > MaxFrameIndex:
                        errors.Add($"{Where()}: register r{(uint)operands[k]} is out of range (at most r{MaxFrameIndex})");
                        break;
                    case OperandKind.Register when operands[k] >= FirstSecretRegister && noteSecret:
                        mpc.Add($"uses secret register r{operands[k]} in {definition.Name} (registers r16 and up are the MPC secret bank)");
                        noteSecret = false;
                        break;
                    case OperandKind.SpillSlot when operands[k] < 0 || operands[k] > MaxFrameIndex:
                        errors.Add($"{Where()}: spill slot s{(uint)operands[k]} is out of range (at most s{MaxFrameIndex})");
                        break;
                    case OperandKind.Constant when operands[k] < 0 || operands[k] >= constantCount:
                        errors.Add($"{Where()}: constant #{(uint)operands[k]} does not exist (the pool has {constantCount})");
                        break;
                }
            }
            linked[index] = info.Flow switch
            {
                ControlFlow.Jump or ControlFlow.ConditionalJump => LinkJump(source, labelOrdinal, definition, errors, Where),
                ControlFlow.Call => new Instruction(source.Opcode, CalleeSlot(source.Symbol ?? "", calleeNames, calleeIndex), 0, 0),
                _ => new Instruction(source.Opcode, source.A, source.B, source.C),
            };
        }
        return linked;
    }

    private static Instruction LinkJump(InstructionDefinition source, Dictionary<string, int> labelOrdinal, FunctionDefinition definition, List<string> errors, Func<string> where)
    {
        if (source.Symbol is { } name && labelOrdinal.TryGetValue(name, out var ordinal))
        {
            return new Instruction(source.Opcode, definition.Labels[ordinal].Index, ordinal, 0);
        }
        errors.Add($"{where()}: unknown label '{source.Symbol}'");
        return new Instruction(Opcode.NOP);
    }

    private static int CalleeSlot(string name, List<string> calleeNames, Dictionary<string, int> calleeIndex)
    {
        if (calleeIndex.TryGetValue(name, out var slot))
        {
            return slot;
        }
        calleeIndex.Add(name, calleeNames.Count);
        calleeNames.Add(name);
        return calleeNames.Count - 1;
    }

    private static void NoteManifestMpc(ProgramManifest? manifest, List<string> mpc)
    {
        if (manifest is null)
        {
            return;
        }
        if (manifest.Clients.Count > 0)
        {
            mpc.Add($"declares {manifest.Clients.Count} MPC client(s) in its manifest");
        }
        if (manifest.Demand is { } d && (d.Triples | d.Randoms | d.PrandBits | d.PrandInts) != 0)
        {
            mpc.Add($"needs MPC preprocessing (triples {d.Triples}, randoms {d.Randoms}, random bits {d.PrandBits}, random ints {d.PrandInts})");
        }
    }
}
