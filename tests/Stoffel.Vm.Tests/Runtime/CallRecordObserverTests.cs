using System.Runtime.CompilerServices;
using Stoffel.Vm.Hooks;
using Stoffel.Vm.Runtime;
using Stoffel.Vm.Values;

namespace Stoffel.Vm.Tests.Runtime;

/// <summary>
/// Batching call observers (<see cref="ICallRecordObserver"/>) see, in records and one by one,
/// exactly what a call observer sees, in the same order, and get the records before anything
/// else is reported: another call, the end of the run, its failure.
/// </summary>
[TestClass]
public sealed class CallRecordObserverTests
{
    /// <summary>Logs calls and returns as <c>CallObserverTests</c>' recorder does.</summary>
    private class Logger : ICallObserver
    {
        public List<string> Log { get; } = [];

        public void OnCall(string callee, int calleeDepth, long instructionsExecuted) => Add(callee, calleeDepth, instructionsExecuted, isReturn: false);

        public void OnReturn(string callee, int calleeDepth, long instructionsExecuted) => Add(callee, calleeDepth, instructionsExecuted, isReturn: true);

        protected void Add(string callee, int depth, long instructions, bool isReturn) =>
            Log.Add($"{(isReturn ? "return" : "call")} {callee} depth {depth} at {instructions}");
    }

    /// <summary>Logs the records of each batch in line with the calls it is told of one by one.</summary>
    private sealed class BatchLogger(Action<ReadOnlySpan<CallRecord>>? onBatch = null) : Logger, ICallRecordObserver
    {
        public List<int> BatchSizes { get; } = [];

        public void OnCallRecords(ReadOnlySpan<CallRecord> records, ReadOnlySpan<string> functionNames)
        {
            BatchSizes.Add(records.Length);
            foreach (var record in records)
            {
                Add(functionNames[record.FunctionId], record.CalleeDepth, record.InstructionsExecuted, record.IsReturn);
            }
            onBatch?.Invoke(records);
        }
    }

    // main() calls down(3), which recurses to down(0) and divides by zero there: a run of a few
    // dozen instructions (no service point) that fails four program calls deep.
    private const string FailsDeep = """
        .function main()
            LDI r1, 3
            PUSHARG r1
            CALL down
            RET r0
        .end

        .function down(n)
            LDI r1, 0
            CMP r0, r1
            JMPEQ bottom
            LDI r1, 1
            SUB r1, r0, r1
            PUSHARG r1
            CALL down
            RET r0
        bottom:
            DIV r0, r0, r1
            RET r0
        .end
        """;

    private static VirtualMachine LoadFib() => TestPrograms.Load(TestPrograms.Fib);

    /// <summary>
    /// Runs a program twice, each time in a fresh VM from <paramref name="load"/>: under a call
    /// observer, then under a batching one, which alone takes records; <paramref name="run"/>
    /// runs it (and may assert on its result).
    /// </summary>
    private static (Logger Single, BatchLogger Batched) RunObservedBothWays(Func<VirtualMachine> load, Action<VirtualMachine> run)
    {
        var (single, batched) = (new Logger(), new BatchLogger());
        ObservedRuns.Twice(load, run, single, batched);
        return (single, batched);
    }

    [TestMethod]
    public void Records_and_single_calls_together_are_what_a_call_observer_sees()
    {
        var (single, batched) = RunObservedBothWays(LoadFib, vm => Assert.AreEqual(610L, vm.Execute("fib", Value.FromI64(15)).AsI64));

        CollectionAssert.AreEqual(single.Log, batched.Log);
        Assert.HasCount(2 * 1973, batched.Log, "fib(15) makes 1,973 calls");
        Assert.AreEqual(2 * 1972, batched.BatchSizes.Sum(), "every call but the entry call, and its return, came as a record");
        Assert.IsGreaterThan(1, batched.BatchSizes.Count, "a run of 20,000 instructions hands records over at its service points");
        Assert.IsTrue(batched.BatchSizes.All(size => size <= CallRecordBuffer.Capacity));
    }

    [TestMethod]
    public void Records_come_before_calls_of_foreign_functions_and_of_closures_a_host_calls_which_come_one_by_one()
    {
        var (single, batched) = RunObservedBothWays(TestPrograms.LoadCallSites, vm => Assert.AreEqual(7L, vm.Execute("main").AsI64));

        CollectionAssert.AreEqual(single.Log, batched.Log);
        // main's calls of outer and outer's of twice, with their returns, are the only program
        // calls of program functions: one batch, handed over at the call of host. The closure
        // invoke, a host function, calls comes one by one; its return, to main, as a record.
        CollectionAssert.AreEqual(new[] { 4, 1 }, batched.BatchSizes);
    }

    [TestMethod]
    public void A_direct_call_in_a_record_a_closure_held_before_is_recorded_with_its_return()
    {
        // seven runs at depth 2 as the closure invoke calls; twice then reuses its record.
        const string ClosureThenDirect = """
            .function main()
                CALL make
                PUSHARG r0
                CALL invoke
                LDI r1, 3
                PUSHARG r1
                CALL twice
                RET r0
            .end


            """ + TestPrograms.SevenFunction + TestPrograms.TwiceFunction;

        var (single, batched) = RunObservedBothWays(() => TestPrograms.LoadWithCallSiteHosts(ClosureThenDirect), vm => Assert.AreEqual(6L, vm.Execute("main").AsI64));

        CollectionAssert.AreEqual(single.Log, batched.Log);
        CollectionAssert.AreEqual(new[] { 3 }, batched.BatchSizes, "seven's return, then twice's call and its return");
    }

    private static void RunObject(VirtualMachine vm) => Assert.AreEqual(45L, vm.Execute("object", Value.FromI64(10)).AsI64);

    [TestMethod]
    [DataRow(false, DisplayName = "in place: each call's pushes fused with it")]
    [DataRow(true, DisplayName = "on the argument stack")]
    public void Builtins_run_inline_come_as_records_with_their_returns(bool pushesApart)
    {
        var delegateCalls = new StrongBox<int>();
        var (single, batched) = RunObservedBothWays(() => InlineBuiltinVms.FieldVm(delegateCalls, pushesApart), vm =>
        {
            delegateCalls.Value = 0;
            RunObject(vm);
        });

        CollectionAssert.AreEqual(single.Log, batched.Log);
        Assert.AreEqual(2 * 20, batched.BatchSizes.Sum(), "ten set_field and ten get_field calls, each with its return");
        Assert.AreEqual(0, delegateCalls.Value, "under batching observers the builtins ran inline");
        Assert.AreEqual(10, batched.Log.Count(line => line.StartsWith("return get_field depth 2 at ", StringComparison.Ordinal)));
    }

    [TestMethod]
    public void Closures_called_through_call_closure_come_as_records_with_their_builtins()
    {
        var delegateCalls = new StrongBox<int>();
        var (single, batched) = RunObservedBothWays(() => InlineBuiltinVms.CounterVm(delegateCalls), vm =>
        {
            delegateCalls.Value = 0;
            Assert.AreEqual(10L, vm.Execute("closure", Value.FromI64(10)).AsI64);
        });

        CollectionAssert.AreEqual(single.Log, batched.Log);
        Assert.AreEqual(10, batched.Log.Count(line => line.StartsWith("call call_closure depth 2 at ", StringComparison.Ordinal)), "call_closure reported, with no return of its own");
        Assert.AreEqual(2 + 10 * 7, batched.BatchSizes.Sum(), "make_counter's call and return, then per call call_closure's call, the closure's call and return, get_upvalue's and set_upvalue's calls and returns");
        Assert.AreEqual(0, delegateCalls.Value, "under batching observers the builtins ran inline");
    }

    [TestMethod]
    public void A_closure_entered_where_the_record_array_must_grow_is_reported_once()
    {
        // main makes a counter and recurses down 14 levels with it (depths 2 to 16, the record
        // array's first 16 records); the bottom calls the counter twice through call_closure:
        // first at depth 17, where the record array must grow (the loop does not enter the
        // closure itself), then where it has grown.
        const string DownToACounter = """
            .function main(n)
                MOV r5, r0
                LDI r1, 0
                PUSHARG r1
                CALL make_counter
                PUSHARG r5
                PUSHARG r0
                CALL down
                RET r0
            .end
            .function down(n, counter)
                LDI r2, 0
                CMP r0, r2
                JMPEQ bottom
                LDI r2, 1
                SUB r2, r0, r2
                PUSHARG r2
                PUSHARG r1
                CALL down
                RET r0
            bottom:
                PUSHARG r1
                CALL call_closure
                PUSHARG r1
                CALL call_closure
                RET r0
            .end
            """;
        var delegateCalls = new StrongBox<int>();
        var (single, batched) = RunObservedBothWays(() => InlineBuiltinVms.CounterVm(delegateCalls, DownToACounter), vm =>
        {
            delegateCalls.Value = 0;
            Assert.AreEqual(2L, vm.Execute("main", Value.FromI64(14)).AsI64);
        });

        CollectionAssert.AreEqual(single.Log, batched.Log);
        Assert.AreEqual(2, batched.Log.Count(line => line.StartsWith("call increment depth 17 at ", StringComparison.Ordinal)), "each closure call reported once");
    }

    [TestMethod]
    public void A_replaced_builtin_and_builtins_under_another_hook_come_one_by_one()
    {
        var delegateCalls = new StrongBox<int>();
        VirtualMachine Replaced()
        {
            var vm = InlineBuiltinVms.FieldVm(delegateCalls);
            vm.ReplaceFunction("get_field", context => context.ReadTable(context[0], context[1])); // a host's function: no inline path
            return vm;
        }
        VirtualMachine Watched()
        {
            var vm = InlineBuiltinVms.FieldVm(delegateCalls);
            vm.Hooks.Register(HookEventMask.ObjectFieldRead, static (in HookEvent _, HookContext _) => { }); // sees what get_field reads
            return vm;
        }

        var (single, replaced) = RunObservedBothWays(Replaced, RunObject);
        var (singleWatched, watched) = RunObservedBothWays(Watched, RunObject);

        CollectionAssert.AreEqual(single.Log, replaced.Log);
        Assert.AreEqual(2 * 10, replaced.BatchSizes.Sum(), "set_field recorded, the replaced get_field one by one");
        CollectionAssert.AreEqual(singleWatched.Log, watched.Log);
        Assert.IsEmpty(watched.BatchSizes, "no builtin runs inline under a table-event hook");
    }

    [TestMethod]
    public void Record_names_are_the_strings_the_observer_is_given_one_by_one()
    {
        string? entryName = null;
        string? recordName = null;
        var vm = LoadFib();
        vm.Hooks.RegisterCallObserver(new NameCatcher(name => entryName ??= name, name => recordName ??= name));

        vm.Execute("fib", Value.FromI64(5));

        Assert.AreEqual("fib", recordName);
        Assert.AreSame(entryName, recordName);
    }

    private sealed class NameCatcher(Action<string> onCall, Action<string> onRecord) : ICallRecordObserver
    {
        public void OnCall(string callee, int calleeDepth, long instructionsExecuted) => onCall(callee);

        public void OnReturn(string callee, int calleeDepth, long instructionsExecuted)
        {
        }

        public void OnCallRecords(ReadOnlySpan<CallRecord> records, ReadOnlySpan<string> functionNames)
        {
            foreach (var record in records)
            {
                onRecord(functionNames[record.FunctionId]);
            }
        }
    }

    [TestMethod]
    public void A_failing_run_hands_its_records_over_before_the_host_hears_of_the_failure()
    {
        var single = new Logger();
        var batched = new BatchLogger();
        var one = TestPrograms.Load(FailsDeep);
        one.Hooks.RegisterCallObserver(single);
        var other = TestPrograms.Load(FailsDeep);
        other.Hooks.RegisterCallObserver(batched);
        List<string>? seenAtFailure = null;
        other.Hooks.RegisterCallObserver(new Logger()); // a second observer that does not batch: no records
        var batchedAlone = TestPrograms.Load(FailsDeep);
        var alone = new BatchLogger();
        batchedAlone.Hooks.RegisterCallObserver(alone);

        Assert.ThrowsExactly<VmException>(() => one.Execute("main"));
        Assert.ThrowsExactly<VmException>(() => other.Execute("main"));
        try
        {
            batchedAlone.Execute("main");
            Assert.Fail("the division by zero must fail the run");
        }
        catch (VmException)
        {
            seenAtFailure = [.. alone.Log];
        }

        CollectionAssert.AreEqual(single.Log, batched.Log);
        Assert.IsEmpty(batched.BatchSizes, "an observer that does not take batches turns records off");
        CollectionAssert.AreEqual(single.Log, seenAtFailure);
        Assert.HasCount(5, seenAtFailure, "main, then down at depths 2 to 5; none returned");
        CollectionAssert.AreEqual(new[] { 4 }, alone.BatchSizes);
    }

    [TestMethod]
    public void An_observer_failing_on_a_failed_run_s_records_leaves_the_run_s_error_and_rides_on_it()
    {
        var vm = TestPrograms.Load(FailsDeep);
        var id = vm.Hooks.RegisterCallObserver(new BatchLogger(_ => throw new InvalidOperationException("batch refused")));

        var error = Assert.ThrowsExactly<VmException>(() => vm.Execute("main"));

        Assert.AreEqual(VmErrorKind.DivisionByZero, error.Kind, "the run's own failure");
        var observerFailure = Assert.IsInstanceOfType<StoffelError>(error.Data["ObserverFailure"]);
        Assert.AreEqual(VmErrorKind.HookError, observerFailure.Kind);
        StringAssert.StartsWith(observerFailure.Message, $"hook {id.Value} failed on ");
    }

    [TestMethod]
    public void An_observer_that_throws_on_a_batch_aborts_the_run_with_a_hook_error_naming_it()
    {
        var vm = LoadFib();
        var lastRecorded = 0L;
        var id = vm.Hooks.RegisterCallObserver(new BatchLogger(records =>
        {
            lastRecorded = records[^1].InstructionsExecuted;
            throw new InvalidOperationException("batch refused");
        }));

        var error = Assert.ThrowsExactly<VmException>(() => vm.Execute("fib", Value.FromI64(15)));

        Assert.AreEqual(VmErrorKind.HookError, error.Kind);
        Assert.IsGreaterThan(0L, lastRecorded);
        Assert.IsGreaterThanOrEqualTo(lastRecorded, vm.Inspector.InstructionsExecuted, "the slice the records came from is counted");
        StringAssert.StartsWith(error.Message, $"hook {id.Value} failed on ");
        StringAssert.EndsWith(error.Message, ": batch refused");
        Assert.IsInstanceOfType<InvalidOperationException>(error.InnerException);
    }

    [TestMethod]
    public void Nothing_is_recorded_while_a_hook_runs_nested_code()
    {
        var vm = LoadFib();
        VirtualMachine machine = vm;
        var batched = new BatchLogger(records =>
        {
            Assert.AreEqual(5L, machine.Execute("fib", Value.FromI64(5)).AsI64); // nested in the observer: not observed
        });
        vm.Hooks.RegisterCallObserver(batched);

        vm.Execute("fib", Value.FromI64(10));

        Assert.HasCount(2 * 177, batched.Log, "fib(10)'s own 177 calls only");
    }
}
