using System.Runtime.CompilerServices;
using Stoffel.Vm.Hooks;
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

    [TestMethod]
    public void A_constant_add_before_a_fused_call_names_the_call_too()
    {
        Instruction[] code =
        [
            new(InlineConstant.Opcode, 48, 1, 0),
            new(Opcode.ADD, 48, 0, 48),
            new(FusedCall.Opcode, 24, 2, 1),
            new(Opcode.PUSHARG, 48, 0, 0),
            new(Opcode.CALL, 1, 0, 0),
            new(InlineConstant.Opcode, 48, 1, 0),
            new(Opcode.ADD, 48, 0, 48),
            new(Opcode.RET, 48, 0, 0),
        ];

        ConstantOperand.Apply(code);

        Assert.AreEqual(ConstantOperand.ThenAddThenCall, code[0].Opcode, "an upvalue counter's step before its set_upvalue");
        Assert.AreEqual(Opcode.ADD, code[1].Opcode);
        Assert.AreEqual(ConstantOperand.ThenAdd, code[5].Opcode, "no call after the ADD");
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

    // twice(start): a counter from start (SharedPrograms.Counter, whose increment adds the
    // constant 1 to its upvalue between get_upvalue and set_upvalue) called twice; returns the
    // second count.
    private const string Twice = """
        .function twice(start)
            PUSHARG r0
            CALL make_counter
            MOV r6, r0
            PUSHARG r6
            CALL call_closure
            PUSHARG r6
            CALL call_closure
            RET r0
        .end
        """;

    [TestMethod]
    public void An_upvalue_counters_constant_step_computes_and_fails_as_each_instruction_on_its_own()
    {
        foreach (var (name, vm) in CounterVms())
        {
            Assert.AreEqual(Value.FromI64(42), vm.Execute("twice", Value.FromI64(40)), name);
            Assert.AreEqual(Value.FromFloat(3.5), vm.Execute("twice", Value.FromFloat(1.5)), $"{name}: Float op I64 gives a Float (SEMANTICS.md 3.3)");
            foreach (var (start, kind) in new[] { (Value.FromI64(long.MaxValue - 1), VmErrorKind.IntegerOverflow), (Value.FromString("s"), VmErrorKind.TypeError) })
            {
                var error = Assert.ThrowsExactly<VmException>(() => vm.Execute("twice", start), name);
                Assert.AreEqual((kind, "increment", 4), (error.Kind, error.FunctionName, error.InstructionIndex), $"{name}: the ADD fails");
            }
        }
    }

    [TestMethod]
    public void An_upvalue_counters_step_runs_inline_and_counts_every_instruction()
    {
        var delegateCalls = new StrongBox<int>();
        var plain = InlineBuiltinVms.CounterVm(delegateCalls, Twice);
        var hooked = CounterVms().Last().Vm;

        Assert.AreEqual(Value.FromI64(2), plain.Execute("twice", Value.FromI64(0)));
        Assert.AreEqual(0, delegateCalls.Value, "get_upvalue, set_upvalue and call_closure ran inline");
        hooked.Execute("twice", Value.FromI64(0));
        Assert.AreEqual(hooked.Inspector.InstructionsExecuted, plain.Inspector.InstructionsExecuted);
    }

    // The counter VM in the plain loop, in the tracing loop (a no-op hook on every instruction) and
    // in the hooked loop (a hook after every instruction), which runs the program's own code.
    private static IEnumerable<(string Name, VirtualMachine Vm)> CounterVms()
    {
        var tracing = InlineBuiltinVms.CounterVm(new StrongBox<int>(), Twice);
        tracing.Hooks.Register(HookEventMask.BeforeInstructionExecute, static (in HookEvent _, HookContext _) => { });
        var hooked = InlineBuiltinVms.CounterVm(new StrongBox<int>(), Twice);
        hooked.Hooks.Register(HookEventMask.AfterInstructionExecute, static (in HookEvent _, HookContext _) => { });
        return [("plain", InlineBuiltinVms.CounterVm(new StrongBox<int>(), Twice)), ("tracing", tracing), ("hooked", hooked)];
    }
}
