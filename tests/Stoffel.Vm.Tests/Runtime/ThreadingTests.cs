using Stoffel.Vm.Runtime;
using Stoffel.Vm.Values;

namespace Stoffel.Vm.Tests.Runtime;

[TestClass]
public sealed class ThreadingTests
{
    [TestMethod]
    public void One_program_runs_in_many_vms_on_many_threads()
    {
        var program = TestPrograms.Assemble(TestPrograms.Fib);
        var results = new long[8];

        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            var vm = new VirtualMachine();
            vm.Load(program);
            for (var round = 0; round < 5; round++)
            {
                results[i] += vm.Execute("fib", Value.FromI64(15 + i % 3)).AsI64;
            }
        });

        long[] fib = [610, 987, 1597];
        CollectionAssert.AreEqual(Enumerable.Range(0, 8).Select(i => 5 * fib[i % 3]).ToArray(), results);
    }

    [TestMethod]
    public void Concurrent_executes_on_one_vm_are_serialised()
    {
        var vm = TestPrograms.Load(TestPrograms.CountTo);
        var maxDepthSeen = 0;
        vm.Hooks.Register(Hooks.HookEventMask.BeforeFunctionCall, (in Hooks.HookEvent e, Hooks.HookContext c) =>
            maxDepthSeen = Math.Max(maxDepthSeen, c.CallDepth));

        var tasks = Enumerable.Range(0, 6).Select(_ => Task.Run(() => vm.Execute("count_to", Value.FromI64(20_000)).AsI64)).ToArray();
        Task.WaitAll(tasks);

        Assert.IsTrue(tasks.All(t => t.Result == 20_000));
        Assert.AreEqual(0, maxDepthSeen, "no run ever saw another run's frame: every entry call started at depth 0");
    }

    [TestMethod]
    public void Hooks_registered_from_another_thread_take_effect_during_a_run()
    {
        var vm = TestPrograms.Load("""
            .function main()
            spin:
                JMP spin
            .end
            """);
        using var seen = new ManualResetEventSlim();
        var registrar = Task.Run(() =>
        {
            Thread.Sleep(50);
            vm.Hooks.Register(Hooks.HookEventMask.BeforeInstructionExecute, (in Hooks.HookEvent e, Hooks.HookContext c) =>
            {
                seen.Set();
                throw new OperationCanceledException("stopped by the hook");
            });
        });

        var error = Assert.ThrowsExactly<VmException>(() => vm.Execute("main"));

        registrar.Wait();
        Assert.IsTrue(seen.IsSet);
        Assert.AreEqual(VmErrorKind.HookError, error.Kind);
        StringAssert.Contains(error.Message, "stopped by the hook");
    }
}
