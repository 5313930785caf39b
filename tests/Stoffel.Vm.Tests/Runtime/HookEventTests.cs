using System.Runtime.CompilerServices;
using Stoffel.Vm.Hooks;
using Stoffel.Vm.Runtime;
using Stoffel.Vm.Values;

namespace Stoffel.Vm.Tests.Runtime;

[TestClass]
public sealed class HookEventTests
{
    private const string Program = TestPrograms.Twice;

    private static List<HookEvent> Record(VirtualMachine vm, HookEventMask mask) => TestPrograms.Record(vm, mask);

    [TestMethod]
    public void Before_and_after_instruction_fire_once_per_instruction_in_order()
    {
        var vm = TestPrograms.Load(Program);
        var events = Record(vm, HookEventMask.BeforeInstructionExecute | HookEventMask.AfterInstructionExecute);

        Assert.AreEqual(10L, vm.Execute("main").AsI64);

        var trace = events.Select(e => $"{e.Kind}:{e.Function!.Name}:{e.InstructionIndex}:{e.Instruction.Opcode}").ToArray();
        string[] instructions = ["main:0:LDI", "main:1:LDI", "main:2:ADD", "main:3:PUSHARG", "main:4:CALL", "twice:0:ADD", "twice:1:RET", "main:5:RET"];
        var expected = instructions.SelectMany(i => new[] { "BeforeInstructionExecute:" + i, "AfterInstructionExecute:" + i }).ToArray();
        CollectionAssert.AreEqual(expected, trace);
    }

    [TestMethod]
    public void Register_write_carries_old_and_new_values_and_return_writes_callers_r0()
    {
        var vm = TestPrograms.Load(Program);
        var events = Record(vm, HookEventMask.RegisterWrite);

        vm.Execute("main");

        var writes = events.Select(e => $"{e.Function!.Name}:r{e.Register}:{e.OldValue}->{e.NewValue}").ToArray();
        CollectionAssert.AreEqual(new[] { "main:r1:()->2", "main:r2:()->3", "main:r3:()->5", "twice:r1:()->10", "main:r0:()->10" }, writes);
    }

    [TestMethod]
    public void Register_read_reports_each_source_operand()
    {
        var vm = TestPrograms.Load(Program);
        var events = Record(vm, HookEventMask.RegisterRead);

        vm.Execute("main");

        var reads = events.Select(e => $"{e.Function!.Name}:{e.Instruction.Opcode}:r{e.Register}={e.NewValue}").ToArray();
        CollectionAssert.AreEqual(new[] { "main:ADD:r1=2", "main:ADD:r2=3", "main:PUSHARG:r3=5", "twice:ADD:r0=5", "twice:ADD:r0=5", "twice:RET:r1=10", "main:RET:r0=10" }, reads);
    }

    [TestMethod]
    public void Calls_fire_stack_and_call_events_with_arguments_and_results()
    {
        var vm = TestPrograms.Load(Program);
        var events = Record(vm, HookEventMask.StackPush | HookEventMask.StackPop | HookEventMask.BeforeFunctionCall | HookEventMask.AfterFunctionCall | HookEventMask.VariableWrite);

        vm.Execute("main");

        var log = events.Select(e => e.Kind switch
        {
            HookEventKind.StackPush => $"push {e.NewValue}",
            HookEventKind.StackPop => $"pop {e.OldValue}",
            HookEventKind.BeforeFunctionCall => $"call {e.Name}({string.Join(", ", e.Arguments!)}) depth {e.CallDepth}",
            HookEventKind.VariableWrite => $"bind {e.Name}={e.NewValue}",
            HookEventKind.AfterFunctionCall => $"return {e.Name} {e.NewValue}",
            _ => e.Kind.ToString(),
        }).ToArray();
        CollectionAssert.AreEqual(new[]
        {
            "call main() depth 0", "push 5", "pop 5", "call twice(5) depth 1", "bind x=5", "return twice 10", "return main 10",
        }, log);
    }

    [TestMethod]
    public void Table_events_from_foreign_functions_carry_table_key_and_values()
    {
        var vm = TestPrograms.Load("""
            .function main()
                CALL make
                MOV r1, r0
                PUSHARG r1
                CALL fill
                RET r1
            .end
            """);
        vm.RegisterFunction("make", ctx => ctx.Objects.CreateObject());
        vm.RegisterFunction("fill", ctx =>
        {
            var table = ctx[0];
            ctx.WriteTable(table, Value.FromString("k"), Value.FromI64(1));
            ctx.WriteTable(table, Value.FromString("k"), Value.FromI64(2));
            return ctx.ReadTable(table, Value.FromString("k"));
        });
        var events = Record(vm, HookEventMask.ObjectFieldRead | HookEventMask.ObjectFieldWrite);

        var table = vm.Execute("main");

        var log = events.Select(e => $"{e.Kind} {e.Table.Id} {e.Key} {e.OldValue}->{e.NewValue}").ToArray();
        CollectionAssert.AreEqual(new[]
        {
            $"ObjectFieldWrite {table.Id} k ()->1", $"ObjectFieldWrite {table.Id} k 1->2", $"ObjectFieldRead {table.Id} k ()->2",
        }, log);
    }

    [TestMethod]
    public void Array_events_report_index_and_growth()
    {
        var vm = TestPrograms.Load(".function main()\n CALL grow\n.end");
        vm.RegisterFunction("grow", ctx =>
        {
            var array = ctx.Objects.CreateArray();
            ctx.SetElement(array.AsArray!, 2, Value.FromI64(7));
            return ctx.GetElement(array.AsArray!, 2);
        });
        var events = Record(vm, HookEventMask.ArrayElementRead | HookEventMask.ArrayElementWrite);

        Assert.AreEqual(7L, vm.Execute("main").AsI64);

        var log = events.Select(e => $"{e.Kind} {e.Key} {e.OldValue}->{e.NewValue}").ToArray();
        CollectionAssert.AreEqual(new[] { "ArrayElementWrite 2 ()->7", "ArrayElementRead 2 ()->7" }, log);
    }

    [TestMethod]
    public void Closure_and_upvalue_events_fire_from_the_context_operations()
    {
        var vm = TestPrograms.Load("""
            .function main()
                LDI r1, 5
                PUSHARG r1
                CALL make_counter
                MOV r2, r0
                PUSHARG r2
                CALL invoke
                RET r0
            .end

            .function make_counter(count)
                CALL capture
            .end

            .function bump()
                CALL bump_upvalue
            .end
            """);
        vm.RegisterFunction("capture", ctx => ctx.CreateClosure("bump", ["count"]));
        vm.RegisterFunction("invoke", ctx =>
        {
            ctx.CallClosure(ctx[0].AsClosure!, []);
            return Value.Unit;
        });
        vm.RegisterFunction("bump_upvalue", ctx =>
        {
            var next = Value.FromI64(ctx.GetUpvalue("count").AsI64 + 1);
            ctx.SetUpvalue("count", next);
            return next;
        });
        var events = Record(vm, HookEventMask.ClosureCreated | HookEventMask.UpvalueRead | HookEventMask.UpvalueWrite | HookEventMask.VariableRead);

        Assert.AreEqual(6L, vm.Execute("main").AsI64);

        var log = events.Select(e => $"{e.Kind} {e.Name} {e.OldValue}->{e.NewValue}").ToArray();
        CollectionAssert.AreEqual(new[]
        {
            "VariableRead count ()->5", "ClosureCreated bump ()->Function(bump)", "UpvalueRead count ()->5", "UpvalueWrite count 5->6",
        }, log);
    }

    [TestMethod]
    public void Hooks_run_by_priority_and_respect_predicates_disable_and_unregister()
    {
        var vm = TestPrograms.Load(Program);
        var order = new List<string>();
        vm.Hooks.Register(HookEventMask.BeforeFunctionCall, (in HookEvent e, HookContext _) => order.Add("low " + e.Name), priority: 1);
        var high = vm.Hooks.Register(HookEventMask.BeforeFunctionCall, (in HookEvent e, HookContext _) => order.Add("high " + e.Name), priority: 5);
        vm.Hooks.Register(HookEventMask.BeforeFunctionCall, (in HookEvent e, HookContext _) => order.Add("filtered " + e.Name),
            (in HookEvent e) => e.Name == "twice", priority: 3);

        vm.Execute("main");
        CollectionAssert.AreEqual(new[] { "high main", "low main", "high twice", "filtered twice", "low twice" }, order);

        order.Clear();
        Assert.IsTrue(vm.Hooks.Disable(high));
        vm.Execute("main");
        CollectionAssert.AreEqual(new[] { "low main", "filtered twice", "low twice" }, order);

        order.Clear();
        Assert.IsTrue(vm.Hooks.Enable(high));
        Assert.IsTrue(vm.Hooks.Unregister(high));
        Assert.IsFalse(vm.Hooks.Unregister(high));
        vm.Execute("main");
        CollectionAssert.AreEqual(new[] { "low main", "filtered twice", "low twice" }, order);
    }

    [TestMethod]
    public void A_throwing_callback_aborts_the_run_with_its_error()
    {
        var vm = TestPrograms.Load(Program);
        vm.Hooks.Register(HookEventMask.BeforeFunctionCall, (in HookEvent e, HookContext _) =>
        {
            if (e.Name == "twice")
            {
                throw new InvalidOperationException("no doubling allowed");
            }
        });

        var error = Assert.ThrowsExactly<VmException>(() => vm.Execute("main"));

        Assert.AreEqual(VmErrorKind.HookError, error.Kind);
        StringAssert.Contains(error.Message, "no doubling allowed");
        Assert.IsInstanceOfType<InvalidOperationException>(error.InnerException);
        Assert.AreEqual("main", error.FunctionName);
        Assert.AreEqual(4, error.InstructionIndex);
    }

    [TestMethod]
    public void Context_reads_any_frames_registers_and_the_source_line()
    {
        var vm = TestPrograms.Load(Program);
        var seen = new List<string>();
        vm.Hooks.Register(HookEventMask.BeforeInstructionExecute, (in HookEvent e, HookContext c) =>
        {
            if (e.Function!.Name == "twice" && e.InstructionIndex == 1)
            {
                seen.Add($"depth {c.CallDepth} line {c.SourceLine} r1 {c.GetRegister(1)} caller r3 {c.GetRegister(1, 3)} caller {c.GetFrame(1).Function.Name}@{c.GetFrame(1).InstructionIndex}");
            }
        });

        vm.Execute("main");

        CollectionAssert.AreEqual(new[] { "depth 2 line 12 r1 10 caller r3 5 caller main@4" }, seen);
    }

    [TestMethod]
    public void Site_limited_hooks_fire_only_at_their_instructions()
    {
        var program = TestPrograms.Assemble(TestPrograms.Fib);
        var vm = new VirtualMachine();
        vm.Load(program);
        var fib = program.FindFunction("fib")!;
        var hits = 0;
        vm.Hooks.Register(HookEventMask.BeforeInstructionExecute, (in HookEvent e, HookContext _) => hits++, sites: [new InstructionSite(fib, 15)]);

        Assert.AreEqual(55L, vm.Execute("fib", Value.FromI64(10)).AsI64);

        Assert.AreEqual(89, hits, "the base case runs fib(11) = 89 times for fib(10)");
    }

    [TestMethod]
    public void A_function_that_ran_plain_while_other_functions_had_sites_runs_hooked_once_it_has_one()
    {
        // leaf is entered by the plain loop's CALL both times: the first run finds it needs no
        // hooked loop under that hook table, the second must look again under the new table.
        var program = TestPrograms.Assemble("""
            .function main()
                CALL leaf
                RET r0
            .end
            .function leaf()
                LDI r0, 7
                RET r0
            .end
            .function elsewhere()
                RET r0
            .end
            """);
        var vm = new VirtualMachine();
        vm.Load(program);
        var hits = new List<string>();
        vm.Hooks.Register(HookEventMask.BeforeInstructionExecute, (in HookEvent e, HookContext _) => hits.Add(e.Function!.Name),
            sites: [new InstructionSite(program.FindFunction("elsewhere")!, 0)]);
        Assert.AreEqual(7L, vm.Execute("main").AsI64);
        Assert.AreEqual(0, hits.Count, "nothing calls elsewhere");

        vm.Hooks.Register(HookEventMask.BeforeInstructionExecute, (in HookEvent e, HookContext _) => hits.Add(e.Function!.Name),
            sites: [new InstructionSite(program.FindFunction("leaf")!, 0)]);
        Assert.AreEqual(7L, vm.Execute("main").AsI64);

        CollectionAssert.AreEqual(new[] { "leaf" }, hits);
    }

    [TestMethod]
    public void Hooks_do_not_reenter_while_a_callback_runs()
    {
        var vm = TestPrograms.Load(Program);
        var calls = new List<string>();
        VirtualMachine machine = vm;
        vm.Hooks.Register(HookEventMask.BeforeFunctionCall, (in HookEvent e, HookContext _) =>
        {
            calls.Add(e.Name!);
            if (e.Name == "twice")
            {
                Assert.AreEqual(8L, machine.Execute("twice", Value.FromI64(4)).AsI64, "a hook may run Stoffel code");
            }
        });

        vm.Execute("main");

        CollectionAssert.AreEqual(new[] { "main", "twice" }, calls, "the nested run inside the hook fired no events");
    }

    [TestMethod]
    public void Execution_error_fires_before_the_frames_unwind()
    {
        var vm = TestPrograms.Load("""
            .function main()
                LDI r1, 1
                PUSHARG r1
                CALL divide
            .end
            .function divide(x)
                LDI r1, 0
                DIV r0, r0, r1
            .end
            """);
        var seen = new List<string>();
        vm.Hooks.Register(HookEventMask.ExecutionError, (in HookEvent e, HookContext c) =>
            seen.Add($"{e.ErrorKind} '{e.Message}' in {e.Function!.Name}@{e.InstructionIndex} depth {c.CallDepth} caller {c.GetFrame(1).Function.Name} x={c.GetRegister(0)}"));

        var error = Assert.ThrowsExactly<VmException>(() => vm.Execute("main"));

        CollectionAssert.AreEqual(new[] { "DivisionByZero 'division by zero (int64)' in divide@1 depth 2 caller main x=1" }, seen);
        Assert.AreEqual(VmErrorKind.DivisionByZero, error.Kind);
        Assert.AreEqual(0, vm.Inspector.CallDepth);
    }

    // main() = 40 + 2 + where, around a call of noop; where is main's record's Ip as the
    // inspector reads it (4, the CALL of where); down(n) recurses n deep (TestPrograms.Down).
    private static VirtualMachine LoadCallerOfNoop()
    {
        var vm = TestPrograms.Load(TestPrograms.Down + """

            .function noop()
            .end

            .function main()
                LDI r1, 40
                LDI r2, 2
                CALL noop
                ADD r3, r1, r2
                CALL where
                ADD r3, r3, r0
                RET r3
            .end
            """);
        vm.RegisterFunction("where", _ => Value.FromI64(vm.Inspector.GetFrame(0).InstructionIndex));
        return vm;
    }

    [TestMethod]
    public void A_hook_that_runs_deep_nested_code_leaves_the_running_frame_intact()
    {
        var vm = LoadCallerOfNoop();
        VirtualMachine machine = vm;
        vm.Hooks.Register(HookEventMask.BeforeInstructionExecute, (in HookEvent e, HookContext _) =>
        {
            if (e.Function!.Name == "main" && e.InstructionIndex == 1)
            {
                // Deep enough to grow both the frame array and the value stack under the running frame.
                Assert.AreEqual(5_000L, machine.Execute("down", Value.FromI64(5_000)).AsI64);
            }
        });

        Assert.AreEqual(42L + 4, vm.Execute("main").AsI64);
    }

    [TestMethod]
    [DataRow(HookEventMask.AfterFunctionCall)]
    [DataRow(HookEventMask.RegisterWrite)]
    public void A_return_hook_that_runs_deep_nested_code_leaves_the_caller_intact(HookEventMask events)
    {
        // The return of noop into main: its AfterFunctionCall, or the write of main's r0.
        var vm = LoadCallerOfNoop();
        VirtualMachine machine = vm;
        var ran = false;
        vm.Hooks.Register(events, (in HookEvent e, HookContext _) =>
        {
            var atReturn = e.Kind == HookEventKind.AfterFunctionCall ? e.Name == "noop" : e.Function!.Name == "main" && e.Register == 0;
            if (atReturn && !ran)
            {
                ran = true;
                // Deep enough to grow both the frame array and the value stack under the caller's frame.
                Assert.AreEqual(5_000L, machine.Execute("down", Value.FromI64(5_000)).AsI64);
            }
        });

        Assert.AreEqual(42L + 4, vm.Execute("main").AsI64);
        Assert.IsTrue(ran);
    }

    [TestMethod]
    public void Instructions_executed_is_exact_inside_hooks_and_foreign_functions()
    {
        var vm = CountToHundredThenProbe(out var atProbe);
        var atBreak = -1L;
        vm.Hooks.Register(HookEventMask.BeforeInstructionExecute, (in HookEvent e, HookContext c) =>
        {
            if (e.Function!.Name == "count_to" && e.InstructionIndex == 7)
            {
                atBreak = c.InstructionsExecuted;
            }
        });

        vm.Execute("main");

        // main: LDI, PUSHARG, CALL (3); count_to: 3 setup + 4 per iteration + CMP, JMPEQ; RET at 7.
        Assert.AreEqual(3 + 3 + 4 * 100 + 2, atBreak, "instructions before count_to's RET");
        Assert.AreEqual(atBreak + 2, atProbe.Value, "the RET, and the CALL running probe");
        Assert.AreEqual(atProbe.Value + 1, vm.Inspector.InstructionsExecuted, "main's implicit return");
    }

    [TestMethod]
    public void Instructions_executed_stays_exact_when_a_hook_changes_the_hooks_mid_slice()
    {
        // A debugger swaps hooks inside its callbacks (stop, then step): the slice ends early, and
        // the instructions it did not run must not be counted (replay positions and budgets rely on it).
        var vm = CountToHundredThenProbe(out var atProbe);
        VirtualMachine machine = vm;
        var seen = new List<long>();
        HookId? extra = null;
        vm.Hooks.Register(HookEventMask.BeforeInstructionExecute, (in HookEvent e, HookContext c) =>
        {
            if (e.Function!.Name == "count_to" && e.InstructionIndex == 5)
            {
                seen.Add(c.InstructionsExecuted);
                if (extra is { } id)
                {
                    machine.Hooks.Unregister(id);
                    extra = null;
                }
                else
                {
                    extra = machine.Hooks.Register(HookEventMask.ClosureCreated, (in HookEvent _, HookContext _) => { });
                }
            }
        });
        machine.Limits = new ExecutionLimits { MaxInstructions = 3 + 3 + 4 * 100 + 2 + 1 + 1 + 1 };

        vm.Execute("main");

        Assert.AreEqual(100, seen.Count);
        CollectionAssert.AreEqual(Enumerable.Range(0, 100).Select(i => seen[0] + 4L * i).ToArray(), seen.ToArray(), "one loop iteration is 4 instructions");
        Assert.AreEqual(3 + 3 + 4 * 100 + 2 + 1 + 1, atProbe.Value, "count_to's RET, and the CALL running probe");
        Assert.AreEqual(atProbe.Value + 1, vm.Inspector.InstructionsExecuted, "main's implicit return; the exact budget is not exceeded");
    }

    [TestMethod]
    public void Site_hooks_fire_exactly_as_the_loop_switches_between_sited_and_unsited_functions()
    {
        var program = TestPrograms.Assemble("""
            .function main()
                LDI r1, 0
                LDI r2, 5
                LDI r3, 1
            loop:
                CMP r1, r2
                JMPEQ done
                PUSHARG r1
                CALL leaf
                ADD r1, r1, r3
                JMP loop
            done:
                RET r1
            .end
            .function leaf(x)
                PUSHARG r0
                CALL inner
            .end
            .function inner(y)
                RET r0
            .end
            """);
        var vm = new VirtualMachine();
        vm.Load(program);
        var hits = new List<string>();
        vm.Hooks.Register(HookEventMask.BeforeInstructionExecute, (in HookEvent e, HookContext c) => hits.Add($"{e.Function!.Name}@{e.InstructionIndex}"),
            sites: [new InstructionSite(program.FindFunction("leaf")!, 1), new InstructionSite(program.FindFunction("main")!, 7)]);

        Assert.AreEqual(5L, vm.Execute("main").AsI64);

        var expected = Enumerable.Range(0, 5).SelectMany(_ => new[] { "leaf@1", "main@7" }).ToArray();
        CollectionAssert.AreEqual(expected, hits, "leaf's CALL before inner (sited callee of an unsited caller), then main's ADD after leaf returns (sited caller of unsited callees)");
    }

    /// <summary>main() runs count_to(100), then calls probe, which records the VM's live instruction count.</summary>
    private static VirtualMachine CountToHundredThenProbe(out StrongBox<long> atProbe)
    {
        var vm = TestPrograms.Load(TestPrograms.CountTo + """

            .function main()
                LDI r1, 100
                PUSHARG r1
                CALL count_to
                CALL probe
            .end
            """);
        var probed = atProbe = new StrongBox<long>(-1);
        VirtualMachine machine = vm;
        vm.RegisterFunction("probe", _ =>
        {
            probed.Value = machine.Inspector.InstructionsExecuted;
            return Value.Unit;
        });
        return vm;
    }
}
