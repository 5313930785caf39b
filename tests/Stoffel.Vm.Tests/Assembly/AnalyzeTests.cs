using Stoffel.Vm.Formats.Assembly;
using Stoffel.Vm.Instructions;
using Stoffel.Vm.Values;

namespace Stoffel.Vm.Tests.Assembly;

[TestClass]
public sealed class AnalyzeTests
{
    private const string Broken = """
        .function main(n) registers 2
            MOVE r1, r0
            ADD r1, r0
            LDI r1, 300u8
            MOV r1, x
            JMP nowhere
        top:
        top:
            CALL print
        .end
        NOP
        """;

    [TestMethod]
    public void Every_error_has_its_exact_range_and_code_in_source_order()
    {
        var analysis = StfaAssembler.Analyze(Broken);
        var actual = analysis.Diagnostics.Select(d => (d.Range, d.Code, d.Message)).ToArray();
        CollectionAssert.AreEqual(
            new[]
            {
                (new StfaRange(2, 5, 4), StfaErrorCode.UnknownMnemonic, "unknown mnemonic 'MOVE'"),
                (new StfaRange(3, 5, 10), StfaErrorCode.OperandCount, "ADD takes 3 operands (register, register, register), found 2"),
                (new StfaRange(4, 13, 5), StfaErrorCode.BadLiteral, "300u8 is out of range for u8"),
                (new StfaRange(5, 13, 1), StfaErrorCode.BadOperand, "expected a register like r3, found 'x'"),
                (new StfaRange(6, 9, 7), StfaErrorCode.UnknownLabel, "unknown label 'nowhere' in function 'main'"),
                (new StfaRange(8, 1, 3), StfaErrorCode.DuplicateLabel, "duplicate label 'top' in function 'main' (first defined on line 7)"),
                (new StfaRange(11, 1, 3), StfaErrorCode.OutsideFunction, "instruction outside a function"),
            },
            actual);
    }

    [TestMethod]
    public void The_diagnostics_are_the_errors_the_assembler_reports()
    {
        var exception = Assert.ThrowsExactly<Programs.ProgramLoadException>(() => StfaAssembler.Assemble(Broken, "x.stfa"));
        var analysis = StfaAssembler.Analyze(Broken);
        CollectionAssert.AreEqual(
            exception.Errors.ToArray(),
            analysis.Diagnostics.Select(d => $"x.stfa:{d.Range.Line}:{d.Range.Column}: {d.Message}").ToArray());
    }

    [TestMethod]
    public void Functions_are_read_as_written_with_names_parameters_labels_and_operands()
    {
        var analysis = StfaAssembler.Analyze("""
            .function "add two"(a, b) registers 3
                .parent main ; ";" inside
            loop: ADD r2, r0, r1
                LDI r2, 7u8
                LD r1, [sp-1]
                JMPEQ loop
                CALL print
            .end
            """);
        Assert.AreEqual(0, analysis.Diagnostics.Count);
        var function = analysis.Functions.Single();
        Assert.AreEqual(new StfaName("add two", new StfaRange(1, 11, 9)), function.Name);
        Assert.AreEqual(new StfaRange(1, 1, 9), function.Directive);
        Assert.AreEqual(8, function.EndLine);
        CollectionAssert.AreEqual(new[] { new StfaName("a", new StfaRange(1, 21, 1)), new StfaName("b", new StfaRange(1, 24, 1)) }, function.Parameters.ToArray());
        Assert.AreEqual(3, function.DeclaredRegisters);
        Assert.AreEqual(new StfaName("main", new StfaRange(2, 13, 4)), function.Parent);
        CollectionAssert.AreEqual(new[] { new StfaName("loop", new StfaRange(3, 1, 4)) }, function.Labels.ToArray());
        CollectionAssert.AreEqual(
            new[] { Opcode.ADD, Opcode.LDI, Opcode.LD, Opcode.JMPEQ, Opcode.CALL },
            function.Instructions.Select(i => i.Opcode.Opcode).ToArray());
        Assert.AreEqual(new StfaRange(3, 7, 3), function.Instructions[0].Mnemonic);
        Assert.AreEqual(new StfaOperandSyntax(2, OperandKind.Register, new StfaRange(3, 19, 2), 1, null, null), function.Instructions[0].Operands[2]);
        Assert.AreEqual(Value.FromU8(7), function.Instructions[1].Operands[1].Literal);
        Assert.AreEqual(new StfaOperandSyntax(1, OperandKind.StackOffset, new StfaRange(5, 12, 6), -1, null, null), function.Instructions[2].Operands[1]);
        Assert.AreEqual(new StfaOperandSyntax(0, OperandKind.Label, new StfaRange(6, 11, 4), 0, "loop", null), function.Instructions[3].Operands[0]);
        Assert.AreEqual("print", function.Instructions[4].Operands[0].Symbol);
        CollectionAssert.AreEqual(
            new[] { new StfaRange(1, 1, 9), new StfaRange(1, 27, 9), new StfaRange(2, 5, 7), new StfaRange(8, 1, 4) },
            analysis.Keywords.ToArray());
        CollectionAssert.AreEqual(new[] { new StfaRange(2, 18, 12) }, analysis.Comments.ToArray());
    }

    [TestMethod]
    public void A_function_without_end_stops_before_the_next_one_and_keeps_its_valid_operands()
    {
        var analysis = StfaAssembler.Analyze(".function a()\n    ADD r1, q, r2\n\n.function b()\n.end\n");
        Assert.AreEqual(3, analysis.Functions[0].EndLine);
        Assert.AreEqual(new StfaRange(1, 1, 9), analysis.Diagnostics.Single(d => d.Code == StfaErrorCode.MissingEnd).Range);
        CollectionAssert.AreEqual(new[] { 0, 2 }, analysis.Functions[0].Instructions[0].Operands.Select(o => o.Position).ToArray());
    }

    [TestMethod]
    public void Any_text_is_analysed_without_throwing()
    {
        var garbage = new string(Enumerable.Range(0, 5000).Select(i => (char)(i * 7919 % 0xD7FF)).ToArray());
        var analysis = StfaAssembler.Analyze(garbage + "\n.function \"\n\"x\": r99999999999 [sp+ ,,");
        Assert.IsTrue(analysis.Diagnostics.Count > 0);
        Assert.IsTrue(analysis.Diagnostics.All(d => d.Range.Line >= 1 && d.Range.Column >= 1 && d.Range.Length >= 0));
    }
}
