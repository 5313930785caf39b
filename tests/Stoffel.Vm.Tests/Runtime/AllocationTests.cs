using Stoffel.Vm.Runtime;
using Stoffel.Vm.Values;

namespace Stoffel.Vm.Tests.Runtime;

/// <summary>
/// The speed design's guarantee: arithmetic, moves, compares, jumps and VM-to-VM calls allocate
/// nothing per instruction or per call once the value stack has grown (issue: "Speed, designed in now").
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

    private static long AllocatedBy(Action action)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
