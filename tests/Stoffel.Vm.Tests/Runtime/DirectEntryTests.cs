using System.Runtime.CompilerServices;
using Stoffel.Tests.Shared;
using Stoffel.Vm.Hooks;
using Stoffel.Vm.Runtime;
using Stoffel.Vm.Values;

namespace Stoffel.Vm.Tests.Runtime;

/// <summary>
/// A callee the plain loop enters directly (a bound program call, a closure entered in place)
/// whose first instruction it runs in the same dispatch (fib's base-case test, a counter's
/// get_upvalue name): the results, the instruction counts and where a budget stops are those of
/// the hooked loop, which runs the program's own code one instruction at a time.
/// </summary>
[TestClass]
public sealed class DirectEntryTests
{
    [TestMethod]
    public void A_recursion_entered_at_its_base_case_test_gives_the_hooked_loops_result_and_count()
    {
        var (plain, hooked) = (TestPrograms.Load(SharedPrograms.Fib), Hooked(TestPrograms.Load(SharedPrograms.Fib)));

        Assert.AreEqual(Value.FromI64(55), plain.Execute("fib", Value.FromI64(10)));
        Assert.AreEqual(Value.FromI64(55), hooked.Execute("fib", Value.FromI64(10)));
        Assert.AreEqual(hooked.Inspector.InstructionsExecuted, plain.Inspector.InstructionsExecuted);
    }

    [TestMethod]
    public void A_budget_that_ends_on_entering_a_recursion_stops_where_the_hooked_loop_stops()
    {
        var total = TestPrograms.Load(SharedPrograms.Fib);
        total.Execute("fib", Value.FromI64(4));
        for (var budget = 1L; budget < total.Inspector.InstructionsExecuted; budget++)
        {
            var plain = TestPrograms.StopOnBudget(TestPrograms.Load(SharedPrograms.Fib), budget, "fib", Value.FromI64(4));
            var hooked = TestPrograms.StopOnBudget(Hooked(TestPrograms.Load(SharedPrograms.Fib)), budget, "fib", Value.FromI64(4));
            Assert.AreEqual(hooked, plain, $"budget {budget}");
            Assert.AreEqual(budget, plain.Executed, $"budget {budget}");
        }
    }

    [TestMethod]
    public void A_budget_that_ends_on_entering_a_counter_closure_stops_where_the_hooked_loop_stops()
    {
        var total = InlineBuiltinVms.CounterVm(new StrongBox<int>());
        Assert.AreEqual(Value.FromI64(3), total.Execute("closure", Value.FromI64(3)));
        for (var budget = 1L; budget < total.Inspector.InstructionsExecuted; budget++)
        {
            var plain = TestPrograms.StopOnBudget(InlineBuiltinVms.CounterVm(new StrongBox<int>()), budget, "closure", Value.FromI64(3));
            var hooked = TestPrograms.StopOnBudget(Hooked(InlineBuiltinVms.CounterVm(new StrongBox<int>())), budget, "closure", Value.FromI64(3));
            Assert.AreEqual(hooked, plain, $"budget {budget}");
            Assert.AreEqual(budget, plain.Executed, $"budget {budget}");
        }
    }

    // A hook after every instruction: the hooked loop, which runs the program's own code.
    private static VirtualMachine Hooked(VirtualMachine vm)
    {
        vm.Hooks.Register(HookEventMask.AfterInstructionExecute, static (in HookEvent _, HookContext _) => { });
        return vm;
    }
}
