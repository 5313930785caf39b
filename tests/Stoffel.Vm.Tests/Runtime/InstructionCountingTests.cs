using Stoffel.Vm.Hooks;
using Stoffel.Vm.Runtime;

namespace Stoffel.Vm.Tests.Runtime;

/// <summary><see cref="HookManager.RegisterInstructionCounting"/> and <see cref="VmInspector.GetInstructionCounts"/>, and the live instruction count call hooks read.</summary>
[TestClass]
public sealed class InstructionCountingTests
{
    private static FunctionCounts CountsOf(VirtualMachine vm, string name) => vm.Inspector.GetInstructionCounts().Single(c => c.Function.Name == name);

    [TestMethod]
    public void Counts_every_instruction_and_call_without_any_event()
    {
        var vm = TestPrograms.Load(TestPrograms.Twice);
        vm.Hooks.RegisterInstructionCounting();

        Assert.AreEqual(HookEventMask.None, vm.Hooks.ActiveMask);
        Assert.AreEqual(10L, vm.Execute("main").AsI64);

        var main = CountsOf(vm, "main");
        var twice = CountsOf(vm, "twice");
        Assert.AreEqual(1, main.Calls);
        Assert.AreEqual(1, twice.Calls);
        CollectionAssert.AreEqual(new long[] { 1, 1, 1, 1, 1, 1, 0 }, main.InstructionHits.ToArray(), "the last slot is the implicit return, not reached");
        CollectionAssert.AreEqual(new long[] { 1, 1, 0 }, twice.InstructionHits.ToArray());
        Assert.AreEqual(vm.Inspector.InstructionsExecuted, vm.Inspector.GetInstructionCounts().Sum(c => c.InstructionHits.Sum()));
    }

    [TestMethod]
    public void Counting_stops_while_disabled_and_accumulates_over_runs()
    {
        var vm = TestPrograms.Load(TestPrograms.Twice);
        var id = vm.Hooks.RegisterInstructionCounting();
        vm.Execute("main");
        vm.Hooks.Disable(id);
        vm.Execute("main");
        vm.Hooks.Enable(id);
        vm.Execute("main");

        Assert.AreEqual(2, CountsOf(vm, "twice").Calls);
        Assert.AreEqual(2, CountsOf(vm, "main").InstructionHits[0]);
        Assert.IsTrue(vm.Hooks.Unregister(id));
    }

    [TestMethod]
    public void Counting_and_an_instruction_hook_see_the_same_instructions()
    {
        var vm = TestPrograms.Load(TestPrograms.Twice);
        vm.Hooks.RegisterInstructionCounting();
        var seen = 0;
        vm.Hooks.Register(HookEventMask.BeforeInstructionExecute, (in HookEvent _, HookContext _) => seen++);

        vm.Execute("main");

        Assert.AreEqual(8, seen);
        Assert.AreEqual(8, vm.Inspector.GetInstructionCounts().Sum(c => c.InstructionHits.Sum()));
    }

    [TestMethod]
    public void Call_and_return_hooks_read_the_exact_instruction_count()
    {
        var vm = TestPrograms.Load(TestPrograms.Twice);
        var seen = new List<string>();
        vm.Hooks.Register(HookEventMask.BeforeFunctionCall | HookEventMask.AfterFunctionCall, (in HookEvent e, HookContext c) =>
            seen.Add($"{e.Kind} {e.Name} {c.InstructionsExecuted}"));

        vm.Execute("main");

        CollectionAssert.AreEqual(new[]
        {
            "BeforeFunctionCall main 0",
            "BeforeFunctionCall twice 5",
            "AfterFunctionCall twice 7",
            "AfterFunctionCall main 8",
        }, seen);
    }
}
