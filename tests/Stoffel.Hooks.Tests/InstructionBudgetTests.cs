using Stoffel.Hooks.Budget;
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
}
