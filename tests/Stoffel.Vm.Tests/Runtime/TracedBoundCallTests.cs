using System.Runtime.CompilerServices;
using Stoffel.Vm.Hooks;
using Stoffel.Vm.Instructions;
using Stoffel.Vm.Runtime;
using Stoffel.Vm.Values;

namespace Stoffel.Vm.Tests.Runtime;

/// <summary>
/// The tracing loop's bound builtin calls (<c>BoundBuiltinCall</c>): it reports each PUSHARG of the
/// run and its CALL without writing the pushes, then runs the builtin from the registers, unless
/// something inside the tracer needs the pushes first (<c>VMState.PublishTracedRecord</c>). What
/// the program and the hooks see must be what the hooked loop, which writes every push, shows.
/// Stoffel.Stdlib.Tests' TracingLoopEquivalenceTests compare whole runs, reading the argument stack
/// inside runs and not reading at all.
/// </summary>
[TestClass]
public sealed class TracedBoundCallTests
{
    // object(n): sets o.count to 5, then to 6 (the field the object's map found last: the builtin's
    // common case, run in place), and returns o.count. The second set_field's CALL is instruction 12.
    private const string TwoWrites = """
        .function object(n)
            CALL create_object
            MOV r6, r0
            LDI r4, "count"
            LDI r2, 5
            PUSHARG r6
            PUSHARG r4
            PUSHARG r2
            CALL set_field
            LDI r2, 6
            PUSHARG r6
            PUSHARG r4
            PUSHARG r2
            CALL set_field
            PUSHARG r6
            PUSHARG r4
            CALL get_field
            RET r0
        .end
        """;

    private const int SecondSetFieldCall = 12;

    private static readonly HookCallback NoOp = static (in HookEvent _, HookContext _) => { };

    [TestMethod]
    [DataRow(false, DisplayName = "the tracing loop")]
    [DataRow(true, DisplayName = "the hooked loop")]
    public void A_register_written_from_the_tracer_after_its_push_leaves_the_call_the_pushed_value(bool hooked)
    {
        var vm = InlineBuiltinVms.FieldVm(new StrongBox<int>(), program: TwoWrites);
        vm.Hooks.Register(HookEventMask.BeforeInstructionExecute, (in HookEvent e, HookContext _) =>
        {
            if (e.InstructionIndex == SecondSetFieldCall)
            {
                Assert.AreEqual(Opcode.CALL, e.Instruction.Opcode);
                vm.SetRegister(0, 2, Value.FromI64(99)); // r2, pushed as 6 by the PUSHARG before
            }
        });
        if (hooked)
        {
            vm.Hooks.Register(HookEventMask.AfterInstructionExecute, NoOp);
        }
        else
        {
            Assert.IsNotNull(vm.Hooks.Table.SoleTracer, "the tracing loop runs");
        }

        Assert.AreEqual(6L, vm.Execute("object", Value.FromI64(0)).AsI64, "the value pushed, not the register as written after");
    }

    [TestMethod]
    [DataRow(false, DisplayName = "the tracing loop")]
    [DataRow(true, DisplayName = "the hooked loop")]
    public void A_hook_the_tracer_registers_at_a_bound_calls_CALL_sees_that_call(bool hooked)
    {
        // The change of hooks sends the loop through its reload with the run's pushes written; the
        // CALL then finds a hook that observes it and calls the builtin's function.
        var delegateCalls = new StrongBox<int>();
        var vm = InlineBuiltinVms.FieldVm(delegateCalls, program: TwoWrites);
        var writes = new List<string>();
        vm.Hooks.Register(HookEventMask.BeforeInstructionExecute, (in HookEvent e, HookContext _) =>
        {
            if (e.InstructionIndex == SecondSetFieldCall && writes.Count == 0)
            {
                vm.Hooks.Register(HookEventMask.ObjectFieldWrite, (in HookEvent write, HookContext _) => writes.Add($"{write.Key}={write.NewValue}"));
            }
        });
        if (hooked)
        {
            vm.Hooks.Register(HookEventMask.AfterInstructionExecute, NoOp);
        }

        Assert.AreEqual(6L, vm.Execute("object", Value.FromI64(0)).AsI64);
        CollectionAssert.AreEqual(new[] { "count=6" }, writes);
        Assert.AreEqual(2, delegateCalls.Value, "the first set_field runs its inline path; the second and get_field, observed, the builtins' functions");
    }

    [TestMethod]
    public void The_tracing_loop_runs_the_bound_calls_in_place_with_each_part_reported()
    {
        var delegateCalls = new StrongBox<int>();
        var vm = InlineBuiltinVms.FieldVm(delegateCalls);
        var opcodes = new List<Opcode>();
        vm.Hooks.Register(HookEventMask.BeforeInstructionExecute, (in HookEvent e, HookContext _) => opcodes.Add(e.Instruction.Opcode));

        Assert.AreEqual(45L, vm.Execute("object", Value.FromI64(10)).AsI64);
        Assert.AreEqual(0, delegateCalls.Value, "no builtin's function called");
        Assert.AreEqual(10 * 5, opcodes.Count(o => o == Opcode.PUSHARG), "five PUSHARGs an iteration, each reported");
        Assert.AreEqual(1 + 10 * 2, opcodes.Count(o => o == Opcode.CALL), "create_object, then set_field and get_field");
        Assert.AreEqual(vm.Inspector.InstructionsExecuted, opcodes.Count);
    }
}
