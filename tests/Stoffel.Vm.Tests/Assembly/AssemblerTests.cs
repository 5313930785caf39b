using Stoffel.Vm.Formats.Assembly;
using Stoffel.Vm.Instructions;
using Stoffel.Vm.Programs;
using Stoffel.Vm.Values;

namespace Stoffel.Vm.Tests.Assembly;

[TestClass]
public sealed class AssemblerTests
{
    // One operand text per kind, with the numeric operand the instruction should carry.
    private static readonly Dictionary<OperandKind, (string Text, int Number)> SampleOperands = new()
    {
        [OperandKind.Register] = ("r3", 3),
        [OperandKind.Constant] = ("7u16", 0),
        [OperandKind.StackOffset] = ("[sp-2]", -2),
        [OperandKind.SpillSlot] = ("s5", 5),
        [OperandKind.Label] = ("target", 1),
        [OperandKind.Function] = ("callee", 0),
    };

    [TestMethod]
    public void Every_mnemonic_assembles_with_its_operands_in_encoding_order()
    {
        foreach (var info in OpcodeTable.All)
        {
            var operands = info.Operands.Select((kind, i) => kind == OperandKind.Register ? $"r{3 + i}" : SampleOperands[kind].Text);
            var line = (info.Mnemonic + " " + string.Join(", ", operands)).TrimEnd();
            var program = Stfa.AssembleMain(line, "target:", "NOP");
            var instruction = program.Functions[0].Instructions[0];

            Assert.AreEqual(info.Opcode, instruction.Opcode, line);
            int[] actual = [instruction.A, instruction.B, instruction.C];
            for (var i = 0; i < info.Operands.Count; i++)
            {
                var kind = info.Operands[i];
                var expected = kind == OperandKind.Register ? 3 + i : SampleOperands[kind].Number;
                Assert.AreEqual(expected, actual[i], $"{line}: operand {i}");
            }
            if (info.Operands.Contains(OperandKind.Label))
            {
                Assert.AreEqual(0, instruction.B, $"{line}: label ordinal");
            }
            if (info.Operands.Contains(OperandKind.Constant))
            {
                Assert.AreEqual(Value.FromU16(7), program.Constants[0]);
            }
            if (info.Operands.Contains(OperandKind.Function))
            {
                CollectionAssert.AreEqual(new[] { "callee" }, program.CalleeNames.ToArray());
            }
        }
    }

    [TestMethod]
    [DataRow("mov r1, r2", Opcode.MOV)]
    [DataRow("Mov r1, r2", Opcode.MOV)]
    [DataRow("jmpneq end", Opcode.JMPNEQ)]
    [DataRow("pushArg r1", Opcode.PUSHARG)]
    [DataRow("nop", Opcode.NOP)]
    public void Mnemonics_are_case_insensitive(string line, Opcode opcode)
    {
        var program = Stfa.AssembleMain(line, "end:");
        Assert.AreEqual(opcode, program.Functions[0].Instructions[0].Opcode);
    }

    [TestMethod]
    [DataRow("LD r1, [sp+0]", 0)]
    [DataRow("LD r1, [sp]", 0)]
    [DataRow("LD r1, [SP-1]", -1)]
    [DataRow("LD r1, [ sp + 7 ]", 7)]
    [DataRow("LD r1, [sp-2147483648]", int.MinValue)]
    [DataRow("LD r1, [sp+2147483647]", int.MaxValue)]
    public void Stack_offsets_are_read_with_their_sign(string line, int offset)
    {
        Assert.AreEqual(offset, Stfa.AssembleMain(line).Functions[0].Instructions[0].B);
    }

    [TestMethod]
    public void Registers_and_spill_slots_accept_the_full_frame_range()
    {
        var instructions = Stfa.AssembleMain("MOV R65535, r0", "STS s65535, r1", "LDS r2, S0").Functions[0].Instructions;
        Assert.AreEqual(new Instruction(Opcode.MOV, 65535, 0, 0), instructions[0]);
        Assert.AreEqual(new Instruction(Opcode.STS, 65535, 1, 0), instructions[1]);
        Assert.AreEqual(new Instruction(Opcode.LDS, 2, 0, 0), instructions[2]);
    }

    [TestMethod]
    public void Constants_form_one_pool_deduplicated_by_kind_and_bits()
    {
        var program = Stfa.Assemble("""
            .function a()
                LDI r0, 1
                LDI r1, 1u64
                LDI r2, "x"
                LDI r3, 0.0
                LDI r4, -0.0
            .end
            .function b()
                LDI r0, "x"
                LDI r1, 1
                LDI r2, 1.0
                LDI r3, 1u64
                LDI r4, 0.0
            .end
            """);
        Value[] expected = [Value.FromI64(1), Value.FromU64(1), Value.FromString("x"), Value.FromFloat(0.0), Value.FromFloat(-0.0), Value.FromFloat(1.0)];
        CollectionAssert.AreEqual(expected, program.Constants.ToArray());
        CollectionAssert.AreEqual(new[] { 2, 0, 5, 1, 3 }, program.Functions[1].Instructions.Select(i => i.B).ToArray());
    }

    [TestMethod]
    public void Labels_resolve_to_instruction_indices_including_the_end_and_shared_indices()
    {
        var function = Stfa.Assemble("""
            .function main()
            start:
                JMP finish
            again: also: NOP
                JMPEQ also
                JMPLT start
            finish:
            "quoted label":
            .end
            """).Functions[0];

        Label[] labels = [new("start", 0), new("again", 1), new("also", 1), new("finish", 4), new("quoted label", 4)];
        CollectionAssert.AreEqual(labels, function.Labels.ToArray());
        Instruction[] instructions = [new(Opcode.JMP, 4, 3, 0), new(Opcode.NOP), new(Opcode.JMPEQ, 1, 2, 0), new(Opcode.JMPLT, 0, 0, 0)];
        CollectionAssert.AreEqual(instructions, function.Instructions);
    }

    [TestMethod]
    public void Each_instruction_records_its_source_line()
    {
        var program = Stfa.Assemble("""
            ; header comment

            .function helper(x) registers 2   ; line 3
                MOV r1, r0
            .end
            # another comment
            .function main()
            top:
                LDI r0, 1
                PUSHARG r0      ; line 10

                CALL helper
            done: RET r0
            .end
            """);
        CollectionAssert.AreEqual(new[] { 4 }, program.Functions[0].SourceLines);
        CollectionAssert.AreEqual(new[] { 9, 10, 12, 13 }, program.Functions[1].SourceLines);
        Assert.AreEqual(13, program.Functions[1].SourceLineAt(3));
    }

    [TestMethod]
    public void Each_function_definition_records_the_line_of_its_header()
    {
        var diagnostics = new StfaDiagnostics(Stfa.FileName);
        var parsed = StfaParser.Parse("; x\n.function a()\n.end\n\n  .function b()\nNOP\n.end\n", diagnostics);
        Assert.IsFalse(diagnostics.HasErrors);
        CollectionAssert.AreEqual(new[] { 2, 5 }, parsed.Functions.Select(f => f.SourceLine).ToArray());
    }

    [TestMethod]
    public void Windows_line_endings_and_a_byte_order_mark_do_not_shift_positions()
    {
        var program = Stfa.Assemble("\uFEFF.function main()\r\n    NOP\r\n    RET r0\r\n.end\r\n");
        CollectionAssert.AreEqual(new[] { 2, 3 }, program.Functions[0].SourceLines);
        Stfa.AssertErrors("\uFEFF.function main()\r\n  BAD r0\r\n.end\r\n", "test.stfa:2:3: unknown mnemonic 'BAD'");
    }

    [TestMethod]
    public void Header_parameters_upvalues_and_parent_are_kept()
    {
        var program = Stfa.Assemble(SamplePrograms.ClosuresAndNames);
        var step = program.FindFunction("counter.step")!;
        CollectionAssert.AreEqual(new[] { "delta" }, step.Parameters.ToArray());
        CollectionAssert.AreEqual(new[] { "start", "the total" }, step.Upvalues.ToArray());
        Assert.AreEqual("make counter", step.Parent);
        Assert.IsNull(program.FindFunction("main")!.Parent);
        Assert.IsEmpty(program.FindFunction("main")!.Upvalues);
        CollectionAssert.AreEqual(new[] { "a", "b" }, program.FindFunction("utils.math.add")!.Parameters.ToArray());
        CollectionAssert.AreEqual(new[] { "create_closure", "get upvalue", "utils.math.add" }, program.CalleeNames.ToArray());
    }

    [TestMethod]
    public void Declared_register_count_is_kept_or_inferred_from_the_highest_register()
    {
        var program = Stfa.Assemble("""
            .function declared(a) registers 9
                MOV r1, r0
            .end
            .function inferred(a, b, c)
                STS s40, r6
                LDS r2, s1
            .end
            .function empty()
            .end
            """);
        Assert.AreEqual(9, program.Functions[0].DeclaredRegisterCount);
        Assert.AreEqual(7, program.Functions[1].DeclaredRegisterCount);
        Assert.AreEqual(0, program.Functions[2].DeclaredRegisterCount);
        Assert.AreEqual(1, program.Functions[2].RegisterCount);
    }

    [TestMethod]
    public void Format_version_is_9_only_when_spill_slots_are_used()
    {
        Assert.AreEqual(1, Stfa.Assemble(SamplePrograms.Fibonacci).FormatVersion);
        Assert.AreEqual(9, Stfa.Assemble(SamplePrograms.SpillSlots).FormatVersion);
        Assert.AreEqual(9, Stfa.AssembleMain("LDS r0, s0").FormatVersion);
    }

    [TestMethod]
    public void Calls_to_functions_the_program_does_not_define_are_left_for_the_vm_to_link()
    {
        var program = Stfa.AssembleMain("CALL print", "CALL Share.open", "CALL print");
        CollectionAssert.AreEqual(new[] { "print", "Share.open" }, program.CalleeNames.ToArray());
        CollectionAssert.AreEqual(new[] { 0, 1, 0 }, program.Functions[0].Instructions.Select(i => i.A).ToArray());
    }

    [TestMethod]
    public void The_source_path_is_the_file_name_given()
    {
        Assert.AreEqual("dir/prog.stfa", StfaAssembler.Assemble(".function main()\n.end", "dir/prog.stfa").SourcePath);
    }

    [TestMethod]
    public void AssembleFile_reads_the_file_and_names_it_in_errors()
    {
        var directory = Directory.CreateTempSubdirectory("stfa");
        try
        {
            var good = Path.Combine(directory.FullName, "good.stfa");
            File.WriteAllText(good, SamplePrograms.Fibonacci);
            var program = StfaAssembler.AssembleFile(good);
            Assert.AreEqual(good, program.SourcePath);
            Assert.AreEqual("fib", program.Functions[0].Name);

            var bad = Path.Combine(directory.FullName, "bad.stfa");
            File.WriteAllText(bad, ".function main()\n  MOVE r1, r2\n.end\n");
            var error = Assert.ThrowsExactly<ProgramLoadException>(() => StfaAssembler.AssembleFile(bad));
            CollectionAssert.AreEqual(new[] { $"{bad}:2:3: unknown mnemonic 'MOVE'" }, error.Errors.ToArray());

            var missing = Path.Combine(directory.FullName, "missing.stfa");
            var unreadable = Assert.ThrowsExactly<ProgramLoadException>(() => StfaAssembler.AssembleFile(missing));
            Assert.StartsWith($"{missing}: ", unreadable.Message);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
