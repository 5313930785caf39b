using Stoffel.Vm.Hooks;
using Stoffel.Vm.Instructions;
using Stoffel.Vm.Runtime;
using Stoffel.Vm.Values;

namespace Stoffel.Vm.Tests.Runtime;

/// <summary>
/// The plain loop's fused calls (<see cref="FusedCall"/>): which instructions fuse, and that a
/// fused run behaves as its PUSHARGs and CALL one at a time — the same results, the same
/// instruction counts, and a budget that ends inside a run stops at the same instruction as in
/// the hooked loop, which never fuses.
/// </summary>
[TestClass]
public sealed class FusedCallTests
{
    // main(skip): pushes 10 and 20 and calls argc, or jumps past the first PUSHARG into the run.
    private const string JumpIntoRun = """
        .function main(skip)
            LDI r1, 10
            LDI r2, 20
            LDI r3, 0
            CMP r0, r3
            JMPNEQ mid
            PUSHARG r1
        mid:
            PUSHARG r2
            CALL argc
            RET r0
        .end
        """;

    // main() calls sum3(1, 2, 3) three times in a loop and a foreign argc once: 7 + 3 runs of the loop body.
    private const string Calls = """
        .function main()
            LDI r1, 1
            LDI r2, 2
            LDI r3, 3
            LDI r4, 0
            LDI r5, 3
            LDI r6, 0
        body:
            PUSHARG r1
            PUSHARG r2
            PUSHARG r3
            CALL sum3
            ADD r6, r6, r0
            ADD r4, r4, r1
            CMP r4, r5
            JMPLT body
            PUSHARG r6
            PUSHARG r1
            CALL argc
            RET r0
        .end
        .function sum3(a, b, c)
            ADD r3, r0, r1
            ADD r3, r3, r2
            RET r3
        .end
        """;

    [TestMethod]
    public void Each_PUSHARG_of_a_run_that_ends_in_a_CALL_fuses_with_the_rest_of_the_run()
    {
        Instruction[] code =
        [
            new(Opcode.PUSHARG, 1, 0, 0),
            new(Opcode.PUSHARG, 2, 0, 0),
            new(Opcode.CALL, 7, 0, 0),
            new(Opcode.PUSHARG, 3, 0, 0),
            new(Opcode.ADD, 0, 0, 0),
            new(Opcode.PUSHARG, 4, 0, 0),
            new(Opcode.CALL, 9, 0, 0),
            new(Opcode.RET, 0, 0, 0),
        ];

        var fused = FusedCall.Fuse(code);

        Assert.AreEqual(new Instruction(FusedCall.Opcode, 1, 2, 7), fused[0]);
        Assert.AreEqual(new Instruction(FusedCall.Opcode, 2, 1, 7), fused[1], "a jump to the second PUSHARG runs the rest of the run");
        Assert.AreEqual(code[2], fused[2]);
        Assert.AreEqual(code[3], fused[3], "a PUSHARG not followed by a CALL stays");
        Assert.AreEqual(new Instruction(FusedCall.Opcode, 4, 1, 9), fused[5]);
        Assert.AreEqual(Opcode.PUSHARG, code[0].Opcode, "the program's own code is not changed");
    }

    [TestMethod]
    public void Runs_longer_than_the_limit_fuse_only_their_tail_and_code_without_calls_is_shared()
    {
        var code = Enumerable.Range(0, FusedCall.MaxPushes + 1).Select(r => new Instruction(Opcode.PUSHARG, r, 0, 0))
            .Append(new Instruction(Opcode.CALL, 0, 0, 0)).ToArray();

        var fused = FusedCall.Fuse(code);

        Assert.AreEqual(code[0], fused[0]);
        Assert.AreEqual(new Instruction(FusedCall.Opcode, 1, FusedCall.MaxPushes, 0), fused[1]);
        Instruction[] plain = [new(Opcode.PUSHARG, 1, 0, 0), new(Opcode.RET, 0, 0, 0)];
        Assert.AreSame(plain, FusedCall.Fuse(plain));
    }

    [TestMethod]
    [DataRow(0L, 2 * 1000 + 30L)]
    [DataRow(1L, 1 * 1000 + 20L)]
    public void A_jump_into_a_run_pushes_only_the_PUSHARGs_from_there(long skip, long expected)
    {
        foreach (var hooked in new[] { false, true })
        {
            var vm = LoadWithArgc(JumpIntoRun, hooked);
            Assert.AreEqual(expected, vm.Execute("main", Value.FromI64(skip)).AsI64, hooked ? "hooked" : "plain");
        }
    }

    [TestMethod]
    public void A_fused_run_counts_as_its_instructions_in_every_loop()
    {
        var plain = LoadWithArgc(Calls, hooked: false);
        var counted = LoadWithArgc(Calls, hooked: false);
        counted.Hooks.RegisterInstructionCounting();
        var hooked = LoadWithArgc(Calls, hooked: true);

        Assert.AreEqual(2 * 1000 + 19L, plain.Execute("main").AsI64);
        Assert.AreEqual(2 * 1000 + 19L, counted.Execute("main").AsI64);
        Assert.AreEqual(2 * 1000 + 19L, hooked.Execute("main").AsI64);

        const long expected = 6 + 3 * (8 + 3) + 4; // setup, three loop bodies with sum3, the argc call and RET
        Assert.AreEqual(expected, plain.Inspector.InstructionsExecuted);
        Assert.AreEqual(expected, counted.Inspector.InstructionsExecuted);
        Assert.AreEqual(expected, counted.Inspector.GetInstructionCounts().Sum(c => c.InstructionHits.Sum()));
        Assert.AreEqual(expected, hooked.Inspector.InstructionsExecuted);

        // Each instruction's counter, fused (counting loop) and unfused (hooked loop, which counts too).
        var hookedCounted = LoadWithArgc(Calls, hooked: true);
        hookedCounted.Hooks.RegisterInstructionCounting();
        hookedCounted.Execute("main");
        foreach (var name in new[] { "main", "sum3" })
        {
            CollectionAssert.AreEqual(
                hookedCounted.Inspector.GetInstructionCounts().Single(c => c.Function.Name == name).InstructionHits.ToArray(),
                counted.Inspector.GetInstructionCounts().Single(c => c.Function.Name == name).InstructionHits.ToArray(),
                name);
        }
    }

    [TestMethod]
    public void A_budget_that_ends_inside_a_run_stops_where_the_hooked_loop_stops()
    {
        const long total = 6 + 3 * (8 + 3) + 4;
        for (var budget = 1L; budget < total; budget++)
        {
            var plain = TestPrograms.StopOnBudget(LoadWithArgc(Calls, hooked: false), budget, "main");
            var hooked = TestPrograms.StopOnBudget(LoadWithArgc(Calls, hooked: true), budget, "main");
            Assert.AreEqual(hooked, plain, $"budget {budget}");
            Assert.AreEqual(budget, plain.Executed, $"budget {budget}");
        }
    }

    [TestMethod]
    public void A_fused_call_enters_its_callee_with_the_record_the_CALL_would_make()
    {
        // main calls f(5, 7) twice; f asks probe what its frame and main's look like, then
        // writes r2, which the second call must find cleared again.
        const string source = """
            .function main()
                LDI r1, 5
                LDI r2, 7
                PUSHARG r1
                PUSHARG r2
                CALL f
                PUSHARG r1
                PUSHARG r2
                CALL f
                RET r0
            .end
            .function f(a, b)
                CALL probe
                LDI r2, 99
                RET r1
            .end
            """;
        var seen = new Dictionary<bool, List<string>>();
        foreach (var hooked in new[] { false, true })
        {
            var vm = TestPrograms.Load(source);
            var probes = seen[hooked] = [];
            vm.RegisterFunction("probe", _ =>
            {
                var inspector = vm.Inspector;
                probes.Add(string.Join(" ", [
                    string.Join(",", inspector.GetLocals(0).Select(l => $"{l.Key}={l.Value}")),
                    $"r0={inspector.GetRegister(0, 0)}", $"r1={inspector.GetRegister(0, 1)}", $"r2={inspector.GetRegister(0, 2)}",
                    $"f.args={inspector.GetArgumentStack(0).Count}",
                    $"main.ip={inspector.GetFrame(1).InstructionIndex}", $"main.args={string.Join(",", inspector.GetArgumentStack(1))}"]));
                return Value.Unit;
            });
            if (hooked)
            {
                vm.Hooks.Register(HookEventMask.BeforeInstructionExecute, static (in HookEvent e, HookContext context) => { });
            }
            Assert.AreEqual(7L, vm.Execute("main").AsI64, hooked ? "hooked" : "plain");
        }

        CollectionAssert.AreEqual(new[]
        {
            "a=5,b=7 r0=5 r1=7 r2=() f.args=0 main.ip=4 main.args=",
            "a=5,b=7 r0=5 r1=7 r2=() f.args=0 main.ip=7 main.args=",
        }, seen[false], string.Join(" | ", seen[false]));
        CollectionAssert.AreEqual(seen[true], seen[false]);
    }

    // argc(args…) = 1000 × the argument count + their sum; hooked: a no-op hook on every instruction
    // runs the program in the hooked loop, which runs the program's own, unfused code.
    private static VirtualMachine LoadWithArgc(string source, bool hooked)
    {
        var vm = TestPrograms.Load(source);
        vm.RegisterFunction("argc", context =>
        {
            var sum = 0L;
            for (var i = 0; i < context.ArgumentCount; i++)
            {
                sum += context[i].AsI64;
            }
            return Value.FromI64(1000L * context.ArgumentCount + sum);
        });
        if (hooked)
        {
            vm.Hooks.Register(HookEventMask.BeforeInstructionExecute, static (in HookEvent e, HookContext context) => { });
        }
        return vm;
    }
}
