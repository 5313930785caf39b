using Stoffel.Vm.Hooks;
using Stoffel.Vm.Recording;
using Stoffel.Vm.Runtime;
using Stoffel.Vm.Tests.Runtime;
using Stoffel.Vm.Values;

namespace Stoffel.Vm.Tests.Recording;

[TestClass]
public sealed class ExecutionRecordingTests
{
    /// <summary>
    /// main(n): a table t, then n rounds of t["sum"] += i, t["last"] = roll() (a host function) and
    /// a scratch array growing by one; returns t["sum"] + the sum of every roll.
    /// </summary>
    private const string Program = """
        .function main(n)
            MOV r7, r0
            CALL new_object
            MOV r1, r0
            CALL new_array
            MOV r6, r0
            LDI r2, 0
            LDI r3, 1
            LDI r5, 0
        loop:
            ADD r2, r2, r3
            PUSHARG r1
            LDI r4, "sum"
            PUSHARG r4
            PUSHARG r2
            CALL add_field
            PUSHARG r6
            PUSHARG r2
            CALL push
            CALL roll
            ADD r5, r5, r0
            PUSHARG r1
            LDI r4, "last"
            PUSHARG r4
            PUSHARG r0
            CALL add_field
            CMP r2, r7
            JMPLT loop
            PUSHARG r1
            LDI r4, "sum"
            PUSHARG r4
            CALL field
            ADD r0, r0, r5
            RET r0
        .end
        """;

    private const string Sum = "sum";

    [TestMethod]
    public void Checkpoints_start_with_the_run_and_follow_every_interval()
    {
        var (vm, recording, _) = Recorded();
        vm.Execute("main", Value.FromI64(20_000));

        var checkpoints = recording.Checkpoints;
        Assert.IsTrue(checkpoints.Count >= 2, $"{checkpoints.Count} checkpoints");
        Assert.AreEqual(0, checkpoints[0].Position, "the run's start");
        Assert.AreEqual(1, checkpoints[0].CallDepth);
        Assert.AreEqual(0, checkpoints[0].Frames[0].InstructionIndex);
        for (var i = 1; i < checkpoints.Count; i++)
        {
            Assert.IsTrue(checkpoints[i].Position - checkpoints[i - 1].Position >= ExecutionRecording.MinimumInterval);
        }
        Assert.AreEqual(20_000, recording.HostCallCount, "one logged call per roll");

        vm.Execute("main", Value.FromI64(10));
        Assert.AreEqual(1, recording.Checkpoints.Count, "a new run starts a new recording");
        Assert.IsTrue(recording.Checkpoints[0].Position > checkpoints[^1].Position);
    }

    [TestMethod]
    public void Rewinding_restores_registers_tables_and_the_count_and_replays_host_calls_exactly()
    {
        var (vm, recording, rolls) = Recorded();
        recording.CaptureToolState = () => Describe(vm); // the state at each checkpoint, as the test sees it
        var expected = vm.Execute("main", Value.FromI64(30_000)).AsI64;
        var forwardRolls = rolls.Count;

        // Again, rewinding twice from late in the run to an early checkpoint: every table, register
        // and count is as it was there, the host is not called again, and the result is the same.
        var (again, againRecording, againRolls) = Recorded();
        againRecording.CaptureToolState = () => Describe(again);
        var rewinds = 0;
        var checkedAfterRewind = new List<string>();
        Checkpoint? target = null;
        again.Hooks.Register(HookEventMask.BeforeInstructionExecute, (in HookEvent e, HookContext context) =>
        {
            var position = context.InstructionsExecuted;
            if (target is not null && position == target.Position)
            {
                checkedAfterRewind.Add(Describe(again));
                Assert.AreEqual((string)target.ToolState!, Describe(again), "the state after the rewind is the checkpoint's");
                target = null;
            }
            if (rewinds < 2 && position == 250_000 + rewinds)
            {
                rewinds++;
                target = againRecording.Checkpoints[1];
                again.Rewind(target);
            }
        });
        Assert.AreEqual(expected, again.Execute("main", Value.FromI64(30_000)).AsI64);
        Assert.AreEqual(2, checkedAfterRewind.Count);
        Assert.AreEqual(forwardRolls, againRolls.Count, "replays answered roll from the log");
        CollectionAssert.AreEqual(rolls, againRolls);
    }

    [TestMethod]
    public void Unchanged_tables_are_shared_between_checkpoints()
    {
        // A 14,000-element array built once, then a long loop that never touches it. The fill takes
        // 6 instructions per element, 84,000 in all: it ends before the second checkpoint (at the
        // first service point from MinimumInterval on, whatever the clock says), so that checkpoint
        // is the one that copies the whole array, and the interval's adaptation to the machine's
        // speed moves only the checkpoints in the spin loop.
        const long elements = 14_000;
        Assert.IsLessThan(ExecutionRecording.MinimumInterval, 6 * elements + 10);
        var vm = TestPrograms.Load($$"""
            .function main(n)
                MOV r5, r0
                CALL new_array
                MOV r1, r0
                LDI r2, 0
                LDI r3, 1
                LDI r4, {{elements}}
            fill:
                PUSHARG r1
                PUSHARG r2
                CALL push
                ADD r2, r2, r3
                CMP r2, r4
                JMPLT fill
                LDI r2, 0
            spin:
                ADD r2, r2, r3
                CMP r2, r5
                JMPLT spin
                RET r2
            .end
            """);
        RegisterTables(vm);
        var recording = new ExecutionRecording();
        vm.Recording = recording;
        vm.Execute("main", Value.FromI64(20_000_000));

        // The second checkpoint copies the array; every one after that shares it.
        var checkpoints = recording.Checkpoints;
        var arrayBytes = elements * 24;
        var describe = string.Join(", ", checkpoints.Select(c => $"{c.Position}: {c.Bytes:N0} B"));
        Assert.IsGreaterThanOrEqualTo(arrayBytes, checkpoints[1].Bytes, describe);
        var late = checkpoints.Skip(2).ToArray();
        Assert.IsGreaterThanOrEqualTo(3, late.Length, $"{late.Length} checkpoints in the spin loop: {describe}");
        Assert.IsTrue(late.All(c => c.Bytes < arrayBytes / 10), $"a late checkpoint copied {late.Max(c => c.Bytes):N0} bytes; the array alone is {arrayBytes:N0}");
        Assert.IsTrue(recording.MemoryBytes < 3 * arrayBytes, $"{recording.MemoryBytes:N0} bytes for {recording.Checkpoints.Count} checkpoints");
    }

    [TestMethod]
    public void The_budget_drops_the_oldest_history_and_keeps_the_latest()
    {
        var (vm, _, _) = Recorded();
        var recording = new ExecutionRecording(memoryBudgetBytes: 4L << 20);
        var taken = 0;
        recording.CaptureToolState = () => ++taken; // numbers every checkpoint in the order it was taken
        vm.Recording = recording;
        vm.Execute("main", Value.FromI64(60_000)); // the scratch array grows to 60,000 elements (1.4 MB), copied whenever it changed

        var checkpoints = recording.Checkpoints;
        Assert.IsTrue(recording.MemoryBytes <= recording.MemoryBudgetBytes, $"{recording.MemoryBytes:N0} bytes");
        Assert.IsTrue(checkpoints[0].Position > 0, "the oldest history went");
        Assert.IsTrue(recording.HostCallCount < 60_000, $"with the host calls before it ({recording.HostCallCount:N0} left)");
        Assert.IsTrue(taken > checkpoints.Count, $"{taken} checkpoints taken, {checkpoints.Count} kept: some went");
        Assert.AreEqual(taken, (int)checkpoints[^1].ToolState!, "the latest stays");
    }

    [TestMethod]
    public void A_recorded_call_that_creates_a_table_replays_its_contents_and_id()
    {
        var vm = TestPrograms.Load("""
            .function main()
                CALL make
                MOV r1, r0
                PUSHARG r1
                LDI r2, "x"
                PUSHARG r2
                LDI r3, 5
                PUSHARG r3
                CALL add_field
                PUSHARG r1
                LDI r2, "x"
                PUSHARG r2
                CALL field
                RET r0
            .end
            """);
        RegisterTables(vm);
        var made = 0;
        vm.RegisterFunction("make", ctx =>
        {
            made++;
            var table = ctx.Objects.CreateObject();
            ctx.WriteTable(table, ctx.CreateString("x"), Value.FromI64(100 * made));
            return table;
        });
        var recording = new ExecutionRecording();
        vm.Recording = recording;
        var ids = new List<long>();
        var rewound = false;
        vm.Hooks.Register(HookEventMask.BeforeInstructionExecute, (in HookEvent e, HookContext context) =>
        {
            if (e.InstructionIndex == 2)
            {
                ids.Add(context.GetRegister(1).Bits);
            }
            if (e.InstructionIndex == 12 && !rewound)
            {
                rewound = true;
                vm.Rewind(recording.Checkpoints[0]);
            }
        });

        Assert.AreEqual(105, vm.Execute("main").AsI64, "100 from make, +5");
        Assert.AreEqual(1, made, "the replay did not call make again");
        Assert.AreEqual(2, ids.Count);
        Assert.AreEqual(ids[0], ids[1], "the same table id");
    }

    [TestMethod]
    public void Rewind_is_refused_outside_a_hook_and_for_other_checkpoints()
    {
        var (vm, recording, _) = Recorded();
        vm.Execute("main", Value.FromI64(10));
        var checkpoint = recording.Checkpoints[0];
        Assert.ThrowsExactly<InvalidOperationException>(() => vm.Rewind(checkpoint));

        var (other, _, _) = Recorded();
        Exception? refused = null;
        other.Hooks.Register(HookEventMask.BeforeInstructionExecute, (in HookEvent e, HookContext context) =>
        {
            try
            {
                other.Rewind(checkpoint);
            }
            catch (InvalidOperationException error)
            {
                refused ??= error;
            }
        });
        other.Execute("main", Value.FromI64(10));
        StringAssert.Contains(refused?.Message, "not one of the attached recording's current run");
    }

    /// <summary>A VM with the program, its table builtins, a host <c>roll</c> that logs each real call, and a recording.</summary>
    private static (VirtualMachine Vm, ExecutionRecording Recording, List<long> Rolls) Recorded()
    {
        var vm = TestPrograms.Load(Program);
        RegisterTables(vm);
        var rolls = new List<long>();
        var random = new Random(7);
        vm.RegisterFunction("roll", _ =>
        {
            var value = random.Next(1, 7);
            rolls.Add(value);
            return Value.FromI64(value);
        });
        var recording = new ExecutionRecording();
        vm.Recording = recording;
        return (vm, recording, rolls);
    }

    /// <summary>Table builtins as the standard library registers them: replayed by running them again.</summary>
    private static void RegisterTables(VirtualMachine vm)
    {
        vm.RegisterBuiltin("new_object", ctx => ctx.Objects.CreateObject());
        vm.RegisterBuiltin("new_array", ctx => ctx.Objects.CreateArray());
        vm.RegisterBuiltin("add_field", ctx =>
        {
            ctx.WriteTable(ctx[0], ctx[1], Value.FromI64(ctx.ReadTable(ctx[0], ctx[1]) is { Kind: ValueKind.I64 } old ? old.AsI64 + ctx[2].AsI64 : ctx[2].AsI64));
            return Value.Unit;
        });
        vm.RegisterBuiltin("field", ctx => ctx.ReadTable(ctx[0], ctx[1]));
        vm.RegisterBuiltin("push", ctx =>
        {
            ctx.Append(ctx[0].AsArray!, ctx[1]);
            return Value.Unit;
        });
    }

    /// <summary>Registers, argument stack and every table reachable from the innermost frame, as text.</summary>
    private static string Describe(VirtualMachine vm)
    {
        var state = vm.State;
        var frame = state.Calls.GetFrame(0);
        var registers = Enumerable.Range(0, frame.RegisterCount).Select(r => ValueFormatter.Format(state.Calls.GetRegister(0, r)));
        var table = state.Calls.GetRegister(0, 1);
        var array = state.Calls.GetRegister(0, 6);
        var fields = table.AsObject is { } o ? $"sum={o.Get(Value.FromString(Sum))} last={o.Get(Value.FromString("last"))}" : "";
        var elements = array.AsArray is { } a ? $"len={a.Length} last={(a.Length > 0 ? a.Elements[a.Length - 1] : Value.Unit)}" : "";
        return $"{state.InstructionsExecuted} @{frame.InstructionIndex} [{string.Join(",", registers)}] {fields} {elements} args={state.Calls.GetArgumentStack(0).Count}";
    }
}
