using Stoffel.Hooks.Profiling;
using Stoffel.Vm.Runtime;

namespace Stoffel.Hooks.Tests;

[TestClass]
public sealed class ProfilerTests
{
    private static Profile ProfileFib(bool countInstructions, out VirtualMachine vm)
    {
        vm = TestVm.Load(TestVm.Fib);
        var profiler = Profiler.Attach(vm, new ProfilerOptions { Time = new SteppingClock(), CountInstructions = countInstructions });
        Assert.AreEqual(55, vm.Execute("main").AsI64);
        return profiler.Finish();
    }

    private static FunctionProfile Function(Profile profile, string name) => profile.Functions.Single(f => f.Frame.Name == name);

    [TestMethod]
    public void Fib_10_calls_fib_177_times_and_main_once()
    {
        var profile = ProfileFib(countInstructions: false, out _);

        Assert.AreEqual(177, Function(profile, "fib").Calls);
        Assert.AreEqual(1, Function(profile, "main").Calls);
        Assert.AreEqual(2 * 178, profile.Events.Count);
    }

    [TestMethod]
    public void Exclusive_time_never_exceeds_inclusive_and_main_includes_everything()
    {
        var profile = ProfileFib(countInstructions: false, out _);

        foreach (var function in profile.Functions)
        {
            Assert.IsLessThanOrEqualTo(function.InclusiveNanoseconds, function.ExclusiveNanoseconds, function.Frame.Name);
            Assert.IsGreaterThan(0L, function.ExclusiveNanoseconds, function.Frame.Name);
        }
        var main = Function(profile, "main");
        Assert.AreEqual(profile.Functions.Sum(f => f.ExclusiveNanoseconds), main.InclusiveNanoseconds);
    }

    [TestMethod]
    public void Recursive_time_is_counted_once()
    {
        var profile = ProfileFib(countInstructions: false, out _);

        // With a clock ticking 1000 ns per read, fib's outermost call spans every read but main's two.
        var fib = Function(profile, "fib");
        var main = Function(profile, "main");
        Assert.AreEqual(main.InclusiveNanoseconds - 2000, fib.InclusiveNanoseconds);
    }

    [TestMethod]
    public void Instruction_counts_sum_to_the_vms_total()
    {
        var profile = ProfileFib(countInstructions: true, out var vm);

        Assert.AreEqual(vm.State.InstructionsExecuted, profile.TotalInstructions);
        Assert.AreEqual(vm.State.InstructionsExecuted, profile.Functions.Sum(f => f.Instructions));
        Assert.AreEqual(vm.State.InstructionsExecuted, profile.Instructions.Sum(i => i.Hits));
        Assert.AreEqual(4, Function(profile, "main").Instructions);
    }

    [TestMethod]
    public void Line_hits_count_each_line()
    {
        var profile = ProfileFib(countInstructions: true, out _);

        Assert.AreEqual(177, profile.Lines.Single(l => l.Line == 8).Hits, "MOV r3, r0 runs once per call");
        Assert.AreEqual(89, profile.Lines.Single(l => l.Line == 24).Hits, "base: RET r3 runs for the 89 leaves");
        Assert.AreEqual(88, profile.Lines.Single(l => l.Line == 12).Hits, "the recursive branch runs 88 times");
    }

    [TestMethod]
    public void Without_instruction_counting_only_call_events_are_subscribed()
    {
        var vm = TestVm.Load(TestVm.Fib);
        using var profiler = Profiler.Attach(vm);

        Assert.AreEqual(Vm.Hooks.HookEventMask.BeforeFunctionCall | Vm.Hooks.HookEventMask.AfterFunctionCall, vm.Hooks.ActiveMask);
        Assert.IsTrue(profiler.IsAttached);
    }

    [TestMethod]
    public void A_vm_error_leaves_frames_that_finish_closes()
    {
        var vm = TestVm.Load(TestVm.DivisionByZero);
        var profiler = Profiler.Attach(vm, new ProfilerOptions { Time = new SteppingClock() });

        Assert.ThrowsExactly<VmException>(() => vm.Execute("main"));
        var profile = profiler.Finish();

        Assert.IsFalse(profiler.IsAttached);
        Assert.AreEqual(0, vm.Hooks.Count);
        AssertBalanced(profile);
        Assert.AreEqual(1, Function(profile, "ratio").Calls);
        Assert.AreSame(profile, profiler.Finish());
    }

    [TestMethod]
    public void Foreign_functions_and_closures_called_by_call_closure_make_balanced_frames()
    {
        var vm = TestVm.Load(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "examples", "closures.stfa")));
        var profiler = Profiler.Attach(vm, new ProfilerOptions { Time = new SteppingClock() });

        vm.Execute("main");
        var profile = profiler.Finish();

        AssertBalanced(profile);
        Assert.AreEqual(3, Function(profile, "call_closure").Calls);
        Assert.AreEqual(3, Function(profile, "increment").Calls);
        Assert.IsTrue(Function(profile, "print").Frame.IsForeign);
        Assert.IsFalse(Function(profile, "increment").Frame.IsForeign);
        foreach (var function in profile.Functions)
        {
            Assert.IsLessThanOrEqualTo(function.InclusiveNanoseconds, function.ExclusiveNanoseconds, function.Frame.Name);
        }
    }

    /// <summary>Events are in time order and every close matches the innermost open frame.</summary>
    internal static void AssertBalanced(Profile profile)
    {
        var open = new Stack<int>();
        var last = 0L;
        foreach (var e in profile.Events)
        {
            Assert.IsGreaterThanOrEqualTo(last, e.At);
            last = e.At;
            if (e.Type == ProfileEventType.Open)
            {
                open.Push(e.Frame);
            }
            else
            {
                Assert.AreEqual(open.Pop(), e.Frame);
            }
        }
        Assert.IsEmpty(open);
        Assert.IsLessThanOrEqualTo(profile.EndNanoseconds, last);
    }
}
