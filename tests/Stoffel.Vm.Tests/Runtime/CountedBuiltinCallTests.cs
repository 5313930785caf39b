using System.Globalization;
using System.Runtime.CompilerServices;
using Stoffel.Vm.Hooks;
using Stoffel.Vm.Runtime;
using Stoffel.Vm.Values;

namespace Stoffel.Vm.Tests.Runtime;

/// <summary>
/// Call observers that take the builtins the VM runs inline as counts
/// (<see cref="ICallRecordObserver.CountsInlineBuiltins"/>) hear of every call a call observer
/// hears of one by one: the program functions' calls and returns exactly, and between two of
/// them, per builtin and depth, as many calls.
/// </summary>
[TestClass]
public sealed class CountedBuiltinCallTests
{
    private static readonly HashSet<string> Inline = ["get_field", "set_field", "get_upvalue", "set_upvalue", "array_push", "array_length", "len"];

    /// <summary>
    /// A call observer's events, a line each, but the calls of builtins run inline between two
    /// other events gathered into a line per builtin and depth with their number, in name order
    /// ("count get_field depth 2 x10"): what counts can tell of them.
    /// </summary>
    private class Summary
    {
        private readonly SortedDictionary<string, int> _pending = new(StringComparer.Ordinal);
        private readonly List<string> _lines = [];

        public List<string> Lines
        {
            get
            {
                Flush();
                return _lines;
            }
        }

        protected void Event(string callee, int depth, long instructions, bool isReturn)
        {
            if (Inline.Contains(callee))
            {
                if (!isReturn)
                {
                    Count(callee, depth, 1);
                }
                return;
            }
            Flush();
            _lines.Add($"{(isReturn ? "return" : "call")} {callee} depth {depth} at {instructions}");
        }

        protected void Count(string callee, int depth, int count)
        {
            var key = $"count {callee} depth {depth}";
            _pending[key] = _pending.GetValueOrDefault(key) + count;
        }

        private void Flush()
        {
            foreach (var (key, count) in _pending)
            {
                _lines.Add($"{key} x{count}");
            }
            _pending.Clear();
        }
    }

    private sealed class OneByOne : Summary, ICallObserver
    {
        public void OnCall(string callee, int calleeDepth, long instructionsExecuted) => Event(callee, calleeDepth, instructionsExecuted, isReturn: false);

        public void OnReturn(string callee, int calleeDepth, long instructionsExecuted) => Event(callee, calleeDepth, instructionsExecuted, isReturn: true);
    }

    private sealed class Counting(bool countsInlineBuiltins = true, Action? onBatch = null) : Summary, ICallRecordObserver
    {
        public List<(CallRecordKind Kind, string Name, int Depth, int Count)> Records { get; } = [];

        public int Batches { get; private set; }

        public bool CountsInlineBuiltins => countsInlineBuiltins;

        public void OnCall(string callee, int calleeDepth, long instructionsExecuted) => Event(callee, calleeDepth, instructionsExecuted, isReturn: false);

        public void OnReturn(string callee, int calleeDepth, long instructionsExecuted) => Event(callee, calleeDepth, instructionsExecuted, isReturn: true);

        public void OnCallRecords(ReadOnlySpan<CallRecord> records, ReadOnlySpan<string> functionNames)
        {
            Batches++;
            foreach (var record in records)
            {
                var name = functionNames[record.FunctionId];
                Records.Add((record.Kind, name, record.CalleeDepth, record.Count));
                if (record.IsCount)
                {
                    Count(name, record.CalleeDepth, record.Count);
                }
                else
                {
                    Event(name, record.CalleeDepth, record.InstructionsExecuted, record.IsReturn);
                }
            }
            onBatch?.Invoke();
        }
    }

    /// <summary>Runs a program in a fresh VM from <paramref name="load"/> under a call observer, then in another under one that counts.</summary>
    private static (OneByOne Single, Counting Counting) RunBothWays(Func<VirtualMachine> load, Action<VirtualMachine> run)
    {
        var (single, counting) = (new OneByOne(), new Counting());
        ObservedRuns.Twice(load, run, single, counting);
        return (single, counting);
    }

    [TestMethod]
    [DataRow(false, DisplayName = "in place: each call's pushes fused with it")]
    [DataRow(true, DisplayName = "on the argument stack")]
    public void A_frame_s_calls_of_a_builtin_come_as_one_count(bool pushesApart)
    {
        var delegateCalls = new StrongBox<int>();
        var (single, counting) = RunBothWays(() => InlineBuiltinVms.FieldVm(delegateCalls, pushesApart), vm =>
        {
            delegateCalls.Value = 0;
            Assert.AreEqual(45L, vm.Execute("object", Value.FromI64(10)).AsI64);
        });

        CollectionAssert.AreEqual(single.Lines, counting.Lines);
        CollectionAssert.Contains(single.Lines, "count get_field depth 2 x10");
        // create_object comes one by one (a host function); then the loop's twenty calls, in
        // one batch of a record per builtin.
        CollectionAssert.AreEqual(
            new[] { (CallRecordKind.Count, "set_field", 2, 10), (CallRecordKind.Count, "get_field", 2, 10) },
            counting.Records);
        Assert.AreEqual(0, delegateCalls.Value, "the builtins ran inline");
    }

    [TestMethod]
    public void A_closure_frame_counts_its_builtins_between_its_call_and_its_return()
    {
        var delegateCalls = new StrongBox<int>();
        var (single, counting) = RunBothWays(() => InlineBuiltinVms.CounterVm(delegateCalls), vm =>
        {
            delegateCalls.Value = 0;
            Assert.AreEqual(10L, vm.Execute("closure", Value.FromI64(10)).AsI64);
        });

        CollectionAssert.AreEqual(single.Lines, counting.Lines);
        Assert.HasCount(2 + (10 * 5), counting.Records, "make_counter's call and return, then per call call_closure's call, the closure's call, a count of get_upvalue and one of set_upvalue, the closure's return");
        CollectionAssert.AreEqual(
            new[] { (CallRecordKind.Call, "call_closure", 2, 1), (CallRecordKind.Call, "increment", 2, 1), (CallRecordKind.Count, "get_upvalue", 3, 1), (CallRecordKind.Count, "set_upvalue", 3, 1), (CallRecordKind.Return, "increment", 2, 1) },
            counting.Records.GetRange(2, 5));
        Assert.AreEqual(0, delegateCalls.Value, "the builtins ran inline");
    }

    [TestMethod]
    public void Counts_keep_their_place_across_full_buffers_and_service_points()
    {
        var delegateCalls = new StrongBox<int>();
        var (single, counting) = RunBothWays(() => InlineBuiltinVms.CounterVm(delegateCalls), vm =>
        {
            delegateCalls.Value = 0;
            Assert.AreEqual(2000L, vm.Execute("closure", Value.FromI64(2000)).AsI64);
        });

        CollectionAssert.AreEqual(single.Lines, counting.Lines);
        Assert.IsGreaterThan(10, counting.Batches, "10,002 records: handed over when full and at service points");
        Assert.AreEqual(0, delegateCalls.Value, "the builtins ran inline");
    }

    [TestMethod]
    public void A_bound_call_whose_common_case_does_not_apply_is_counted_once()
    {
        // object(n) with a second field written between the write and the read of "count": each
        // get_field finds another field than the object's map found last, so the loop's bound case
        // counts the call, declines, takes the count back and runs the fused call, which counts it
        // again.
        var twoFields = Stoffel.Tests.Shared.SharedPrograms.FieldLoop
            .Replace("LDI r4, \"count\"\n", "LDI r4, \"count\"\n    LDI r7, \"other\"\n", StringComparison.Ordinal)
            .Replace("CALL set_field\n", "CALL set_field\n    PUSHARG r6\n    PUSHARG r7\n    PUSHARG r2\n    CALL set_field\n", StringComparison.Ordinal);
        var delegateCalls = new StrongBox<int>();
        var (single, counting) = RunBothWays(() => InlineBuiltinVms.FieldVm(delegateCalls, program: twoFields), vm =>
        {
            delegateCalls.Value = 0;
            Assert.AreEqual(45L, vm.Execute("object", Value.FromI64(10)).AsI64);
        });

        CollectionAssert.AreEqual(single.Lines, counting.Lines);
        CollectionAssert.AreEqual(new[] { (CallRecordKind.Count, "set_field", 2, 20), (CallRecordKind.Count, "get_field", 2, 10) }, counting.Records);
        Assert.AreEqual(0, delegateCalls.Value, "the builtins ran inline");
    }

    [TestMethod]
    public void While_another_call_observer_does_not_count_each_call_comes_with_its_return()
    {
        var delegateCalls = new StrongBox<int>();
        var single = new OneByOne();
        var alone = InlineBuiltinVms.FieldVm(delegateCalls);
        alone.Hooks.RegisterCallObserver(single);
        alone.Execute("object", Value.FromI64(10));
        var counting = new Counting();
        var recorded = new Counting(countsInlineBuiltins: false);
        var both = InlineBuiltinVms.FieldVm(delegateCalls);
        both.Hooks.RegisterCallObserver(counting);
        both.Hooks.RegisterCallObserver(recorded);
        delegateCalls.Value = 0;

        both.Execute("object", Value.FromI64(10));

        CollectionAssert.AreEqual(single.Lines, recorded.Lines);
        CollectionAssert.AreEqual(single.Lines, counting.Lines);
        Assert.HasCount(40, recorded.Records, "a call and a return per builtin call");
        Assert.IsFalse(counting.Records.Any(record => record.Kind == CallRecordKind.Count), "no observer gets counts unless every one takes them");
        Assert.AreEqual(0, delegateCalls.Value, "the builtins ran inline, recorded");
    }

    [TestMethod]
    public void Nothing_is_counted_while_an_observer_runs_nested_code()
    {
        var vm = InlineBuiltinVms.FieldVm(new StrongBox<int>());
        var nestedRuns = 0;
        var counting = new Counting(onBatch: () =>
        {
            if (nestedRuns++ == 0)
            {
                Assert.AreEqual(3L, vm.Execute("object", Value.FromI64(3)).AsI64); // nested in the observer: not observed
            }
        });
        vm.Hooks.RegisterCallObserver(counting);

        Assert.AreEqual(45L, vm.Execute("object", Value.FromI64(10)).AsI64);
        Assert.AreEqual(1L, vm.Execute("object", Value.FromI64(2)).AsI64); // hands over whatever else was counted

        Assert.AreEqual(2, nestedRuns, "a batch per run");
        CollectionAssert.AreEqual(
            new[] { (CallRecordKind.Count, "set_field", 2, 10), (CallRecordKind.Count, "get_field", 2, 10), (CallRecordKind.Count, "set_field", 2, 2), (CallRecordKind.Count, "get_field", 2, 2) },
            counting.Records,
            "the two runs' own calls only");
    }

    [TestMethod]
    public void A_hook_registered_by_the_observer_mid_run_sees_every_call_after_it_and_none_is_heard_twice()
    {
        // The observer's first batch registers a hook on what get_field reads: from then on the
        // builtins go through their functions and come one by one, and the recording loop gives
        // way to the plain one at the change of hooks. Each round also calls a program function,
        // whose records the new hooks' observers take from then on.
        var withCalls = Stoffel.Tests.Shared.SharedPrograms.FieldLoop.Replace("loop:\n", "loop:\n    PUSHARG r2\n    CALL same\n", StringComparison.Ordinal)
            + "\n.function same(x)\n    RET r0\n.end\n";
        var delegateCalls = new StrongBox<int>();
        var vm = InlineBuiltinVms.FieldVm(delegateCalls, program: withCalls);
        var reads = 0;
        var registered = false;
        var counting = new Counting(onBatch: () =>
        {
            if (!registered)
            {
                registered = true;
                vm.Hooks.Register(HookEventMask.ObjectFieldRead, (in HookEvent _, HookContext _) => reads++);
            }
        });
        vm.Hooks.RegisterCallObserver(counting);
        var single = new OneByOne();
        var alone = InlineBuiltinVms.FieldVm(new StrongBox<int>(), program: withCalls);
        alone.Hooks.RegisterCallObserver(single);

        Assert.AreEqual(alone.Execute("object", Value.FromI64(2000)).AsI64, vm.Execute("object", Value.FromI64(2000)).AsI64);

        string Heard(List<string> lines, string builtin) => $"{builtin} {lines.Where(line => line.StartsWith($"count {builtin} depth 2 x", StringComparison.Ordinal)).Sum(line => int.Parse(line[(line.LastIndexOf('x') + 1)..], CultureInfo.InvariantCulture))}";
        Assert.AreEqual(Heard(single.Lines, "set_field"), Heard(counting.Lines, "set_field"));
        Assert.AreEqual(Heard(single.Lines, "get_field"), Heard(counting.Lines, "get_field"), "every call heard once, counted or one by one");
        Assert.IsGreaterThan(0, reads, "the hook registered mid-run saw reads");
        Assert.AreEqual(delegateCalls.Value / 2, reads, "each get_field after the change went through its function, with its event");
        Assert.IsTrue(counting.Records.Any(record => record.Kind == CallRecordKind.Count), "counted before the change");
    }

    [TestMethod]
    public void A_count_record_says_what_it_stands_for()
    {
        var count = CallRecord.Counting(functionId: 3, calleeDepth: 2, count: 5);
        var call = new CallRecord(3, 2, 100, isReturn: false);
        var back = new CallRecord(3, 2, 100, isReturn: true);

        Assert.AreEqual((CallRecordKind.Count, true, false, 5, 0L, 2, 3), (count.Kind, count.IsCount, count.IsReturn, count.Count, count.InstructionsExecuted, count.CalleeDepth, count.FunctionId));
        Assert.AreEqual((CallRecordKind.Call, false, 1, 100L), (call.Kind, call.IsCount, call.Count, call.InstructionsExecuted));
        Assert.AreEqual((CallRecordKind.Return, false, 1, 100L), (back.Kind, back.IsCount, back.Count, back.InstructionsExecuted));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => CallRecord.Counting(3, 2, 0));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => CallRecord.Counting(3, 0, 1));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new CallRecord(3, 2, -1, isReturn: false));
    }
}
