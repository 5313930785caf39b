using Stoffel.Vm.Instructions;
using Stoffel.Vm.Runtime;
using Stoffel.Vm.Values;

namespace Stoffel.Vm.Tests.Runtime;

/// <summary>
/// An instruction run with its successor in one dispatch (<see cref="SuccessorFusion"/>): which
/// pairs take it, and that the plain and counting loops compute, branch, fail, count and stop on
/// a budget as the hooked loop does, which runs every instruction on its own.
/// </summary>
[TestClass]
public sealed class SuccessorFusionTests
{
    [TestMethod]
    public void A_move_or_add_names_the_successors_it_runs_with_and_nothing_else()
    {
        Instruction[] code =
        [
            new(Opcode.MOV, 72, 0, 0),
            new(ConstantOperand.ThenJumpIfLess, 24, 2, 0),
            new(Opcode.MOV, 96, 0, 0),
            new(ConstantOperand.ThenSubtract, 24, 1, 0),
            new(Opcode.MOV, 24, 0, 0),
            new(Opcode.ADD, 48, 48, 24),
            new(FusedCompare.JumpIfLess, 48, 72, 5 << 3 | 1),
            new(Opcode.ADD, 0, 96, 0),
            new(Opcode.RET, 0, 0, 0),
            new(Opcode.MOV, 24, 0, 0),
            new(Opcode.SUB, 48, 48, 24),
            new(Opcode.ADD, 48, 48, 24),
            new(Opcode.MUL, 48, 48, 24),
            new(Opcode.SUB, 48, 48, 24),
            new(Opcode.RET, 48, 0, 0),
        ];
        var before = code.ToArray();

        SuccessorFusion.Apply(code, []);

        Opcode[] expected =
        [
            SuccessorFusion.MoveThenConstantJumpIfLess, ConstantOperand.ThenJumpIfLess,
            SuccessorFusion.MoveThenConstantSubtract, ConstantOperand.ThenSubtract,
            SuccessorFusion.MoveThenAdd, SuccessorFusion.AddThenJumpIfLess, FusedCompare.JumpIfLess,
            SuccessorFusion.AddThenReturn, Opcode.RET,
            Opcode.MOV, Opcode.SUB, Opcode.ADD, Opcode.MUL, Opcode.SUB, Opcode.RET,
        ];
        CollectionAssert.AreEqual(expected, code.Select(i => i.Opcode).ToArray());
        CollectionAssert.AreEqual(before.Select(i => (i.A, i.B, i.C)).ToArray(), code.Select(i => (i.A, i.B, i.C)).ToArray(), "operands unchanged");
    }

    [TestMethod]
    public void A_String_constant_load_before_a_fused_call_names_it_and_other_loads_keep_their_opcode()
    {
        Instruction[] code =
        [
            new(Opcode.LDI, 24, 0, 0),
            new(FusedCall.Opcode, 24, 1, 0),
            new(Opcode.CALL, 0, 0, 0),
            new(Opcode.LDI, 24, 1, 0),
            new(FusedCall.Opcode, 24, 1, 0),
            new(Opcode.CALL, 0, 0, 0),
            new(Opcode.LDI, 24, 0, 0),
            new(Opcode.PUSHARG, 24, 0, 0),
            new(Opcode.LDI, 24, 0, 0),
            new(Opcode.RET, 24, 0, 0),
        ];

        SuccessorFusion.Apply(code, [Value.FromString("count"), Value.FromFloat(1.5)]);

        Opcode[] expected =
        [
            SuccessorFusion.LoadThenCall, FusedCall.Opcode, Opcode.CALL,
            Opcode.LDI, FusedCall.Opcode, Opcode.CALL, // a Float: not a String
            Opcode.LDI, Opcode.PUSHARG, Opcode.LDI, Opcode.RET,
        ];
        CollectionAssert.AreEqual(expected, code.Select(i => i.Opcode).ToArray());
    }

    [TestMethod]
    public void A_String_load_replaces_another_kind_over_the_same_string_object()
    {
        // wrap(s) = a Foreign value whose target is s's own string object, the pool's "count"; the
        // LDI of "count" into the register holding it must still write the String.
        var vm = TestPrograms.Load("""
            .function f()
                LDI r2, "count"
                PUSHARG r2
                CALL wrap
                MOV r1, r0
                LDI r1, "count"
                PUSHARG r1
                CALL keep
                RET r0
            .end
            """);
        vm.RegisterFunction("wrap", context => Value.FromForeign(7, context[0].PayloadAs<VmString>()));
        vm.RegisterFunction("keep", context => context[0]);

        Assert.AreEqual(Value.FromString("count"), vm.Execute("f"));
    }

    // pairs(n, step): n when n < 2; else (n - 1) + (n - 1), plus the iterations of a loop that adds
    // step to i from 0 while i < n, plus i. Every pair of SuccessorFusion (instructions 0, 4, 7,
    // 12, 14 and 18 begin one), a jump into the successor of one (JMP test, to 15) and a jump back
    // to the first of one (JMPLT body, to 12).
    private const string Pairs = """
        .function pairs(n, step)
            MOV r3, r0
            LDI r2, 2
            CMP r3, r2
            JMPLT small
            MOV r4, r0
            LDI r2, 1
            SUB r5, r4, r2
            MOV r6, r5
            ADD r6, r6, r5
            LDI r7, 0
            LDI r8, 0
            JMP test
        body:
            MOV r9, r1
            ADD r8, r8, r2
            ADD r7, r7, r9
        test:
            CMP r7, r3
            JMPLT body
            ADD r6, r6, r8
            ADD r0, r6, r7
            RET r0
        small:
            RET r3
        .end
        """;

    // chain(n, step): the last i below n before i, stepping by step from 0, reaches n or more,
    // plus that i. The loop body's end is a MOV (4) whose ADD (5) begins a loop's step and test:
    // MoveThenAdd goes on into that pair.
    private const string Chain = """
        .function chain(n, step)
            MOV r3, r0
            LDI r2, 0
            LDI r4, 0
            JMP test
        body:
            MOV r4, r2
            ADD r2, r2, r1
        test:
            CMP r2, r3
            JMPLT body
            ADD r0, r4, r2
            RET r0
        .end
        """;

    // returned(n, step): twice(i) moved out of r0 and added to a sum (a MOV whose ADD is a plain
    // one), twice(sum) moved out of r0 before the loop's step and test (a MOV whose ADD begins
    // AddThenJumpIfLess), for i from 0 by step while i < n; then the last two results' sum. A
    // common return runs the MOV after its CALL as it copies the result to r0.
    private const string Returned = """
        .function returned(n, step)
            MOV r3, r0
            LDI r2, 0
            LDI r4, 0
            LDI r5, 0
            LDI r6, 0
            JMP test
        body:
            PUSHARG r2
            CALL twice
            MOV r5, r0
            ADD r4, r4, r5
            PUSHARG r4
            CALL twice
            MOV r6, r0
            ADD r2, r2, r1
        test:
            CMP r2, r3
            JMPLT body
            ADD r0, r6, r5
            RET r0
        .end


        """ + TestPrograms.TwiceFunction;

    private static string Source(string function) => function switch
    {
        "pairs" => Pairs,
        "chain" => Chain,
        _ => Returned,
    };

    [TestMethod]
    [DataRow("pairs", 0L, 1L, 0L)]
    [DataRow("pairs", 1L, 1L, 1L)]
    [DataRow("pairs", 2L, 1L, 2L + 2 + 2)]
    [DataRow("pairs", 10L, 1L, 18L + 10 + 10)]
    [DataRow("pairs", 10L, 3L, 18L + 4 + 12)]
    [DataRow("chain", 0L, 3L, 0L)]
    [DataRow("chain", 10L, 3L, 9L + 12)]
    [DataRow("chain", 10L, 1L, 9L + 10)]
    [DataRow("returned", 0L, 1L, 0L)]
    [DataRow("returned", 3L, 1L, 12L + 4)]
    [DataRow("returned", 10L, 3L, 72L + 18)]
    public void Fused_pairs_give_the_hooked_loops_results_and_counts(string function, long n, long step, long expected)
    {
        var plain = TestPrograms.Load(Source(function));
        var counted = TestPrograms.Load(Source(function));
        counted.Hooks.RegisterInstructionCounting();
        var hooked = TestPrograms.LoadHooked(Source(function));
        hooked.Hooks.RegisterInstructionCounting();

        foreach (var (vm, name) in new[] { (plain, "plain"), (counted, "counting"), (hooked, "hooked") })
        {
            Assert.AreEqual(expected, vm.Execute(function, Value.FromI64(n), Value.FromI64(step)).AsI64, name);
        }
        Assert.AreEqual(hooked.Inspector.InstructionsExecuted, plain.Inspector.InstructionsExecuted);
        Assert.AreEqual(hooked.Inspector.InstructionsExecuted, counted.Inspector.InstructionsExecuted);
        CollectionAssert.AreEqual(Hits(hooked), Hits(counted), "each instruction counted once, fused or not");
    }

    private static string[] Hits(VirtualMachine vm) =>
        vm.Inspector.GetInstructionCounts().OrderBy(c => c.Function.Name, StringComparer.Ordinal).Select(c => $"{c.Function.Name}: {string.Join(' ', c.InstructionHits)}").ToArray();

    [TestMethod]
    [DataRow("pairs", 4L, 1L)]
    [DataRow("chain", 7L, 2L)]
    [DataRow("returned", 4L, 1L)]
    public void A_budget_that_ends_inside_a_pair_stops_where_the_hooked_loop_stops(string function, long n, long step)
    {
        var total = TestPrograms.Load(Source(function));
        total.Execute(function, Value.FromI64(n), Value.FromI64(step));
        for (var budget = 1L; budget < total.Inspector.InstructionsExecuted; budget++)
        {
            var plain = TestPrograms.StopOnBudget(TestPrograms.Load(Source(function)), budget, function, Value.FromI64(n), Value.FromI64(step));
            var hooked = TestPrograms.StopOnBudget(TestPrograms.LoadHooked(Source(function)), budget, function, Value.FromI64(n), Value.FromI64(step));
            Assert.AreEqual(hooked, plain, $"budget {budget}");
            Assert.AreEqual(budget, plain.Executed, $"budget {budget}");
        }
    }

    [TestMethod]
    [DataRow("pairs", long.MaxValue, 1L, 8, 9L)]
    [DataRow("pairs", 3L, long.MinValue / 2 - 1, 14, 22L)]
    [DataRow("chain", long.MaxValue, long.MaxValue / 2 + 1, 5, 12L)]
    public void An_overflowing_add_in_a_pair_fails_at_its_own_instruction(string function, long n, long step, int failing, long executed)
    {
        // pairs: n = MaxValue: (n - 1) + (n - 1) overflows in a MOV's successor (8); a step below
        // half of MinValue: the loop's second step overflows in the first of a pair (14). chain:
        // the second step overflows in the ADD a MOV went on into, the first of a pair itself (5).
        foreach (var vm in new[] { TestPrograms.Load(Source(function)), TestPrograms.LoadHooked(Source(function)) })
        {
            vm.Limits = vm.Limits with { MaxInstructions = 1000 }; // an ADD that did not fail would loop for 2^63 steps
            var error = Assert.ThrowsExactly<VmException>(() => vm.Execute(function, Value.FromI64(n), Value.FromI64(step)));

            Assert.AreEqual((VmErrorKind.IntegerOverflow, failing), (error.Kind, error.InstructionIndex));
            Assert.AreEqual(executed, vm.Inspector.InstructionsExecuted, "the instructions before it and the failing one");
        }
    }

    [TestMethod]
    public void Operands_other_than_two_I64s_take_the_general_path_in_both_loops()
    {
        foreach (var vm in new[] { TestPrograms.Load(Pairs), TestPrograms.LoadHooked(Pairs) })
        {
            Assert.AreEqual(Value.FromFloat(4 + 2 + 5.0), vm.Execute("pairs", Value.FromI64(3), Value.FromFloat(2.5)),
                "I64 plus Float is a Float (SEMANTICS.md 3.3): i becomes a Float, and so does the sum returned");
            var error = Assert.ThrowsExactly<VmException>(() => vm.Execute("pairs", Value.FromI64(3), Value.FromString("s")));
            Assert.AreEqual((VmErrorKind.TypeError, 14), (error.Kind, error.InstructionIndex), "the step, the first of a pair");
        }
    }

    [TestMethod]
    public void A_slice_that_ends_at_a_return_leaves_the_result_for_the_move_after_it()
    {
        // main(n, pad) runs pad iterations of a three-instruction loop, then returned(n, 1): the one
        // service point (every 1,024 instructions) lands at each of the fourteen places in one of
        // returned's iterations, those after its two returns among them.
        var source = """
            .function main(n, pad)
                LDI r2, 0
                LDI r3, 1
                JMP test
            again:
                ADD r2, r2, r3
            test:
                CMP r2, r1
                JMPLT again
                PUSHARG r0
                PUSHARG r3
                CALL returned
                RET r0
            .end


            """ + Returned;
        for (var pad = 0; pad < 14; pad++)
        {
            Assert.AreEqual(2L * 100 * 99 + 2 * 99, TestPrograms.Load(source).Execute("main", Value.FromI64(100), Value.FromI64(pad)).AsI64, $"pad {pad}");
        }
    }

    [TestMethod]
    public void A_returned_Float_moved_and_added_takes_the_general_path_in_both_loops()
    {
        foreach (var vm in new[] { TestPrograms.Load(Returned), TestPrograms.LoadHooked(Returned) })
        {
            // i = 0, then 2.5 (a Float): twice(2.5) = 5.0 moved and added to the sum 0, twice(5.0) = 10.0
            Assert.AreEqual(Value.FromFloat(10.0 + 5.0), vm.Execute("returned", Value.FromI64(3), Value.FromFloat(2.5)));
        }
    }
}
