using Stoffel.Vm.Runtime;
using Stoffel.Vm.Values;

namespace Stoffel.Vm.Tests.Runtime;

/// <summary>
/// Call frames count against <see cref="ExecutionLimits.MaxMemoryBytes"/>: registers and argument
/// slots take 24 bytes each, and a function may declare 65,535 registers (the fuzzer's finding,
/// docs/reliability.md). A stack grows only while twice its old capacity (its old arrays may not
/// be collected yet), the new array and twice the other stack fit the limit.
/// </summary>
[TestClass]
public sealed class FrameMemoryTests
{
    private const long Limit = 64L << 20;

    /// <summary>Each frame of <c>deep</c> holds 65,535 registers: about 1.5 MiB.</summary>
    private const string BigFrames = """
        .function deep() registers 65535
            CALL deep
        .end
        """;

    [TestMethod]
    public void Recursion_of_big_frames_stops_at_the_memory_limit_with_the_size_the_frames_need()
    {
        var vm = TestPrograms.Load(BigFrames);
        vm.Limits = vm.Limits with { MaxMemoryBytes = Limit };
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();

        var error = Assert.ThrowsExactly<VmException>(() => vm.Execute("deep"));

        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        Assert.AreEqual(VmErrorKind.MemoryLimitExceeded, error.Kind);
        // 16 frames of 65,535 slots fill a stack of 24 MiB. The 17th needs it doubled: 48 MiB more,
        // while the old stack and the ones before it (24 MiB at most) may not be collected yet.
        Assert.AreEqual("call frames need 25.5 MiB (1,114,095 registers and arguments), and growing the stack to hold them would pass the memory limit of 64 MiB", error.Message);
        Assert.AreEqual(16, error.StoffelStackTrace.Count, "the frame that would pass the limit is not pushed");
        Assert.IsLessThan(Limit, allocated, "bytes allocated by the run: every stack it grew, together");
        Assert.AreEqual(0, vm.Inspector.CallDepth, "the failed run is unwound");
    }

    [TestMethod]
    public void The_vm_runs_again_after_the_frames_passed_the_limit()
    {
        var vm = TestPrograms.Load(BigFrames + "\n" + TestPrograms.Down);
        vm.Limits = vm.Limits with { MaxMemoryBytes = Limit };

        Assert.ThrowsExactly<VmException>(() => vm.Execute("deep"));

        Assert.AreEqual(99_999L, vm.Execute("down", Value.FromI64(99_999)).AsI64, "100,000 small frames fit in 64 MiB");
    }

    [TestMethod]
    public void Frames_and_tables_share_the_limit()
    {
        // main keeps an array of 1,500,000 elements (about 34 MiB) in r0, then recurses.
        var vm = TestPrograms.Load("""
            .function main()
                CALL big_array
                CALL deep
            .end

            """ + BigFrames);
        vm.RegisterFunction("big_array", ctx =>
        {
            var array = ctx.Objects.CreateArray();
            ctx.SetElement(array.AsArray!, 1_499_999, Value.FromI64(1));
            return array;
        });
        vm.Limits = vm.Limits with { MaxMemoryBytes = Limit };

        var error = Assert.ThrowsExactly<VmException>(() => vm.Execute("main"));

        Assert.AreEqual(VmErrorKind.MemoryLimitExceeded, error.Kind);
        StringAssert.StartsWith(error.Message, "memory limit of 64 MiB reached: the program's live tables, strings and call frames hold about");
        Assert.IsLessThan(16, error.StoffelStackTrace.Count, "fewer frames fit beside the array than the 16 that fit alone");
    }

    [TestMethod]
    public void An_argument_flood_stops_at_the_memory_limit()
    {
        var vm = TestPrograms.Load("""
            .function main()
            again:
                PUSHARG r0
                JMP again
            .end
            """);
        vm.Limits = vm.Limits with { MaxMemoryBytes = 8L << 20 };

        var error = Assert.ThrowsExactly<VmException>(() => vm.Execute("main"));

        Assert.AreEqual(VmErrorKind.MemoryLimitExceeded, error.Kind);
        // 131,072 arguments fill a 3 MiB stack; doubling it would make 12 MiB with the old arrays.
        Assert.AreEqual("call frames need 3 MiB (131,074 registers and arguments), and growing the stack to hold them would pass the memory limit of 8 MiB", error.Message);
    }

    [TestMethod]
    public void The_heap_measure_counts_the_slots_frames_use()
    {
        var vm = TestPrograms.Load("""
            .function main() registers 10000
                CALL measure
            .end
            """);
        var measured = 0L;
        vm.RegisterFunction("measure", _ =>
        {
            measured = vm.MeasureHeap().ApproximateBytes;
            return Value.Unit;
        });

        vm.Execute("main");

        Assert.IsGreaterThanOrEqualTo(10_000L * 24, measured, "main's 10,000 registers");
        Assert.AreEqual(0L, vm.MeasureHeap().ApproximateBytes, "no frame after the run");
    }
}
