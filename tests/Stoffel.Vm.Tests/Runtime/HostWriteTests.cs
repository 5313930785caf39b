using Stoffel.Vm.Hooks;
using Stoffel.Vm.Instructions;
using Stoffel.Vm.Runtime;
using Stoffel.Vm.Values;

namespace Stoffel.Vm.Tests.Runtime;

/// <summary>
/// One door for state changes: <see cref="VirtualMachine.SetRegister"/> and
/// <see cref="VirtualMachine.WriteTable"/> fire the events a program's own writes fire — from a
/// foreign function, between runs, and from another thread while the VM is paused inside a hook
/// (a debugger's setVariable) — and a hook's own write fires nothing (hooks do not re-enter).
/// </summary>
[TestClass]
public sealed class HostWriteTests
{
    // main calls poke(5) with r2 = 7 in main; poke's r1 = 1, then the host builtin `write` runs.
    private const string Program = """
        .function main()
            LDI r2, 7
            LDI r1, 5
            PUSHARG r1
            CALL poke
            RET r2
        .end
        .function poke(n)
            LDI r1, 1
            CALL write
            RET r1
        .end
        """;

    private static List<HookEvent> Record(VirtualMachine vm, HookEventMask mask) => TestPrograms.Record(vm, mask);

    [TestMethod]
    public void SetRegister_from_a_foreign_function_fires_RegisterWrite_with_the_frame_it_wrote()
    {
        var vm = TestPrograms.Load(Program);
        vm.RegisterFunction("write", _ =>
        {
            vm.SetRegister(1, 2, Value.FromI64(42)); // main's r2, one frame out
            return Value.Unit;
        });
        var events = Record(vm, HookEventMask.RegisterWrite);

        Assert.AreEqual(42L, vm.Execute("main").AsI64, "main returns the register the host wrote");

        var write = events.Single(e => e.FrameIndex == 1);
        Assert.AreEqual("main", write.Function!.Name);
        Assert.AreEqual(2, write.Register);
        Assert.AreEqual(3, write.InstructionIndex, "main's CALL");
        Assert.AreEqual(2, write.CallDepth);
        Assert.AreEqual(Value.FromI64(7), write.OldValue);
        Assert.AreEqual(Value.FromI64(42), write.NewValue);
        Assert.IsTrue(events.Where(e => e != write).All(e => e.FrameIndex == 0), "the program's own writes are to the innermost frame");
    }

    [TestMethod]
    public void SetRegister_checks_the_frame_and_register()
    {
        var vm = TestPrograms.Load(Program);
        vm.RegisterFunction("write", _ =>
        {
            Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => vm.SetRegister(2, 0, Value.Unit));
            Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => vm.SetRegister(0, 99, Value.Unit));
            return Value.Unit;
        });

        vm.Execute("main");

        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => vm.SetRegister(0, 0, Value.Unit), "no frames between runs");
    }

    [TestMethod]
    public void WriteTable_fires_the_write_event_of_the_table_kind_with_old_and_new_values()
    {
        var vm = TestPrograms.Load(Program);
        var obj = vm.Objects.CreateObject();
        var array = vm.Objects.CreateArray();
        var events = Record(vm, HookEventMask.ObjectFieldWrite | HookEventMask.ArrayElementWrite);

        vm.WriteTable(obj, Value.FromString("name"), Value.FromString("a"));
        vm.WriteTable(obj, Value.FromString("name"), Value.FromString("b"));
        vm.WriteTable(array, Value.FromI64(1), Value.True);
        vm.WriteTable(array, Value.FromString("tag"), Value.FromU8(3));

        var log = events.Select(e => $"{e.Kind} {e.Key}: {e.OldValue} -> {e.NewValue} in {e.Function?.Name ?? "no frame"}").ToArray();
        CollectionAssert.AreEqual(new[]
        {
            "ObjectFieldWrite name: () -> a in no frame",
            "ObjectFieldWrite name: a -> b in no frame",
            "ArrayElementWrite 1: () -> true in no frame",
            "ArrayElementWrite tag: () -> 3u8 in no frame",
        }, log);
        Assert.AreEqual("b", obj.AsObject!.Get(Value.FromString("name")).AsString);
        Assert.AreEqual("[(), true]", ValueFormatter.Format(array), "an element write grows the array with Unit");
        Assert.AreEqual(Value.FromU8(3), array.AsArray!.SideEntries[Value.FromString("tag")]);
    }

    [TestMethod]
    public void WriteTable_errors_are_VmExceptions()
    {
        var vm = new VirtualMachine { Limits = ExecutionLimits.Default with { MaxArrayLength = 10 } };

        Assert.AreEqual(VmErrorKind.TypeError, Assert.ThrowsExactly<VmException>(() => vm.WriteTable(Value.FromI64(1), Value.Unit, Value.Unit)).Kind);
        Assert.AreEqual(VmErrorKind.MemoryLimitExceeded,
            Assert.ThrowsExactly<VmException>(() => vm.WriteTable(vm.Objects.CreateArray(), Value.FromI64(10), Value.Unit)).Kind);
    }

    [TestMethod]
    public void A_write_made_by_a_hook_callback_happens_but_fires_nothing()
    {
        var vm = TestPrograms.Load(Program);
        vm.RegisterFunction("write", _ => Value.Unit);
        var events = Record(vm, HookEventMask.RegisterWrite);
        var table = vm.Objects.CreateObject();
        var fields = Record(vm, HookEventMask.ObjectFieldWrite);
        vm.Hooks.Register(HookEventMask.BeforeFunctionCall, (in HookEvent e, HookContext context) =>
        {
            if (e.Name == "write")
            {
                vm.SetRegister(0, 1, Value.FromI64(9)); // poke's r1
                vm.WriteTable(table, Value.FromString("seen"), Value.True);
            }
        });

        Assert.AreEqual(7L, vm.Execute("main").AsI64);

        Assert.IsFalse(events.Any(e => e.Function!.Name == "poke" && e.Register == 1 && e.NewValue == Value.FromI64(9)), "no RegisterWrite from inside a hook");
        Assert.IsTrue(events.Any(e => e.Function!.Name == "main" && e.Register == 0 && e.NewValue == Value.FromI64(9)), "poke returned the r1 the hook wrote");
        Assert.AreEqual(0, fields.Count, "no ObjectFieldWrite from inside a hook");
        Assert.AreEqual(Value.True, table.AsObject!.Get(Value.FromString("seen")), "the write itself happened");
    }

    [TestMethod]
    [Timeout(20_000, CooperativeCancellation = true)]
    public void A_write_from_another_thread_while_the_VM_waits_in_a_hook_fires_on_that_thread()
    {
        var vm = TestPrograms.Load(Program);
        vm.RegisterFunction("write", _ => Value.Unit);
        var pause = new PauseInHook(vm, PokeReturn);
        var writes = new List<(HookEvent Event, int Thread)>();
        vm.Hooks.Register(HookEventMask.RegisterWrite | HookEventMask.ObjectFieldWrite,
            (in HookEvent e, HookContext context) => writes.Add((e, Environment.CurrentManagedThreadId)));
        var table = vm.Objects.CreateObject();

        var (result, writer) = pause.Run(() =>
        {
            writes.Clear();
            vm.SetRegister(0, 1, Value.FromI64(5));
            vm.SetRegister(1, 2, Value.FromI64(6));
            vm.WriteTable(table, Value.FromString("k"), Value.FromI64(1));
        });

        Assert.AreEqual(6L, result, "main returns the r2 written while paused");
        var seen = writes.Where(w => w.Thread == writer).Select(w => w.Event.Kind == HookEventKind.RegisterWrite
            ? $"frame {w.Event.FrameIndex} {w.Event.Function!.Name} r{w.Event.Register}: {w.Event.OldValue} -> {w.Event.NewValue}"
            : $"{w.Event.Kind} {w.Event.Key}: {w.Event.OldValue} -> {w.Event.NewValue}").ToArray();
        CollectionAssert.AreEqual(new[]
        {
            "frame 0 poke r1: 1 -> 5",
            "frame 1 main r2: 7 -> 6",
            "ObjectFieldWrite k: () -> 1",
        }, seen);
        Assert.IsTrue(writes.Any(w => w.Thread != writer && w.Event.Function?.Name == "main" && w.Event.Register == 0), "the VM thread's own writes still fire after the pause");
    }

    [TestMethod]
    [Timeout(20_000, CooperativeCancellation = true)]
    public void A_write_from_another_thread_while_the_VM_waits_in_its_only_instruction_hook_fires_on_that_thread()
    {
        // The same pause with the BeforeInstructionExecute hook alone among the per-instruction
        // events (the hooked loop's shortcut for one hook, HookTable.SoleInstructionHook): the
        // thread it records for the hook must be the VM thread's.
        var vm = TestPrograms.Load(Program);
        vm.RegisterFunction("write", _ => Value.Unit);
        var table = vm.Objects.CreateObject();
        var pause = new PauseInHook(vm, PokeReturn, inHook: () => vm.WriteTable(table, Value.FromString("inside"), Value.True)); // the hook's own thread: fires nothing
        var writes = new List<(string Key, int Thread)>();
        vm.Hooks.Register(HookEventMask.ObjectFieldWrite,
            (in HookEvent e, HookContext context) => writes.Add((e.Key.AsString, Environment.CurrentManagedThreadId)));

        var (result, writer) = pause.Run(() => vm.WriteTable(table, Value.FromString("k"), Value.FromI64(1)));

        Assert.AreEqual(7L, result);
        CollectionAssert.AreEqual(new[] { ("k", writer) }, writes);
    }

    [TestMethod]
    [Timeout(20_000, CooperativeCancellation = true)]
    public void A_tracer_paused_for_a_write_from_another_thread_reads_where_the_run_stands_afterwards()
    {
        // The tracing loop's window (VMState.TracerWindow.cs): the write, located where the run
        // stands, lifts the in-hook flag and puts it back as it was, so the inspector still reads
        // the record's Ip from the loop's event at the next part of the superinstruction, which
        // opens no window of its own.
        var vm = TestPrograms.Load("""
            .function main()
                LDI r1, 5
                LDI r2, 2
                ADD r0, r1, r2
                RET r0
            .end
            """);
        var stands = new List<string>();
        var pause = new PauseInHook(vm, at: e => e.InstructionIndex == 1,
            everyEvent: (in HookEvent e, HookContext context) => stands.Add($"{e.InstructionIndex} {context.InstructionIndex}"));
        vm.Hooks.Register(HookEventMask.ObjectFieldWrite, (in HookEvent e, HookContext context) => stands.Add($"write at {e.InstructionIndex}"));
        var table = vm.Objects.CreateObject();

        var (result, _) = pause.Run(() => vm.WriteTable(table, Value.FromString("k"), Value.FromI64(1)));

        Assert.AreEqual(7L, result);
        CollectionAssert.AreEqual(new[] { "0 0", "write at 1", "1 1", "2 2", "3 3" }, stands);
    }

    [TestMethod]
    public void A_register_written_from_inside_the_tracer_leaves_the_ones_the_run_has_written()
    {
        // The write reads the record's Ip to tell the registers the run has written from the ones
        // it has not (CallStack.ClearUnwritten): in the tracing loop's window the event holds it.
        var vm = TestPrograms.Load("""
            .function main()
                LDI r1, 5
                LDI r2, 2
                ADD r0, r1, r2
                RET r0
            .end
            """);
        vm.Hooks.Register(HookEventMask.BeforeInstructionExecute, (in HookEvent e, HookContext context) =>
        {
            if (e.InstructionIndex == 2)
            {
                vm.SetRegister(0, 0, Value.FromI64(100));
            }
        });

        Assert.AreEqual(7L, vm.Execute("main").AsI64);
    }

    [TestMethod]
    public void A_failing_run_nested_in_the_tracer_shows_the_traced_frame_where_it_stands()
    {
        // A nested run's error takes the Stoffel stack from the records (VMState.Failed): the run
        // publishes the traced record's Ip from the loop's event as it starts.
        var vm = TestPrograms.Load("""
            .function main()
                LDI r1, 5
                LDI r2, 2
                ADD r0, r1, r2
                RET r0
            .end
            .function overflow()
                LDI r0, 9223372036854775807
                LDI r1, 1
                ADD r0, r0, r1
                RET r0
            .end
            """);
        IReadOnlyList<StackFrameInfo>? stack = null;
        vm.Hooks.Register(HookEventMask.BeforeInstructionExecute, (in HookEvent e, HookContext context) =>
        {
            if (e.Function!.Name == "main" && e.InstructionIndex == 2)
            {
                stack = Assert.ThrowsExactly<VmException>(() => vm.Execute("overflow")).StoffelStackTrace;
            }
        });

        Assert.AreEqual(7L, vm.Execute("main").AsI64);

        CollectionAssert.AreEqual(new[] { "overflow 2", "main 2" }, stack!.Select(f => $"{f.FunctionName} {f.InstructionIndex}").ToArray());
    }

    private static bool PokeReturn(HookEvent e) => e.Function!.Name == "poke" && e.Instruction.Opcode == Opcode.RET;

    /// <summary>
    /// A debugger's pause: a BeforeInstructionExecute hook that waits at the first instruction
    /// <paramref name="at"/> picks, releasing the VM's lock, until the test has made its writes from
    /// another thread; <paramref name="inHook"/> runs in it, on the VM thread, before it waits, and
    /// <paramref name="everyEvent"/> at each of its events.
    /// </summary>
    private sealed class PauseInHook
    {
        private readonly VirtualMachine _vm;
        private readonly ManualResetEventSlim _paused = new();
        private bool _resume; // read and written under the VM's lock

        /// <summary>Registers the pausing hook.</summary>
        public PauseInHook(VirtualMachine vm, Func<HookEvent, bool> at, Action? inHook = null, HookCallback? everyEvent = null)
        {
            _vm = vm;
            var lockObject = vm.Inspector.SyncRoot;
            vm.Hooks.Register(HookEventMask.BeforeInstructionExecute, (in HookEvent e, HookContext context) =>
            {
                if (!_paused.IsSet && at(e))
                {
                    inHook?.Invoke();
                    _paused.Set();
                    while (!_resume)
                    {
                        Monitor.Wait(lockObject);
                    }
                }
                everyEvent?.Invoke(in e, context);
            });
        }

        public (long Result, int Writer) Run(Action write)
        {
            var run = Task.Run(() => _vm.Execute("main"));
            Assert.IsTrue(_paused.Wait(TimeSpan.FromSeconds(10)));
            int writer;
            lock (_vm.Inspector.SyncRoot)
            {
                writer = Environment.CurrentManagedThreadId;
                write();
                _resume = true;
                Monitor.PulseAll(_vm.Inspector.SyncRoot);
            }
            return (run.Result.AsI64, writer);
        }
    }
}
