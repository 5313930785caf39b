using Stoffel.Vm.Hooks;

namespace Stoffel.Vm.Tests.Runtime;

/// <summary>
/// When the VM runs the tracing copy of its dispatch loop (<c>TracedMode</c>): while a sole hook
/// on every instruction is the only per-instruction work (<see cref="HookTable.SoleTracer"/>).
/// Stoffel.Stdlib.Tests' TracingLoopEquivalenceTests check that the hook and the program see the
/// same there as in the hooked loop.
/// </summary>
[TestClass]
public sealed class TracingLoopTests
{
    private static readonly HookCallback NoOp = static (in HookEvent _, HookContext _) => { };

    [TestMethod]
    public void The_tracing_loop_runs_only_while_the_sole_hook_is_all_the_per_instruction_work()
    {
        var vm = TestPrograms.Load(TestPrograms.Twice);
        var tracer = vm.Hooks.Register(HookEventMask.BeforeInstructionExecute, NoOp);
        Assert.IsNotNull(vm.Hooks.Table.SoleTracer, "one hook on every instruction");

        var calls = vm.Hooks.Register(HookEventMask.BeforeFunctionCall | HookEventMask.ObjectFieldWrite, NoOp);
        Assert.IsNotNull(vm.Hooks.Table.SoleTracer, "hooks on other events fire from routines every loop shares");
        vm.Hooks.Unregister(calls);

        foreach (var other in new[] { HookEventMask.AfterInstructionExecute, HookEventMask.StackPush, HookEventMask.RegisterRead, HookEventMask.RegisterWrite, HookEventMask.BeforeInstructionExecute })
        {
            var id = vm.Hooks.Register(other, NoOp);
            Assert.IsNull(vm.Hooks.Table.SoleTracer, other.ToString());
            vm.Hooks.Unregister(id);
            Assert.IsNotNull(vm.Hooks.Table.SoleTracer, $"{other} unregistered");
        }

        var counting = vm.Hooks.RegisterInstructionCounting();
        Assert.IsNull(vm.Hooks.Table.SoleTracer, "instruction counting");
        vm.Hooks.Unregister(counting);

        vm.Hooks.Unregister(tracer);
        vm.Hooks.Register(HookEventMask.BeforeInstructionExecute, NoOp, predicate: static (in HookEvent _) => true);
        Assert.IsNull(vm.Hooks.Table.SoleTracer, "a hook with a predicate");
    }
}
