using Stoffel.Hooks.Budget;
using Stoffel.Vm.Hooks;
using Stoffel.Vm.Runtime;

namespace Stoffel.Hooks.Tests;

[TestClass]
public sealed class InstructionBudgetTests
{
    [TestMethod]
    public void A_spent_budget_stops_the_run_with_a_hook_error()
    {
        var vm = TestVm.Load(TestVm.Fib);
        using var budget = InstructionBudget.Attach(vm, 100);

        var error = Assert.ThrowsExactly<VmException>(() => vm.Execute("main"));

        Assert.AreEqual(VmErrorKind.HookError, error.Kind);
        Assert.IsInstanceOfType<InstructionBudgetExceededException>(error.InnerException);
        Assert.AreEqual(100, budget.Executed);
        Assert.AreEqual(0, budget.Remaining);
    }

    [TestMethod]
    public void A_sufficient_budget_lets_the_run_finish_and_counts_every_instruction()
    {
        var vm = TestVm.Load(TestVm.Fib);
        using var budget = InstructionBudget.Attach(vm, 10_000);

        Assert.AreEqual(55, vm.Execute("main").AsI64);

        Assert.AreEqual(vm.Inspector.InstructionsExecuted, budget.Executed);
    }

    [TestMethod]
    public void Beside_another_instruction_hook_the_budget_counts_and_stops_the_same()
    {
        // Alone, the budget's hook runs in the tracing loop compiled for it; with a second
        // instruction hook, in the hooked loop, delivered as any hook is.
        var vm = TestVm.Load(TestVm.Fib);
        var seen = 0;
        vm.Hooks.Register(HookEventMask.BeforeInstructionExecute, (in HookEvent _, HookContext _) => seen++);
        using var budget = InstructionBudget.Attach(vm, 10_000);

        Assert.AreEqual(55, vm.Execute("main").AsI64);
        Assert.AreEqual(vm.Inspector.InstructionsExecuted, budget.Executed);
        Assert.AreEqual(seen, budget.Executed);

        var half = budget.Executed / 2;
        using var small = InstructionBudget.Attach(vm, half);
        var error = Assert.ThrowsExactly<VmException>(() => vm.Execute("main"));
        Assert.IsInstanceOfType<InstructionBudgetExceededException>(error.InnerException);
        Assert.AreEqual(half, small.Executed);
    }
}
