using Stoffel.Vm.Hooks;
using Stoffel.Vm.Runtime;
using Stoffel.Vm.Values;

namespace Stoffel.Vm.Tests.Runtime;

/// <summary>
/// Instruction hooks written as structs (<see cref="IInstructionHook"/>,
/// <see cref="HookManager.RegisterInstructionHook{THook}"/>): while one is the sole per-instruction
/// work the VM runs the tracing loop's copy for its type, which calls it on the VM's own copy of the
/// struct; anywhere else it is delivered as a delegate would be. Stoffel.Stdlib.Tests'
/// TracingLoopEquivalenceTests check that such a hook sees what a delegate sees.
/// </summary>
[TestClass]
public sealed class InstructionHookTests
{
    [TestMethod]
    public void A_sole_struct_hook_runs_in_the_tracing_loop_compiled_for_its_type()
    {
        var vm = TestPrograms.Load(TestPrograms.Twice);
        var structHook = vm.Hooks.RegisterInstructionHook(new NumberingHook([]));
        Assert.IsInstanceOfType<TracingLoop<NumberingHook>>(vm.Hooks.Table.SoleTracer?.TracingLoop);

        vm.Hooks.Unregister(structHook);
        vm.Hooks.Register(HookEventMask.BeforeInstructionExecute, static (in HookEvent _, HookContext _) => { });
        Assert.IsInstanceOfType<TracingLoop<CallbackHook>>(vm.Hooks.Table.SoleTracer?.TracingLoop, "a delegate's");

        vm.Hooks.RegisterInstructionHook(new NumberingHook([]));
        Assert.IsNull(vm.Hooks.Table.SoleTracer, "two instruction hooks: the hooked loop");
    }

    [TestMethod]
    [DataRow(false, DisplayName = "the tracing loop")]
    [DataRow(true, DisplayName = "the hooked loop")]
    public void A_struct_hooks_fields_persist_from_event_to_event_and_run_to_run(bool hooked)
    {
        // The loop must call the hook on the VM's copy in place: on a copy of it, every event
        // would read the number 0.
        var vm = TestPrograms.Load(TestPrograms.Fib);
        var numbers = new List<int>();
        vm.Hooks.RegisterInstructionHook(new NumberingHook(numbers));
        if (hooked)
        {
            vm.Hooks.Register(HookEventMask.AfterInstructionExecute, static (in HookEvent _, HookContext _) => { });
        }
        Assert.AreEqual(!hooked, vm.Hooks.Table.SoleTracer is not null);

        Assert.AreEqual(55L, vm.Execute("fib", Value.FromI64(10)).AsI64);
        var first = numbers.Count;
        Assert.AreEqual(55L, vm.Execute("fib", Value.FromI64(10)).AsI64);

        Assert.AreEqual(vm.Inspector.InstructionsExecuted, numbers.Count, "an event per instruction");
        CollectionAssert.AreEqual(Enumerable.Range(0, 2 * first).ToList(), numbers, "numbered on from the first run");
    }

    [TestMethod]
    public void A_struct_hook_that_throws_fails_the_run_with_a_hook_error_and_the_vm_runs_on()
    {
        var vm = TestPrograms.Load(TestPrograms.Twice);
        var failing = new FailAt { At = 6 }; // main's five instructions up to its CALL, then twice's first
        vm.Hooks.RegisterInstructionHook(new FailingHook(failing));

        var error = Assert.ThrowsExactly<VmException>(() => vm.Execute("main"));

        Assert.AreEqual(VmErrorKind.HookError, error.Kind);
        Assert.IsInstanceOfType<InvalidOperationException>(error.InnerException);
        Assert.AreEqual(("twice", 0), (error.FunctionName, error.InstructionIndex));
        (failing.Events, failing.At) = (0, -1);
        Assert.AreEqual(10L, vm.Execute("main").AsI64);
        Assert.AreEqual(8, failing.Events, "the hook delivers every instruction again");
    }

    [TestMethod]
    public void A_struct_hook_that_hands_over_to_another_type_does_so_where_a_delegate_does()
    {
        // The tracing loop runs the copy of the hook's type: a change to a hook of another type
        // must switch copies at the next instruction, as a change of delegate switches callbacks.
        static List<string> HandOver(bool asStructs)
        {
            var vm = TestPrograms.Load(TestPrograms.Fib);
            var handover = new Handover(vm, asStructs);
            handover.Self = asStructs
                ? vm.Hooks.RegisterInstructionHook(new FirstHook(handover))
                : vm.Hooks.Register(HookEventMask.BeforeInstructionExecute, (in HookEvent e, HookContext _) => handover.First(in e));
            Assert.AreEqual(5L, vm.Execute("fib", Value.FromI64(5)).AsI64);
            return handover.Events;
        }

        var structs = HandOver(asStructs: true);

        Assert.AreEqual(Handover.At, structs.Count(e => e.StartsWith("first:", StringComparison.Ordinal)), string.Join(", ", structs));
        Assert.IsTrue(structs.Count(e => e.StartsWith("second:", StringComparison.Ordinal)) > 10);
        CollectionAssert.AreEqual(HandOver(asStructs: false), structs);
    }

    // Numbers its events 0, 1, 2, … in a field of its own.
    private struct NumberingHook(List<int> numbers) : IInstructionHook
    {
        private int _next;

        public void BeforeInstructionExecute(in HookEvent hookEvent, HookContext context) => numbers.Add(_next++);
    }

    private sealed class FailAt
    {
        public int Events;
        public int At;
    }

    // Throws at its At-th event.
    private readonly struct FailingHook(FailAt state) : IInstructionHook
    {
        public void BeforeInstructionExecute(in HookEvent hookEvent, HookContext context)
        {
            if (++state.Events == state.At)
            {
                throw new InvalidOperationException($"stop at {hookEvent.Function!.Name}@{hookEvent.InstructionIndex}");
            }
        }
    }

    // A first hook that, at its At-th event, unregisters itself and registers a second one (of
    // another struct type, or another delegate); both log where they were called.
    private sealed class Handover(VirtualMachine vm, bool asStructs)
    {
        public const int At = 7;

        public HookId Self;

        public List<string> Events { get; } = [];

        public void First(in HookEvent e)
        {
            Events.Add($"first:{e.Function!.Name}@{e.InstructionIndex}:{e.CallDepth}");
            if (Events.Count == At)
            {
                vm.Hooks.Unregister(Self);
                if (asStructs)
                {
                    vm.Hooks.RegisterInstructionHook(new SecondHook(this));
                }
                else
                {
                    vm.Hooks.Register(HookEventMask.BeforeInstructionExecute, (in HookEvent next, HookContext _) => Second(in next));
                }
            }
        }

        public void Second(in HookEvent e) => Events.Add($"second:{e.Function!.Name}@{e.InstructionIndex}:{e.CallDepth}");
    }

    private readonly struct FirstHook(Handover handover) : IInstructionHook
    {
        public void BeforeInstructionExecute(in HookEvent hookEvent, HookContext context) => handover.First(in hookEvent);
    }

    private readonly struct SecondHook(Handover handover) : IInstructionHook
    {
        public void BeforeInstructionExecute(in HookEvent hookEvent, HookContext context) => handover.Second(in hookEvent);
    }
}
