namespace Stoffel.Vm.Tests.Assembly;

[TestClass]
public sealed class AssemblerErrorTests
{
    [TestMethod]
    public void A_file_with_many_errors_reports_all_of_them_in_source_order()
    {
        string[] lines =
        [
            "; every line below has a problem",   // 1
            ".function main() registers 2",       // 2
            "    MOVE r1, r2",                    // 3
            "    MOV r1, x",                      // 4
            "    LDI r1, 300u8",                  // 5
            "    JMP loop",                       // 6
            "dup:",                               // 7
            "dup:",                               // 8
            "    ADD r1, r2",                     // 9
            ".end",                               // 10
            "NOP",                                // 11
            ".function main()",                   // 12
            "    LDI r0, \"bad \\q\"",            // 13
            "    LDS r1, [sp+0]",                 // 14
            "    CALL 5",                         // 15
            "    LDI r1, -129i8",                 // 16
        ];
        Stfa.AssertErrors(
            string.Join("\n", lines),
            "test.stfa:3:5: unknown mnemonic 'MOVE'",
            "test.stfa:4:13: expected a register like r3, found 'x'",
            "test.stfa:5:13: 300u8 is out of range for u8",
            "test.stfa:6:9: unknown label 'loop' in function 'main'",
            "test.stfa:8:1: duplicate label 'dup' in function 'main' (first defined on line 7)",
            "test.stfa:9:5: ADD takes 3 operands (register, register, register), found 2",
            "test.stfa:11:1: instruction outside a function",
            "test.stfa:12:1: function 'main' has no .end",
            "test.stfa:12:11: duplicate function 'main' (first defined on line 2)",
            "test.stfa:13:18: unknown escape '\\q'",
            "test.stfa:14:13: expected a spill slot like s3, found '[sp+0]'",
            "test.stfa:15:10: expected a function name, found '5'",
            "test.stfa:16:13: -129i8 is out of range for i8");
    }

    [TestMethod]
    public void Every_unknown_label_in_every_function_is_reported_where_it_is_used()
    {
        Stfa.AssertErrors(
            ".function f()\n  JMP a\n  JMPGT b\nb:\n.end\n.function main()\n  JMPEQ b\n.end\n",
            "test.stfa:2:7: unknown label 'a' in function 'f'",
            "test.stfa:7:9: unknown label 'b' in function 'main'");
    }

    [TestMethod]
    [DataRow("NOP r1", "test.stfa:2:5: NOP takes no operands, found 1")]
    [DataRow("RET", "test.stfa:2:5: RET takes 1 operand (register), found 0")]
    [DataRow("LDI r1, 2, 3", "test.stfa:2:5: LDI takes 2 operands (register, literal), found 3")]
    [DataRow("STS r1, r1", "test.stfa:2:9: expected a spill slot like s3, found 'r1'")]
    [DataRow("MOV r1,", "test.stfa:2:12: missing operand after ','")]
    [DataRow("MOV r1,, r2", "test.stfa:2:12: missing operand before ','")]
    [DataRow("MOV r1 r2, r3", "test.stfa:2:9: expected a register like r3, found 'r1 r2'")]
    [DataRow("MOV r65536, r1", "test.stfa:2:9: register r65536 is out of range (at most r65535)")]
    [DataRow("MOV r99999999999, r1", "test.stfa:2:9: register r99999999999 is out of range (at most r65535)")]
    [DataRow("MOV r-1, r1", "test.stfa:2:9: expected a register like r3, found 'r-1'")]
    [DataRow("LDS r1, s70000", "test.stfa:2:13: spill slot s70000 is out of range (at most s65535)")]
    [DataRow("LD r1, [sp*2]", "test.stfa:2:12: expected a stack offset like [sp+0] or [sp-1], found '[sp*2]'")]
    [DataRow("LD r1, [fp+1]", "test.stfa:2:12: expected a stack offset like [sp+0] or [sp-1], found '[fp+1]'")]
    [DataRow("LD r1, [sp+1", "test.stfa:2:12: expected a stack offset like [sp+0] or [sp-1], found '[sp+1'")]
    [DataRow("LD r1, [sp+2147483648]", "test.stfa:2:12: stack offset [sp+2147483648] is out of range for i32")]
    [DataRow("LDI r1, hello", "test.stfa:2:13: expected a literal (integer, float, true, false, unit or \"string\"), found 'hello'")]
    [DataRow("LDI r1, \"a\" \"b\"", "test.stfa:2:13: expected a literal (integer, float, true, false, unit or \"string\"), found '\"a\" \"b\"'")]
    [DataRow("LDI r1, 256u8", "test.stfa:2:13: 256u8 is out of range for u8")]
    [DataRow("LDI r1, \"open", "test.stfa:2:13: unterminated string")]
    [DataRow("LDI r1, \"\\u{D800}\"", "test.stfa:2:14: expected \\u{…} with 1 to 6 hex digits naming a Unicode scalar value")]
    [DataRow("JMP 3", "test.stfa:2:9: expected a label name, found '3'")]
    [DataRow("JMP a-b", "test.stfa:2:9: expected a label name, found 'a-b'")]
    [DataRow("CALL f(x)", "test.stfa:2:10: expected a function name, found 'f(x)'")]
    [DataRow("3: NOP", "test.stfa:2:5: unknown mnemonic '3'")]
    [DataRow("\"NOP\"", "test.stfa:2:5: unknown mnemonic '\"NOP\"'")]
    [DataRow(".bogus", "test.stfa:2:5: unknown directive '.bogus'")]
    [DataRow(".parent", "test.stfa:2:12: expected a parent function name, found end of line")]
    [DataRow(".parent a b", "test.stfa:2:15: expected end of line, found 'b'")]
    [DataRow(".upvalues a b", "test.stfa:2:17: expected ',' or end of line, found 'b'")]
    [DataRow(".upvalues a,", "test.stfa:2:17: expected an upvalue name, found end of line")]
    public void Single_errors_name_the_exact_position(string line, string expected)
    {
        Stfa.AssertErrors($".function main()\n    {line}\n.end\n", expected);
    }

    [TestMethod]
    [DataRow(".function", "test.stfa:1:10: expected a function name after .function, found end of line")]
    [DataRow(".function 5()", "test.stfa:1:11: expected a function name after .function, found '5'")]
    [DataRow(".function main", "test.stfa:1:15: expected '(' after the function name, found end of line")]
    [DataRow(".function main(a b)", "test.stfa:1:18: expected ',' or ')', found 'b'")]
    [DataRow(".function main(a,)", "test.stfa:1:18: expected a parameter name, found ')'")]
    [DataRow(".function main(a", "test.stfa:1:17: expected ',' or ')', found end of line")]
    [DataRow(".function main() regs 3", "test.stfa:1:18: expected 'registers' or end of line, found 'regs'")]
    [DataRow(".function main() registers", "test.stfa:1:27: expected a register count from 0 to 65535, found end of line")]
    [DataRow(".function main() registers -1", "test.stfa:1:28: expected a register count from 0 to 65535, found '-1'")]
    [DataRow(".function main() registers 65536", "test.stfa:1:28: expected a register count from 0 to 65535, found '65536'")]
    [DataRow(".function main() registers 4 extra", "test.stfa:1:30: expected end of line, found 'extra'")]
    public void Broken_function_headers_are_reported_and_the_body_is_still_checked(string header, string expected)
    {
        Stfa.AssertErrors($"{header}\n    MOVE r0\n.end\n", expected, "test.stfa:2:5: unknown mnemonic 'MOVE'");
    }

    [TestMethod]
    public void Structural_errors_are_reported()
    {
        Stfa.AssertErrors(".end", "test.stfa:1:1: '.end' outside a function");
        Stfa.AssertErrors("  .upvalues a", "test.stfa:1:3: '.upvalues' outside a function");
        Stfa.AssertErrors(".parent p", "test.stfa:1:1: '.parent' outside a function");
        Stfa.AssertErrors("top:", "test.stfa:1:1: label 'top' outside a function");
        Stfa.AssertErrors(".function main()\n  NOP\n", "test.stfa:1:1: function 'main' has no .end");
        Stfa.AssertErrors(".function main()\n.end now\n", "test.stfa:2:6: expected end of line, found 'now'");
        Stfa.AssertErrors(
            ".function f()\n.upvalues a\n.upvalues b\n.parent x\n.parent y\n.end",
            "test.stfa:3:1: '.upvalues' given twice in function 'f'",
            "test.stfa:5:1: '.parent' given twice in function 'f'");
        Stfa.AssertErrors(
            ".function f()\n.end\n.function g()\n.end\n.function f(x)\n.end",
            "test.stfa:5:11: duplicate function 'f' (first defined on line 1)");
    }

    [TestMethod]
    public void Errors_carry_the_file_name_given()
    {
        var error = Assert.ThrowsExactly<Programs.ProgramLoadException>(
            () => global::Stoffel.Vm.Formats.Assembly.StfaAssembler.Assemble(".function main()\n  LDI r1, 300u8\n.end", "x.stfa"));
        CollectionAssert.AreEqual(new[] { "x.stfa:2:11: 300u8 is out of range for u8" }, error.Errors.ToArray());
        Assert.AreEqual("x.stfa:2:11: 300u8 is out of range for u8", error.Message);
    }
}
