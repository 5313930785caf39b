using Stoffel.Vm.Hooks;
using Stoffel.Vm.Runtime;
using Stoffel.Vm.Values;

namespace Stoffel.Vm.Tests.Runtime;

/// <summary>
/// The plain loop charges the service countdown per basic block (<see cref="BlockCosts"/>), the
/// hooked loop per instruction: the instruction count must read the same wherever it is read —
/// by a foreign function at its CALL, after an error inside a block, where a budget stops a run
/// — including in runs longer than a service slice (1,024 instructions), where the plain loop
/// runs all but the last slice.
/// </summary>
[TestClass]
public sealed class BlockChargingTests
{
    // main() runs 150 loop bodies of 25 or 26 instructions: f(i) takes one of two paths, probe
    // records the count a foreign function reads at its CALL, set_field runs in place from a fused
    // run and get_field from an unfused CALL (the LDI splits its PUSHARGs). 3,833 instructions in all.
    private const string Loop = """
        .function main()
            LDI r1, 0
            LDI r2, 150
            LDI r3, 1
            LDI r4, 0
            CALL create_object
            MOV r5, r0
            LDI r6, "count"
        loop:
            PUSHARG r1
            CALL f
            ADD r4, r4, r0
            PUSHARG r4
            CALL probe
            MOV r4, r0
            PUSHARG r5
            PUSHARG r6
            PUSHARG r4
            CALL set_field
            PUSHARG r5
            LDI r7, 0
            PUSHARG r6
            CALL get_field
            MOV r4, r0
            ADD r1, r1, r3
            CMP r1, r2
            JMPLT loop
            RET r4
        .end
        .function f(x)
            LDI r1, 2
            MOD r2, r0, r1
            LDI r3, 0
            CMP r2, r3
            JMPEQ even
            SUB r0, r0, r1
            RET r0
        even:
            ADD r0, r0, r1
            JMP done
        done:
            RET r0
        .end
        """;

    private const long LoopInstructions = 7 + 75 * (18 + 7) + 75 * (18 + 8) + 1;

    [TestMethod]
    public void A_foreign_function_reads_the_same_count_in_the_plain_and_the_hooked_loop()
    {
        var (plain, plainSeen) = Load(Loop, hooked: false);
        var (hooked, hookedSeen) = Load(Loop, hooked: true);

        Assert.AreEqual(plain.Execute("main"), hooked.Execute("main"));

        Assert.AreEqual(LoopInstructions, plain.Inspector.InstructionsExecuted);
        Assert.AreEqual(LoopInstructions, hooked.Inspector.InstructionsExecuted);
        Assert.HasCount(150, plainSeen);
        CollectionAssert.AreEqual(hookedSeen, plainSeen);
        Assert.AreEqual(7 + 2 + 8 + 3, plainSeen[0], "the first probe: main's seven, PUSHARG and CALL f, f's even path, ADD, PUSHARG and the CALL");
    }

    [TestMethod]
    [DataRow(0L, DisplayName = "instructions alone")]
    [DataRow(40L, DisplayName = "a builtin charging work")]
    public void Every_budget_stops_a_run_longer_than_a_slice_where_the_hooked_loop_stops_it(long probeWork)
    {
        for (var budget = 1L; budget < LoopInstructions; budget++)
        {
            var plain = Stop(Load(Loop, hooked: false, probeWork), budget);
            var hooked = Stop(Load(Loop, hooked: true, probeWork), budget);

            Assert.AreEqual(hooked, plain, $"budget {budget}");
            if (probeWork == 0)
            {
                Assert.AreEqual(budget, plain.Executed, $"budget {budget}");
            }
        }
        var (exact, _) = Load(Loop, hooked: false);
        exact.Limits = exact.Limits with { MaxInstructions = LoopInstructions };
        exact.Execute("main");
        Assert.AreEqual(LoopInstructions, exact.Inspector.InstructionsExecuted, "a budget of exactly the run's instructions lets it finish");
    }

    [TestMethod]
    [DataRow(0L, DisplayName = "instructions alone")]
    [DataRow(40L, DisplayName = "a builtin charging work")]
    public void The_counting_loop_charges_blocks_and_stops_where_the_hooked_loop_stops(long probeWork)
    {
        for (var budget = 1L; budget < LoopInstructions; budget += 7)
        {
            var loaded = Load(Loop, hooked: false, probeWork);
            loaded.Vm.Hooks.RegisterInstructionCounting();
            var counted = Stop(loaded, budget);
            var hooked = Stop(Load(Loop, hooked: true, probeWork), budget);

            Assert.AreEqual(hooked, counted, $"budget {budget}");
            Assert.AreEqual(counted.Executed, loaded.Vm.Inspector.GetInstructionCounts().Sum(c => c.InstructionHits.Sum()), $"budget {budget}: the counters");
            if (probeWork == 0)
            {
                Assert.AreEqual(budget, counted.Executed, $"budget {budget}");
            }
        }
    }

    [TestMethod]
    public void An_error_inside_a_block_counts_its_instruction_and_none_after_it()
    {
        // 1,200 loop instructions first, so that the error comes in a slice the plain loop runs;
        // then a block of five whose third instruction overflows.
        const string source = """
            .function main()
                LDI r1, 0
                LDI r2, 300
                LDI r3, 1
            spin:
                ADD r1, r1, r3
                CMP r1, r2
                JMPLT spin
                LDI r4, 9223372036854775807
                LDI r5, 1
                ADD r6, r4, r5
                LDI r7, 0
                RET r7
            .end
            """;
        foreach (var hooked in new[] { false, true })
        {
            var (vm, _) = Load(source, hooked);

            var error = Assert.ThrowsExactly<VmException>(() => vm.Execute("main"));

            Assert.AreEqual(VmErrorKind.IntegerOverflow, error.Kind, hooked ? "hooked" : "plain");
            Assert.AreEqual(8, error.InstructionIndex, hooked ? "hooked" : "plain");
            Assert.AreEqual(3 + 300 * 3 + 3L, vm.Inspector.InstructionsExecuted, hooked ? "hooked" : "plain");
        }
    }

    [TestMethod]
    public void A_block_longer_than_a_slice_runs_and_a_budget_inside_it_stops_at_its_instruction()
    {
        const int Loads = 3000;
        var source = ".function main()\n" + string.Concat(Enumerable.Repeat(" LDI r1, 7\n", Loads)) + " RET r1\n.end";

        var (whole, _) = Load(source, hooked: false);
        Assert.AreEqual(7L, whole.Execute("main").AsI64);
        Assert.AreEqual(Loads + 1L, whole.Inspector.InstructionsExecuted);

        foreach (var budget in new[] { 1000L, 1024, 1025, 2047, 2500, Loads })
        {
            var stop = Stop(Load(source, hooked: false), budget);
            Assert.AreEqual(("main", (int)budget, budget), (stop.Function, stop.Instruction, stop.Executed), $"budget {budget}");
        }
    }

    private static (string Function, int Instruction, long Executed) Stop((VirtualMachine Vm, List<long> Seen) loaded, long budget)
    {
        var (function, instruction, executed, _) = TestPrograms.StopOnBudget(loaded.Vm, budget, "main");
        return (function, instruction, executed);
    }

    // main() counts to 100, then calls nest, a foreign function that runs inner(100) in a nested
    // run, in which probe reads the count.
    private const string Nested = """
        .function main()
            LDI r1, 0
            LDI r2, 100
            LDI r3, 1
        loop:
            ADD r1, r1, r3
            CMP r1, r2
            JMPLT loop
            PUSHARG r1
            CALL nest
            RET r0
        .end
        .function inner(x)
            PUSHARG r0
            CALL probe
            RET r0
        .end
        """;

    [TestMethod]
    [DataRow(false, DisplayName = "plain loop")]
    [DataRow(true, DisplayName = "hooked loop")]
    public void A_nested_run_counts_on_from_where_the_run_it_interrupts_stands(bool hooked)
    {
        // inner(100) as a run of its own: what probe reads, and its instructions in all.
        var (alone, aloneSeen) = Load(Nested, hooked);
        alone.Execute("inner", Value.FromI64(100));
        var (probeAlone, innerAlone) = (aloneSeen.Single(), alone.Inspector.InstructionsExecuted);

        var (vm, seen) = Load(Nested, hooked);
        vm.RegisterFunction("nest", context =>
        {
            seen.Add(vm.Inspector.InstructionsExecuted);
            var result = vm.Execute("inner", context[0]);
            seen.Add(vm.Inspector.InstructionsExecuted);
            return result;
        });
        Assert.AreEqual(100L, vm.Execute("main").AsI64);

        var (atNest, atProbe, afterInner) = (seen[0], seen[1], seen[2]);
        Assert.AreEqual(3 + 3 * 100 + 2, atNest, "main's count at its CALL of nest");
        Assert.AreEqual(atNest + probeAlone, atProbe, "the nested run counts on from the CALL, not from where the slice it interrupts started");
        Assert.AreEqual(atNest + innerAlone, afterInner);
        Assert.AreEqual(afterInner + 1, vm.Inspector.InstructionsExecuted, "main's RET");
    }

    // hooked: a no-op hook on every instruction runs the program in the hooked loop, which counts per instruction.
    // probeWork: units of work probe charges at each call, which count against the budget where a
    // slice ends (the plain loop runs the rest of a slice it left at a block that did not fit one
    // by one, so that its slices end where the hooked loop's do: VMState.RunRestOfSlice).
    private static (VirtualMachine Vm, List<long> Seen) Load(string source, bool hooked, long probeWork = 0)
    {
        var vm = TestPrograms.Load(source);
        vm.RegisterFunction("create_object", context => context.Objects.CreateObject());
        vm.RegisterBuiltin("get_field", context => context.ReadTable(context[0], context[1]), Intrinsic.GetField);
        vm.RegisterBuiltin("set_field", context =>
        {
            context.WriteTable(context[0], context[1], context[2]);
            return Value.Unit;
        }, Intrinsic.SetField);
        var seen = new List<long>();
        vm.RegisterFunction("probe", context =>
        {
            seen.Add(vm.Inspector.InstructionsExecuted);
            context.ChargeWork(probeWork);
            return context[0];
        });
        if (hooked)
        {
            vm.Hooks.Register(HookEventMask.BeforeInstructionExecute, static (in HookEvent e, HookContext context) => { });
        }
        return (vm, seen);
    }
}
