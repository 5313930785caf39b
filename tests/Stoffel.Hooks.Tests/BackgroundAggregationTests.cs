using Stoffel.Hooks.Profiling;
using Stoffel.Stdlib;
using Stoffel.Vm.Formats.Assembly;
using Stoffel.Vm.Runtime;
using Stoffel.Vm.Values;
using static Stoffel.Hooks.Tests.ProfileTree;

namespace Stoffel.Hooks.Tests;

/// <summary>
/// <see cref="ProfilerOptions.BackgroundAggregation"/>: the VM's batches of calls folded into the
/// call tree on the profiler's worker thread give the tree they give on the VM's thread, through
/// hand-overs, call events that come one by one between them, nested runs, a program loaded
/// while the run goes on, and a run that fails.
/// </summary>
[TestClass]
public sealed class BackgroundAggregationTests
{
    /// <summary>
    /// main(rounds, divisor) calls, each round, the counter closure through call_closure and
    /// down(6), a recursion of seven frames with a leaf call at each level; every 97th round it
    /// calls the host function host_run, which loads <see cref="Extra"/> on its first call and
    /// runs its extra(i) in a nested run. At the end main divides 1 by its divisor (a VM error
    /// when it is 0, with main's frame open).
    /// </summary>
    private const string Rounds = """
        .function main(rounds, divisor)
            MOV r5, r0
            MOV r9, r1
            LDI r1, 0
            PUSHARG r1
            CALL make_counter
            MOV r6, r0
            LDI r2, 0
            LDI r3, 1
        loop:
            CMP r2, r5
            JMPEQ done
            PUSHARG r6
            CALL call_closure
            LDI r1, 6
            PUSHARG r1
            CALL down
            LDI r1, 97
            MOD r4, r2, r1
            LDI r1, 0
            CMP r4, r1
            JMPNEQ next
            PUSHARG r2
            CALL host_run
        next:
            ADD r2, r2, r3
            JMP loop
        done:
            LDI r1, 1
            DIV r1, r1, r9
            RET r5
        .end
        .function down(n)
            MOV r4, r0
            LDI r1, 0
            CMP r4, r1
            JMPEQ bottom
            LDI r1, 1
            SUB r2, r4, r1
            PUSHARG r2
            CALL down
            PUSHARG r4
            CALL leaf
            RET r4
        bottom:
            RET r4
        .end
        .function leaf(x)
            RET r0
        .end

        """ + Stoffel.Tests.Shared.SharedPrograms.Counter;

    /// <summary>extra(i): calls down(3) and returns i; loaded by host_run while main runs.</summary>
    private const string Extra = """
        .function extra(i)
            MOV r5, r0
            LDI r1, 3
            PUSHARG r1
            CALL down
            RET r5
        .end
        """;

    private const long RoundCount = 3_000; // some 90,000 records: a score of hand-overs to the worker

    /// <summary>Profiles main(RoundCount, divisor) with aggregation in the background or not; the tree's and the functions' calls and instructions, one line each.</summary>
    private static string Profiled(bool background, long divisor)
    {
        var vm = new VirtualMachine { Output = TextWriter.Null };
        StandardLibrary.Register(vm);
        var loaded = false;
        vm.RegisterFunction("host_run", context =>
        {
            if (!loaded)
            {
                vm.Load(StfaAssembler.Assemble(Extra, "extra.stfa"));
                loaded = true;
            }
            return vm.Execute("extra", context[0]);
        });
        vm.Load(StfaAssembler.Assemble(Rounds, "rounds.stfa"));
        vm.Link();
        var profiler = Profiler.Attach(vm, new ProfilerOptions { Time = new SteppingClock(), BackgroundAggregation = background });
        try
        {
            Assert.AreEqual(RoundCount, vm.Execute("main", [Value.FromI64(RoundCount), Value.FromI64(divisor)], CancellationToken.None).AsI64);
        }
        catch (VmException) when (divisor == 0)
        {
        }
        var profile = profiler.Finish();

        var nodes = Nodes(profile.CallTree).ToArray();
        Assert.AreEqual(vm.Inspector.InstructionsExecuted, nodes.Sum(n => n.SelfInstructions), "every instruction in the tree");
        foreach (var node in nodes)
        {
            Assert.AreEqual(node.InclusiveNanoseconds, node.SelfNanoseconds + node.Children.Sum(c => c.InclusiveNanoseconds));
        }
        return Lines(profile) + "\n" + string.Join("\n", profile.Functions.Select(f => $"{f.Frame.Name}: x{f.Calls} {f.Instructions}"));
    }

    [TestMethod]
    [DataRow(1L, DisplayName = "completes")]
    [DataRow(0L, DisplayName = "fails at the end")]
    public void The_worker_builds_the_tree_the_vm_thread_builds(long divisor)
    {
        var onVmThread = Profiled(background: false, divisor);
        var inBackground = Profiled(background: true, divisor);

        StringAssert.Contains(onVmThread, $"call_closure x{RoundCount} 0 (1)\nincrement x{RoundCount} ");
        StringAssert.Contains(onVmThread, $"host_run x{(RoundCount + 96) / 97} 0 (1)\nextra x{(RoundCount + 96) / 97} ");
        Assert.AreEqual(onVmThread, inBackground);
    }
}
