using Stoffel.Vm.Formats.Assembly;
using Stoffel.Vm.Instructions;
using Stoffel.Vm.Programs;
using Stoffel.Vm.Values;

namespace Stoffel.Vm.Tests.Assembly;

[TestClass]
public sealed class RoundTripTests
{
    public static IEnumerable<object[]> Programs => SamplePrograms.All.Select((source, i) => new object[] { i, source });

    [TestMethod]
    [DynamicData(nameof(Programs))]
    public void Assemble_disassemble_assemble_gives_the_same_program(int index, string source)
    {
        var original = Stfa.Assemble(source);
        var text = StfaDisassembler.Disassemble(original);
        var reassembled = Stfa.Assemble(text);

        Stfa.AssertSameProgram(original, reassembled);
        Assert.IsNotEmpty(original.Functions, $"program {index}");
    }

    [TestMethod]
    [DynamicData(nameof(Programs))]
    public void Disassembly_is_a_fixed_point_after_one_round(int index, string source)
    {
        var first = StfaDisassembler.Disassemble(Stfa.Assemble(source));
        var second = StfaDisassembler.Disassemble(Stfa.Assemble(first));
        Assert.AreEqual(first, second, $"program {index}");
    }

    [TestMethod]
    public void Every_literal_kind_keeps_its_kind_and_bits()
    {
        var program = Stfa.Assemble(StfaDisassembler.Disassemble(Stfa.Assemble(SamplePrograms.EveryLiteral)));
        var loaded = program.Functions[0].Instructions.Select(i => program.Constants[i.B]).ToList();

        Assert.AreEqual(Value.FromI64(-7), loaded[1]);
        Assert.AreEqual(Value.FromI16(-32768), loaded[3]);
        Assert.AreEqual(Value.FromU64(ulong.MaxValue), loaded[8]);
        Assert.AreEqual(ValueKind.U64, loaded[9].Kind);
        Assert.AreEqual(ValueKind.I64, loaded[10].Kind);
        Assert.AreNotEqual(loaded[9], loaded[10]);
        Assert.AreEqual(BitConverter.DoubleToInt64Bits(-0.0), loaded[15].Bits);
        Assert.AreEqual(0x7FF8000000000000, loaded[18].Bits);
        Assert.AreEqual(BitConverter.DoubleToInt64Bits(double.NaN), loaded[19].Bits);
        Assert.AreEqual(0x7FF8000000000001, loaded[20].Bits);
        Assert.AreEqual(BitConverter.DoubleToInt64Bits(1e300), loaded[22].Bits);
        Assert.AreEqual(BitConverter.DoubleToInt64Bits(5e-324), loaded[23].Bits);
        Assert.AreEqual(Value.Unit, loaded[26]);
        // Repeated literals share a pool entry.
        Assert.AreEqual(program.Functions[0].Instructions[0].B, program.Functions[0].Instructions[27].B);
        Assert.AreEqual(program.Functions[0].Instructions[11].B, program.Functions[0].Instructions[28].B);
        Assert.AreEqual(program.Constants.Count, program.Constants.Distinct().Count());
    }

    [TestMethod]
    public void Strings_with_escapes_and_unicode_keep_their_text()
    {
        var program = Stfa.Assemble(StfaDisassembler.Disassemble(Stfa.Assemble(SamplePrograms.Strings)));
        var texts = program.Functions[0].Instructions.Where(i => i.Opcode == Opcode.LDI).Select(i => program.Constants[i.B].AsString).ToArray();
        CollectionAssert.AreEqual(
            new[]
            {
                "hello, \"world\"\n",
                "tab\there, back\\slash, nul\0, cr\r, bell\a",
                "café 日本語 😀 ; not a comment # nor this",
                "",
                "hello, \"world\"\n",
            },
            texts);
    }

    [TestMethod]
    public void A_program_built_like_a_binary_round_trips_with_odd_names_and_values()
    {
        Value[] constants =
        [
            Value.FromString("line1\nline2\u0085\u2028"), Value.FromIntegerBits(ValueKind.Float, unchecked((long)0xFFF0000000000123)),
            Value.FromI8(-1), Value.FromU32(7), Value.FromFloat(1e-310),
        ];
        FunctionDefinition[] functions =
        [
            new("entry point", 2, ["", "with space"], null, ["up.value", "2nd"], "parent fn",
                [new Label("loop top", 0), new Label("", 5)],
                [
                    new InstructionDefinition(Opcode.LDI, 0, 0, 0, null),
                    new InstructionDefinition(Opcode.LDI, 1, 1, 0, null),
                    new InstructionDefinition(Opcode.LDI, 1, 2, 0, null),
                    new InstructionDefinition(Opcode.LDI, 1, 3, 0, null),
                    new InstructionDefinition(Opcode.LDI, 1, 4, 0, null),
                    new InstructionDefinition(Opcode.JMPGT, 0, 0, 0, ""),
                    new InstructionDefinition(Opcode.JMPLT, 0, 0, 0, "loop top"),
                    new InstructionDefinition(Opcode.CALL, 0, 0, 0, "registers"),
                    new InstructionDefinition(Opcode.LD, 0, int.MinValue, 0, null),
                ]),
            new("registers", 0, [], null, [], null, [], []),
        ];
        var program = ProgramBuilder.Build(constants, functions, 1);

        var text = StfaDisassembler.Disassemble(program);
        var reassembled = Stfa.Assemble(text);

        Stfa.AssertSameProgram(program, reassembled);
        Assert.AreEqual(text, StfaDisassembler.Disassemble(reassembled));
    }
}
