using Stoffel.Vm.Instructions;
using Stoffel.Vm.Runtime;
using Stoffel.Vm.Values;

namespace Stoffel.Vm.Tests.Runtime;

/// <summary>
/// The plain loop's fused compare-and-jump (<see cref="FusedCompare"/>): which pairs fuse, and
/// that every conditional jump takes the same branch fused (plain loop) as unfused (hooked loop),
/// for I64 operands (the fast path) and others (the CMP it replaced).
/// </summary>
[TestClass]
public sealed class FusedCompareTests
{
    [TestMethod]
    public void A_CMP_fuses_with_the_conditional_jump_after_it_and_nothing_else()
    {
        Instruction[] code =
        [
            new(Opcode.CMP, 1, 2, 0),
            new(Opcode.JMPLT, 7, 0, 0),
            new(Opcode.CMP, 3, 4, 0),
            new(Opcode.JMP, 0, 0, 0),
            new(Opcode.CMP, 5, 6, 0),
            new(Opcode.JMPNEQ, 0, 0, 0),
            new(Opcode.RET, 0, 0, 0),
        ];

        var fused = FusedCompare.Fuse(code);

        Assert.AreEqual(FusedCompare.JumpIfLess, fused[0].Opcode, "a JMPLT has its own");
        Assert.AreEqual(FusedCompare.Opcode, fused[4].Opcode);
        Assert.AreEqual((1, 2, 7), (fused[0].A, fused[0].B, FusedCompare.Target(fused[0].C)));
        Assert.IsTrue(FusedCompare.Takes(fused[0].C, CompareFlag.Less));
        Assert.IsFalse(FusedCompare.Takes(fused[0].C, CompareFlag.Equal) || FusedCompare.Takes(fused[0].C, CompareFlag.Greater));
        Assert.AreEqual(code[1], fused[1], "the jump keeps its place for jumps to it");
        Assert.AreEqual(code[2], fused[2], "an unconditional JMP after a CMP does not read the flag");
        Assert.AreEqual(0, FusedCompare.Target(fused[4].C));
        Assert.IsTrue(FusedCompare.Takes(fused[4].C, CompareFlag.Less) && FusedCompare.Takes(fused[4].C, CompareFlag.Greater));
        Assert.IsFalse(FusedCompare.Takes(fused[4].C, CompareFlag.Equal));
    }

    [TestMethod]
    [DataRow(1L, 2L)]
    [DataRow(2L, 2L)]
    [DataRow(3L, 2L)]
    public void A_fused_JMPLT_leaves_the_CMPs_flag_for_the_jumps_after_it(long a, long b)
    {
        // Each jump after the fused pair reads the flag it set, on both of its ways; the result
        // tells which of less, equal and greater the flag said.
        const string source = """
            .function order(a, b)
                CMP r0, r1
                JMPLT less
                JMPEQ equal
                LDI r2, 1
                RET r2
            equal:
                LDI r2, 0
                RET r2
            less:
                JMPGT wrong
                JMPEQ wrong
                LDI r2, -1
                RET r2
            wrong:
                LDI r2, 9
                RET r2
            .end
            """;
        var plain = TestPrograms.Load(source);
        var hooked = TestPrograms.LoadHooked(source);

        Assert.AreEqual((long)Math.Sign(a - b), plain.Execute("order", Value.FromI64(a), Value.FromI64(b)).AsI64, "plain");
        Assert.AreEqual((long)Math.Sign(a - b), hooked.Execute("order", Value.FromI64(a), Value.FromI64(b)).AsI64, "hooked");
    }

    [TestMethod]
    [DataRow("JMPEQ")]
    [DataRow("JMPNEQ")]
    [DataRow("JMPLT")]
    [DataRow("JMPGT")]
    public void Every_jump_takes_the_branch_its_definition_gives_in_both_loops(string jump)
    {
        var source = $"""
            .function pick(a, b)
                CMP r0, r1
                {jump} yes
                LDI r2, 0
                RET r2
            yes:
                LDI r2, 1
                RET r2
            .end
            """;
        var plain = TestPrograms.Load(source);
        var hooked = TestPrograms.LoadHooked(source);
        (Value A, Value B, int Order)[] cases =
        [
            (Value.FromI64(1), Value.FromI64(2), -1),
            (Value.FromI64(2), Value.FromI64(2), 0),
            (Value.FromI64(long.MaxValue), Value.FromI64(long.MinValue), 1),
            (Value.FromFloat(1.5), Value.FromFloat(2.5), -1),
            (Value.FromFloat(2.5), Value.FromFloat(2.5), 0),
            (Value.FromFloat(3.5), Value.FromFloat(-2.5), 1),
        ];
        foreach (var (a, b, order) in cases)
        {
            var expected = jump switch
            {
                "JMPEQ" => order == 0,
                "JMPNEQ" => order != 0,
                "JMPLT" => order < 0,
                _ => order > 0,
            } ? 1L : 0L;
            Assert.AreEqual(expected, plain.Execute("pick", a, b).AsI64, $"plain {jump} {a} {b}");
            Assert.AreEqual(expected, hooked.Execute("pick", a, b).AsI64, $"hooked {jump} {a} {b}");
        }
    }
}
