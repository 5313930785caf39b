using Stoffel.Vm.Formats.Assembly;
using Stoffel.Vm.Instructions;
using Stoffel.Vm.Programs;
using Stoffel.Vm.Values;

namespace Stoffel.Vm.Tests.Assembly;

[TestClass]
public sealed class DisassemblerTests
{
    [TestMethod]
    public void Disassembly_prints_headers_directives_labels_and_exact_literals()
    {
        var program = Stfa.Assemble("""
            .function "make counter"(start) registers 3
                .parent outer
                .upvalues total, "the step"
                LD r1, [sp-1]
            top: again:
                LDI r1, 5u8
                LDI r2, "a\tb"
                LDS r2, s4
                JMPNEQ again
                CALL "weird name"
                CALL utils.math.add
            "end label":
            .end

            .function main()
                LDI r0, 2.0
                STS s0, r0
                LD r1, [sp+3]
            .end
            """);

        var expected = """
            .function "make counter"(start) registers 3
                .upvalues total, "the step"
                .parent outer
                LD r1, [sp-1]
            top:
            again:
                LDI r1, 5u8
                LDI r2, "a\tb"
                LDS r2, s4
                JMPNEQ again
                CALL "weird name"
                CALL utils.math.add
            "end label":
            .end

            .function main() registers 2
                LDI r0, 2.0
                STS s0, r0
                LD r1, [sp+3]
            .end

            """;
        Assert.AreEqual(expected.ReplaceLineEndings("\n"), StfaDisassembler.Disassemble(program));
    }

    [TestMethod]
    public void Line_map_points_at_each_instruction_of_the_text()
    {
        var program = Stfa.Assemble(SamplePrograms.Loops);
        var text = StfaDisassembler.Disassemble(program, out var lineMaps);
        var lines = text.Split('\n');

        Assert.HasCount(program.Functions.Count, lineMaps);
        foreach (var function in program.Functions)
        {
            var map = lineMaps[function.Index];
            Assert.HasCount(function.Instructions.Length, map);
            for (var i = 0; i < map.Length; i++)
            {
                var mnemonic = OpcodeTable.Get(function.Instructions[i].Opcode).Mnemonic;
                var line = lines[map[i] - 1].Trim();
                Assert.IsTrue(line == mnemonic || line.StartsWith(mnemonic + " ", StringComparison.Ordinal), $"{function.Name}[{i}] -> line {map[i]}: {line}");
            }
        }
        // Re-assembling the text records the same lines the map promised.
        var reassembled = Stfa.Assemble(text);
        foreach (var function in reassembled.Functions)
        {
            CollectionAssert.AreEqual(lineMaps[function.Index], function.SourceLines);
        }
    }

    [TestMethod]
    public void The_two_overloads_produce_the_same_text()
    {
        var program = Stfa.Assemble(SamplePrograms.Fibonacci);
        Assert.AreEqual(StfaDisassembler.Disassemble(program), StfaDisassembler.Disassemble(program, out _));
    }

    [TestMethod]
    public void A_linked_binary_style_program_disassembles_with_quoted_names_and_unsorted_labels()
    {
        // What a reader produces from a binary: labels in hash order, odd names, a label at the end.
        var definition = new FunctionDefinition(
            "main", 1, ["x y"], null, [], null,
            [new Label("end", 2), new Label("first", 0), new Label(".hidden", 1)],
            [
                new InstructionDefinition(Opcode.JMP, 0, 0, 0, "end"),
                new InstructionDefinition(Opcode.CALL, 0, 0, 0, "mod::fn"),
            ]);
        var program = ProgramBuilder.Build([Value.FromFloat(1)], [definition], 1);

        var text = StfaDisassembler.Disassemble(program);

        Assert.AreEqual("""
            .function main("x y") registers 1
            first:
                JMP end
            ".hidden":
                CALL "mod::fn"
            end:
            .end

            """.ReplaceLineEndings("\n"), text);
        var reassembled = Stfa.Assemble(text).Functions[0];
        Assert.AreEqual(2, reassembled.Instructions[0].A);
        Assert.AreEqual("end", reassembled.Labels[reassembled.Instructions[0].B].Name);
        CollectionAssert.AreEquivalent(program.Functions[0].Labels.ToArray(), reassembled.Labels.ToArray());
    }
}
