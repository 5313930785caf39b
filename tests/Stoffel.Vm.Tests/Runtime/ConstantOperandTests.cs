using Stoffel.Vm.Instructions;
using Stoffel.Vm.Runtime;
using Stoffel.Vm.Values;

namespace Stoffel.Vm.Tests.Runtime;

/// <summary>
/// A constant load run with the instruction after it (<see cref="ConstantOperand"/>): which loads
/// take it, and that the plain loop computes, branches, fails and counts as the hooked loop does,
/// which runs every instruction on its own.
/// </summary>
[TestClass]
public sealed class ConstantOperandTests
{
    [TestMethod]
    public void A_constant_load_names_a_following_fused_compare_add_or_subtract_and_nothing_else()
    {
        Instruction[] code =
        [
            new(InlineConstant.Opcode, 24, 2, 0),
            new(FusedCompare.Opcode, 72, 24, 5 << 3 | 2),
            new(InlineConstant.Opcode, 24, 1, 0),
            new(Opcode.SUB, 48, 72, 24),
            new(InlineConstant.Opcode, 24, 1, 0),
            new(Opcode.ADD, 48, 48, 24),
            new(InlineConstant.Opcode, 24, 1, 0),
            new(Opcode.MUL, 48, 48, 24),
            new(Opcode.LDI, 24, 0, 0),
            new(Opcode.ADD, 48, 48, 24),
            new(InlineConstant.Opcode, 0, 1, 0),
            new(FusedCompare.JumpIfLess, 72, 0, 5 << 3 | 1),
        ];
        var before = code.ToArray();

        ConstantOperand.Apply(code);

        Opcode[] expected =
        [
            ConstantOperand.ThenCompare, FusedCompare.Opcode, ConstantOperand.ThenSubtract, Opcode.SUB, ConstantOperand.ThenAdd, Opcode.ADD,
            InlineConstant.Opcode, Opcode.MUL, Opcode.LDI, Opcode.ADD, ConstantOperand.ThenJumpIfLess, FusedCompare.JumpIfLess,
        ];
        CollectionAssert.AreEqual(expected, code.Select(i => i.Opcode).ToArray());
        CollectionAssert.AreEqual(before.Select(i => (i.A, i.B, i.C)).ToArray(), code.Select(i => (i.A, i.B, i.C)).ToArray(), "operands unchanged");
    }

    // steps(n): n - 1 when n < 2 (a constant compare); else (n - 1) + ((n - 1) + 2) - 3 + 3 - 3, that
    // is 2n - 3, each constant loaded into r1 just before its use, and the last read again twice
    // after its use (the load must still write its register).
    private const string Steps = """
        .function steps(n)
            LDI r1, 2
            CMP r0, r1
            JMPLT small
            LDI r1, 1
            SUB r2, r0, r1
            LDI r1, 2
            ADD r3, r2, r1
            ADD r2, r2, r3
            LDI r1, 3
            SUB r2, r2, r1
            ADD r2, r2, r1
            SUB r2, r2, r1
            RET r2
        small:
            LDI r1, -1
            ADD r0, r0, r1
            RET r0
        .end
        """;

    [TestMethod]
    [DataRow(0L, -1L)]
    [DataRow(1L, 0L)]
    [DataRow(2L, 1L)]
    [DataRow(10L, 17L)]
    [DataRow(-7L, -8L)]
    public void Constant_operands_give_the_hooked_loops_results_and_counts(long n, long expected)
    {
        var (plain, hooked) = (TestPrograms.Load(Steps), TestPrograms.LoadHooked(Steps));

        Assert.AreEqual(expected, plain.Execute("steps", Value.FromI64(n)).AsI64, "plain");
        Assert.AreEqual(expected, hooked.Execute("steps", Value.FromI64(n)).AsI64, "hooked");
        Assert.AreEqual(hooked.Inspector.InstructionsExecuted, plain.Inspector.InstructionsExecuted);
    }

    [TestMethod]
    [DataRow(long.MinValue, 3, 4L)]
    [DataRow(long.MaxValue, 6, 5L)]
    public void An_overflow_after_a_constant_load_fails_at_its_own_instruction(long n, int failing, long executed)
    {
        const string source = """
            .function edge(n)
                LDI r1, 1
                CMP r0, r1
                JMPGT up
                SUB r2, r0, r1
                RET r2
            up:
                LDI r1, 1
                ADD r2, r0, r1
                RET r2
            .end
            """;
        foreach (var vm in new[] { TestPrograms.Load(source), TestPrograms.LoadHooked(source) })
        {
            var error = Assert.ThrowsExactly<VmException>(() => vm.Execute("edge", Value.FromI64(n)));

            Assert.AreEqual((VmErrorKind.IntegerOverflow, failing), (error.Kind, error.InstructionIndex));
            Assert.AreEqual(executed, vm.Inspector.InstructionsExecuted, "the loads and the failing instruction count, nothing after it");
        }
    }

    [TestMethod]
    public void A_left_operand_that_is_not_an_I64_takes_the_general_path_in_both_loops()
    {
        const string source = """
            .function mixed(x)
                LDI r1, 1
                ADD r2, r0, r1
                RET r2
            .end
            """;
        foreach (var vm in new[] { TestPrograms.Load(source), TestPrograms.LoadHooked(source) })
        {
            Assert.AreEqual(Value.FromFloat(2.5), vm.Execute("mixed", Value.FromFloat(1.5)), "Float op I64 gives a Float (SEMANTICS.md 3.3)");
            foreach (var left in new[] { Value.FromI32(7), Value.FromString("s") })
            {
                var error = Assert.ThrowsExactly<VmException>(() => vm.Execute("mixed", left), "mixed integer kinds and a string are type errors");
                Assert.AreEqual((VmErrorKind.TypeError, 1), (error.Kind, error.InstructionIndex));
            }
        }
    }
}
