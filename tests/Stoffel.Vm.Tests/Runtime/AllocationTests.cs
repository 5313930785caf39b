using Stoffel.Vm.Hooks;
using Stoffel.Vm.Runtime;
using Stoffel.Vm.Values;

namespace Stoffel.Vm.Tests.Runtime;

/// <summary>
/// The speed design's guarantee: arithmetic, moves, compares, jumps and VM-to-VM calls allocate
/// nothing per instruction or per call once the value stack has grown (issue: "Speed, designed in now"),
/// nor do call and return events (issue 11: a profiler's cost).
/// </summary>
[TestClass]
[DoNotParallelize]
public sealed class AllocationTests
{
    [TestMethod]
    public void Fib_allocates_the_same_small_amount_whatever_the_number_of_calls()
    {
        var vm = new VirtualMachine();
        vm.Load(TestPrograms.Assemble(TestPrograms.Fib));
        vm.Execute("fib", Value.FromI64(20));

        var small = AllocatedBy(() => vm.Execute("fib", Value.FromI64(5)));
        var large = AllocatedBy(() => vm.Execute("fib", Value.FromI64(20)));

        Assert.AreEqual(6765L, vm.Execute("fib", Value.FromI64(20)).AsI64);
        Assert.IsLessThan(2_000, large, $"fib(20) makes 21,891 calls and allocated {large} bytes");
        Assert.AreEqual(small, large, "allocation does not grow with the number of calls");
    }

    [TestMethod]
    public void A_ten_thousand_iteration_loop_allocates_nothing_per_iteration()
    {
        var vm = new VirtualMachine();
        vm.Load(TestPrograms.Assemble(TestPrograms.CountTo));
        vm.Execute("count_to", Value.FromI64(10));

        var small = AllocatedBy(() => vm.Execute("count_to", Value.FromI64(10)));
        var large = AllocatedBy(() => vm.Execute("count_to", Value.FromI64(10_000)));

        Assert.AreEqual(small, large);
    }

    [TestMethod]
    public void Call_and_return_hooks_that_do_not_read_the_arguments_allocate_nothing_per_call()
    {
        var vm = new VirtualMachine();
        vm.Load(TestPrograms.Assemble(TestPrograms.Fib));
        var calls = 0L;
        vm.Hooks.Register(HookEventMask.BeforeFunctionCall | HookEventMask.AfterFunctionCall, (in HookEvent e, HookContext _) => calls += e.CallDepth);
        vm.Execute("fib", Value.FromI64(20));

        var small = AllocatedBy(() => vm.Execute("fib", Value.FromI64(5)));
        var large = AllocatedBy(() => vm.Execute("fib", Value.FromI64(20)));

        Assert.IsGreaterThan(0L, calls);
        Assert.AreEqual(small, large, "the events are not built per call, nor their argument lists");
    }

    [TestMethod]
    public void A_call_observer_allocates_nothing_per_call()
    {
        var vm = new VirtualMachine();
        vm.Load(TestPrograms.Assemble(TestPrograms.Fib));
        var observer = new DepthSum();
        vm.Hooks.RegisterCallObserver(observer);
        vm.Execute("fib", Value.FromI64(20));

        var small = AllocatedBy(() => vm.Execute("fib", Value.FromI64(5)));
        var large = AllocatedBy(() => vm.Execute("fib", Value.FromI64(20)));

        Assert.IsGreaterThan(0L, observer.Sum);
        Assert.AreEqual(small, large);
    }

    private sealed class DepthSum : ICallObserver
    {
        public long Sum { get; private set; }

        public void OnCall(string callee, int calleeDepth, long instructionsExecuted) => Sum += calleeDepth;

        public void OnReturn(string callee, int calleeDepth, long instructionsExecuted) => Sum -= calleeDepth - 1;
    }

    private static long AllocatedBy(Action action)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
