using System.Runtime;
using Stoffel.Vm.Hooks;
using Stoffel.Vm.Instructions;
using Stoffel.Vm.Runtime;
using Stoffel.Vm.Values;

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
    [TestMethod]
    public void The_indices_a_tracer_sees_hold_across_a_compacting_collection()
    {
        // The tracing loop computes an instruction's index from where the function's plain code
        // lies in memory (RuntimeFunction.PlainCodeAddress): the code must not move.
        var expected = TracedIndices(collectAt: -1);
        var collected = TracedIndices(collectAt: 5);

        CollectionAssert.AreEqual(expected, collected);
    }

    // fib(5)'s events as function@index; at the collectAt-th event the tracer drops what it
    // allocated so far and forces a compacting collection of every generation.
    private static List<string> TracedIndices(int collectAt)
    {
        var garbage = new List<object>();
        for (var i = 0; i < 10_000; i++)
        {
            garbage.Add(new byte[64]); // in front of the code, so that compacting would move it
        }
        var vm = TestPrograms.Load(TestPrograms.Fib);
        garbage.Clear();
        var indices = new List<string>();
        vm.Hooks.Register(HookEventMask.BeforeInstructionExecute, (in HookEvent e, HookContext _) =>
        {
            if (indices.Count == collectAt)
            {
                GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            }
            indices.Add($"{e.Function!.Name}@{e.InstructionIndex}");
        });
        Assert.IsNotNull(vm.Hooks.Table.SoleTracer);
        Assert.AreEqual(5L, vm.Execute("fib", Value.FromI64(5)).AsI64);
        return indices;
    }

    [TestMethod]
    public void A_tracers_event_names_the_instruction_as_written_also_in_a_copy_kept_after_the_run()
    {
        // The tracing loop runs the plain code (fused argument runs and compares, register
        // offsets); its events must still carry the program's own instructions.
        var vm = TestPrograms.Load(TestPrograms.Fib + """

            .function seven()
                LDI r0, 7
            .end
            """);
        var kept = new List<HookEvent>();
        var seen = new List<Instruction>();
        vm.Hooks.Register(HookEventMask.BeforeInstructionExecute, (in HookEvent e, HookContext _) =>
        {
            kept.Add(e);
            seen.Add(e.Instruction);
        });
        Assert.IsNotNull(vm.Hooks.Table.SoleTracer);

        Assert.AreEqual(2L, vm.Execute("fib", Value.FromI64(3)).AsI64);
        Assert.AreEqual(7L, vm.Execute("seven").AsI64);

        CollectionAssert.IsSubsetOf(new[] { Opcode.PUSHARG, Opcode.CALL, Opcode.CMP, Opcode.JMPLT, Opcode.SUB }, seen.Select(i => i.Opcode).ToArray());
        for (var i = 0; i < kept.Count; i++)
        {
            var (function, index) = (kept[i].Function!, kept[i].InstructionIndex);
            var written = index < function.Instructions.Length ? function.Instructions[index] : new Instruction(Opcode.RET, 0, 0, 0);
            Assert.AreEqual(written, seen[i], $"event {i}: {function.Name}@{index}");
            Assert.AreEqual(written, kept[i].Instruction, $"event {i}, read after the run");
            Assert.AreEqual(written, (kept[i] with { InstructionIndex = 0 }).Instruction, $"event {i}, moved to another index");
            var moved = kept[i] with { Function = kept[0].Function };
            Assert.AreEqual((index, written), (moved.InstructionIndex, moved.Instruction), $"event {i}, moved to another function");
            Assert.AreEqual(index, (kept[i] with { Instruction = new Instruction(Opcode.NOP, 0, 0, 0) }).InstructionIndex, $"event {i}, given another instruction");
        }
        Assert.AreEqual(("seven", 1, new Instruction(Opcode.RET, 0, 0, 0)), (kept[^1].Function!.Name, kept[^1].InstructionIndex, kept[^1].Instruction), "falling off the end runs the sentinel RET r0");
    }

    [TestMethod]
    public void A_run_in_the_tracing_loop_leaves_no_hook_running_behind()
    {
        // Between its tracer's calls the loop keeps the in-hook flag set (VMState.Trace); it
        // clears it as it leaves, so the next run's events are delivered again.
        var vm = TestPrograms.Load(TestPrograms.Twice);
        var events = 0;
        vm.Hooks.Register(HookEventMask.BeforeInstructionExecute, (in HookEvent _, HookContext _) => events++);
        Assert.IsNotNull(vm.Hooks.Table.SoleTracer);

        Assert.AreEqual(10L, vm.Execute("main").AsI64);
        Assert.AreEqual(8, events);
        Assert.AreEqual(10L, vm.Execute("main").AsI64);
        Assert.AreEqual(16, events, "the second run traced as the first");
    }

    [TestMethod]
    public void A_tracer_that_throws_fails_the_run_with_a_hook_error_and_leaves_the_tracer_working()
    {
        var vm = TestPrograms.Load(TestPrograms.Twice);
        var (events, failAt) = (0, 6); // main's five instructions up to its CALL, then twice's first
        vm.Hooks.Register(HookEventMask.BeforeInstructionExecute, (in HookEvent e, HookContext _) =>
        {
            if (++events == failAt)
            {
                throw new InvalidOperationException($"stop at {e.Function!.Name}@{e.InstructionIndex}");
            }
        });
        Assert.IsNotNull(vm.Hooks.Table.SoleTracer);

        var error = Assert.ThrowsExactly<VmException>(() => vm.Execute("main"));

        Assert.AreEqual(VmErrorKind.HookError, error.Kind);
        Assert.IsInstanceOfType<InvalidOperationException>(error.InnerException);
        StringAssert.Contains(error.Message, "stop at twice@0");
        Assert.AreEqual("twice", error.FunctionName);
        Assert.AreEqual(0, error.InstructionIndex);
        // The hook ended with the failure: the next run delivers every instruction again.
        (events, failAt) = (0, -1);
        Assert.AreEqual(10L, vm.Execute("main").AsI64);
        Assert.AreEqual(8, events);
    }

    [TestMethod]
    public void A_hook_registered_in_a_hook_takes_effect_at_the_next_instruction_even_after_a_nested_run()
    {
        var vm = TestPrograms.Load(TestPrograms.Twice);
        VirtualMachine machine = vm;
        var (events, registerAt) = (0, 3);
        var seen = new List<int>();
        vm.Hooks.Register(HookEventMask.BeforeInstructionExecute, (in HookEvent _, HookContext _) =>
        {
            if (++events != registerAt)
            {
                return;
            }
            machine.Hooks.Register(HookEventMask.BeforeInstructionExecute, (in HookEvent e, HookContext _) => seen.Add(e.InstructionIndex));
            Assert.AreEqual(10L, machine.Execute("main").AsI64, "a nested run, whose slices clear the change the interrupted loop has yet to see");
        });

        Assert.AreEqual(10L, vm.Execute("main").AsI64);

        // The run's 8 instructions: the new hook sees the 5 after the one whose hook registered it.
        Assert.AreEqual(8, events);
        Assert.HasCount(5, seen);
    }

    [TestMethod]
    public void A_hook_registered_at_a_compares_jump_sees_the_instruction_the_jump_leads_to()
    {
        // count_to(3): the tracing loop runs each CMP and its JMPEQ in one dispatch, the jump's event
        // between them; a hook registered in that event must see the next instruction, not the one after.
        var vm = TestPrograms.Load(TestPrograms.CountTo);
        VirtualMachine machine = vm;
        var seen = new List<int>();
        var registered = false;
        vm.Hooks.Register(HookEventMask.BeforeInstructionExecute, (in HookEvent e, HookContext _) =>
        {
            if (!registered && e.Instruction.Opcode == Opcode.JMPEQ)
            {
                registered = true;
                machine.Hooks.Register(HookEventMask.BeforeInstructionExecute, (in HookEvent next, HookContext _) => seen.Add(next.InstructionIndex));
            }
        });

        Assert.AreEqual(3L, vm.Execute("count_to", Value.FromI64(3)).AsI64);

        // The first JMPEQ (index 4) falls through to ADD (5): the new hook's first event.
        Assert.AreEqual(5, seen[0]);
    }

    [TestMethod]
    public void A_tracer_that_replaces_itself_hands_the_next_instruction_to_its_successor()
    {
        // Both tables have a sole tracer, so the tracing loop runs throughout: the callback it
        // calls must be the new table's from the next instruction on.
        var vm = TestPrograms.Load(TestPrograms.Twice);
        VirtualMachine machine = vm;
        var first = new List<int>();
        var second = new List<int>();
        HookId? id = null;
        id = vm.Hooks.Register(HookEventMask.BeforeInstructionExecute, (in HookEvent e, HookContext _) =>
        {
            first.Add(e.InstructionIndex);
            if (first.Count == 2)
            {
                machine.Hooks.Unregister(id!.Value);
                machine.Hooks.Register(HookEventMask.BeforeInstructionExecute, (in HookEvent next, HookContext _) => second.Add(next.InstructionIndex));
            }
        });

        Assert.AreEqual(10L, vm.Execute("main").AsI64);

        Assert.HasCount(2, first);
        Assert.HasCount(6, second, "the run's 8 instructions, the 6 after the replacement");
        Assert.IsNotNull(vm.Hooks.Table.SoleTracer);
    }

    [TestMethod]
    public void A_tracer_that_replaces_itself_at_a_return_hands_the_callers_next_instruction_to_its_successor()
    {
        // The tracing loop resumes a caller in place after a return; a change of hooks in the
        // return's own event must still reach the caller's next instruction (main's RET, index 5),
        // and the first tracer see nothing after it.
        var vm = TestPrograms.Load(TestPrograms.Twice);
        VirtualMachine machine = vm;
        var first = new List<(int Depth, int Index)>();
        var second = new List<(int Depth, int Index)>();
        HookId? id = null;
        id = vm.Hooks.Register(HookEventMask.BeforeInstructionExecute, (in HookEvent e, HookContext _) =>
        {
            first.Add((e.CallDepth, e.InstructionIndex));
            if (e.CallDepth == 2 && e.Instruction.Opcode == Opcode.RET)
            {
                machine.Hooks.Unregister(id!.Value);
                machine.Hooks.Register(HookEventMask.BeforeInstructionExecute, (in HookEvent next, HookContext _) => second.Add((next.CallDepth, next.InstructionIndex)));
            }
        });

        Assert.AreEqual(10L, vm.Execute("main").AsI64);

        Assert.AreEqual((2, 1), first[^1], "twice's RET the first tracer's last event");
        Assert.HasCount(7, first);
        CollectionAssert.AreEqual(new[] { (1, 5) }, second, "main's RET, after the CALL the return resumed");
    }

    [TestMethod]
    public void A_VM_error_out_of_a_tracers_nested_run_goes_on_unwrapped_and_ends_only_that_hook()
    {
        var vm = TestPrograms.Load(TestPrograms.Twice + """

            .function broken()
                LDI r1, 1
                PUSHARG r1
                CALL missing
                RET r0
            .end
            """);
        VirtualMachine machine = vm;
        var (events, nestAt, rethrow) = (0, 3, false);
        VmErrorKind? caught = null;
        vm.Hooks.Register(HookEventMask.BeforeInstructionExecute, (in HookEvent _, HookContext _) =>
        {
            if (++events != nestAt)
            {
                return;
            }
            try
            {
                machine.Execute("broken"); // fails in its CALL
            }
            catch (VmException e) when (!rethrow)
            {
                caught = e.Kind;
                Assert.AreEqual(10L, machine.Execute("main").AsI64, "a nested run after the failed one");
            }
        });

        // Caught inside the hook: the hook is still running, so neither nested run delivers events.
        Assert.AreEqual(10L, vm.Execute("main").AsI64);
        Assert.AreEqual(VmErrorKind.FunctionNotFound, caught);
        Assert.AreEqual(8, events);

        (events, rethrow) = (0, true);
        var error = Assert.ThrowsExactly<VmException>(() => vm.Execute("main"));
        Assert.AreEqual(VmErrorKind.FunctionNotFound, error.Kind);

        (events, nestAt) = (0, -1);
        Assert.AreEqual(10L, vm.Execute("main").AsI64);
        Assert.AreEqual(8, events);
    }
}
