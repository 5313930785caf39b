using System.Runtime.CompilerServices;
using Stoffel.Vm.Hooks;
using Stoffel.Vm.Runtime;
using Stoffel.Vm.Values;

namespace Stoffel.Vm.Tests.Runtime;

/// <summary>
/// How a CALL reaches a builtin registered with an intrinsic (VMState.Intrinsics.cs): inline for the
/// common case while nothing observes it, through the registered delegate otherwise, and never
/// once a host replaces the function.
/// </summary>
[TestClass]
public sealed class IntrinsicBindingTests
{
    private int _delegateCalls;

    private VirtualMachine FieldVm()
    {
        var vm = new VirtualMachine { Output = TextWriter.Null };
        vm.RegisterFunction("create_object", context => context.Objects.CreateObject());
        vm.RegisterBuiltin("get_field", context =>
        {
            _delegateCalls++;
            return context.ReadTable(context[0], context[1]);
        }, Intrinsic.GetField);
        vm.RegisterBuiltin("set_field", context =>
        {
            _delegateCalls++;
            context.WriteTable(context[0], context[1], context[2]);
            return Value.Unit;
        }, Intrinsic.SetField);
        vm.Load(TestPrograms.Assemble(Stoffel.Tests.Shared.SharedPrograms.FieldLoop));
        return vm;
    }

    [TestMethod]
    public void Unobserved_common_calls_run_inline_without_the_delegate()
    {
        var vm = FieldVm();

        Assert.AreEqual(45L, vm.Execute("object", Value.FromI64(10)).AsI64);
        Assert.AreEqual(0, _delegateCalls);
    }

    [TestMethod]
    public void A_hook_on_an_event_the_call_reports_sends_every_call_through_the_delegate()
    {
        var vm = FieldVm();
        var reads = new List<(Value Key, Value Value)>();
        vm.Hooks.Register(HookEventMask.ObjectFieldRead, (in HookEvent e, HookContext _) => reads.Add((e.Key, e.NewValue)));

        Assert.AreEqual(45L, vm.Execute("object", Value.FromI64(10)).AsI64);
        Assert.AreEqual(20, _delegateCalls);
        CollectionAssert.AreEqual(Enumerable.Range(0, 10).Select(i => (Value.FromString("count"), Value.FromI64(i))).ToArray(), reads.ToArray());
    }

    [TestMethod]
    public void Hooks_on_instructions_only_leave_the_inline_path_on()
    {
        var vm = FieldVm();
        var instructions = 0;
        vm.Hooks.Register(HookEventMask.BeforeInstructionExecute, (in HookEvent _, HookContext _) => instructions++);

        Assert.AreEqual(45L, vm.Execute("object", Value.FromI64(10)).AsI64);
        Assert.AreEqual(0, _delegateCalls);
        Assert.AreEqual(vm.Inspector.InstructionsExecuted, instructions);
    }

    [TestMethod]
    public void A_call_outside_the_common_case_goes_to_the_delegate()
    {
        var vm = FieldVm();
        vm.Load(TestPrograms.Assemble("""
            .function read_unit()
                LDI r1, unit
                LDI r2, "x"
                PUSHARG r1
                PUSHARG r2
                CALL get_field
                RET r0
            .end
            """));

        var error = Assert.ThrowsExactly<VmException>(() => vm.Execute("read_unit"));

        Assert.AreEqual(1, _delegateCalls);
        Assert.Contains("cannot read a field of", error.Message);
    }

    [TestMethod]
    [DataRow(false, DisplayName = "replaced before the first run")]
    [DataRow(true, DisplayName = "replaced after a run linked the calls to the builtins' inline cases")]
    public void A_replaced_builtin_runs_the_hosts_function_on_every_call(bool runFirst)
    {
        var vm = FieldVm();
        if (runFirst)
        {
            Assert.AreEqual(45L, vm.Execute("object", Value.FromI64(10)).AsI64);
        }
        var hostCalls = 0;
        vm.ReplaceFunction("get_field", _ =>
        {
            hostCalls++;
            return Value.FromI64(100);
        });

        Assert.AreEqual(1000L, vm.Execute("object", Value.FromI64(10)).AsI64);
        Assert.AreEqual(10, hostCalls);
        Assert.AreEqual(0, _delegateCalls, "set_field still runs inline");
    }

    [TestMethod]
    public void A_replaced_upvalue_builtin_runs_the_hosts_function_where_its_name_load_ran_with_the_call()
    {
        var delegateCalls = new System.Runtime.CompilerServices.StrongBox<int>();
        var vm = InlineBuiltinVms.CounterVm(delegateCalls);
        Assert.AreEqual(10L, vm.Execute("closure", Value.FromI64(10)).AsI64, "bound: the name's load runs with the inline get_upvalue");
        var names = new List<string>();
        vm.ReplaceFunction("get_upvalue", context =>
        {
            names.Add(context[0].AsString);
            return Value.FromI64(100);
        });

        Assert.AreEqual(101L, vm.Execute("closure", Value.FromI64(10)).AsI64);
        CollectionAssert.AreEqual(Enumerable.Repeat("count", 10).ToArray(), names.ToArray(), "the name loaded before each call");
        Assert.AreEqual(0, delegateCalls.Value, "set_upvalue and call_closure still run inline");
    }

    [TestMethod]
    public void A_hook_registered_after_a_run_sends_the_calls_that_run_made_inline_through_the_delegate()
    {
        var vm = FieldVm();
        Assert.AreEqual(45L, vm.Execute("object", Value.FromI64(10)).AsI64);
        Assert.AreEqual(0, _delegateCalls);
        var writes = 0;
        vm.Hooks.Register(HookEventMask.ObjectFieldWrite, (in HookEvent _, HookContext _) => writes++);

        Assert.AreEqual(45L, vm.Execute("object", Value.FromI64(10)).AsI64);
        Assert.AreEqual(10, writes);
        Assert.AreEqual(20, _delegateCalls);
    }

    [TestMethod]
    public void A_closure_called_in_two_vms_runs_each_vms_own_function()
    {
        // A closure remembers the function it resolved to with that function's VM: the bound
        // call_closure of another VM with a function of the same name enters its own.
        const string CallIt = """
            .function call_it(c)
                PUSHARG r0
                CALL call_closure
                RET r0
            .end
            """;
        var first = InlineBuiltinVms.CounterVm(new StrongBox<int>(), CallIt);
        var second = InlineBuiltinVms.CounterVm(new StrongBox<int>(), CallIt, Stoffel.Tests.Shared.SharedPrograms.Counter.Replace("LDI r2, 1", "LDI r2, 10", StringComparison.Ordinal));
        var counter = first.Execute("make_counter", Value.FromI64(0));

        Assert.AreEqual(1L, first.Execute("call_it", counter).AsI64);
        Assert.AreEqual(11L, second.Execute("call_it", counter).AsI64, "the second VM ran the first one's increment");
        Assert.AreEqual(12L, first.Execute("call_it", counter).AsI64);
        Assert.AreEqual(22L, second.Execute("call_it", counter).AsI64);
    }
}
