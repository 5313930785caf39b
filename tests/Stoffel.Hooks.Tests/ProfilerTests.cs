using Stoffel.Hooks.Profiling;
using Stoffel.Vm.Runtime;
using Stoffel.Vm.Values;
using static Stoffel.Hooks.Tests.ProfileTree;

namespace Stoffel.Hooks.Tests;

[TestClass]
public sealed class ProfilerTests
{
    /// <summary>A clock that ticks 1000 ns per read, read at every event, so times are exact functions of the event sequence.</summary>
    private static ProfilerOptions Stepping => new() { Time = new SteppingClock(), ClockReadEvery = 1 };

    private static Profile ProfileFib(ProfilerOptions options, out VirtualMachine vm)
    {
        vm = TestVm.Load(TestVm.Fib);
        var profiler = Profiler.Attach(vm, options);
        Assert.AreEqual(55, vm.Execute("main").AsI64);
        return profiler.Finish();
    }

    private static FunctionProfile Function(Profile profile, string name) => profile.Functions.Single(f => f.Frame.Name == name);

    [TestMethod]
    public void Fib_10_calls_fib_177_times_and_main_once()
    {
        var profile = ProfileFib(Stepping, out _);

        Assert.AreEqual(177, Function(profile, "fib").Calls);
        Assert.AreEqual(1, Function(profile, "main").Calls);
        Assert.IsEmpty(profile.Events, "no event log unless asked for");
    }

    [TestMethod]
    public void The_call_tree_has_one_node_per_distinct_stack_and_recursion_nests()
    {
        var profile = ProfileFib(Stepping, out _);

        // main -> fib(10) -> fib(9) -> ... -> fib(1): ten fib levels, each one node.
        var main = profile.CallTree.Single();
        Assert.AreEqual("main", profile.Frames[main.Frame].Name);
        var nodes = Nodes(profile.CallTree).ToArray();
        Assert.HasCount(11, nodes);
        Assert.AreEqual(177, nodes.Where(n => profile.Frames[n.Frame].Name == "fib").Sum(n => n.Calls));
        Assert.IsTrue(nodes.All(n => n.Children.Count <= 1));
        foreach (var node in nodes)
        {
            Assert.AreEqual(node.InclusiveNanoseconds, node.SelfNanoseconds + node.Children.Sum(c => c.InclusiveNanoseconds));
        }
    }

    [TestMethod]
    public void Batched_calls_give_the_same_tree_counts_and_event_log_with_fewer_clock_reads()
    {
        // ClockReadEvery above 1 takes fib's calls of fib in the VM's batches (BatchedCallTimeline).
        var perEvent = ProfileFib(new ProfilerOptions { Time = new SteppingClock(), ClockReadEvery = 1, EventLimit = 1000 }, out _);
        var batched = ProfileFib(new ProfilerOptions { Time = new SteppingClock(), ClockReadEvery = 64, EventLimit = 1000 }, out _);
        var batchedWithoutLog = ProfileFib(new ProfilerOptions { Time = new SteppingClock(), ClockReadEvery = 64 }, out _); // leaf calls take CallTimeline.LeafCall

        static string Shape(ProfileNode node, Profile profile) =>
            $"{profile.Frames[node.Frame].Name} x{node.Calls} {node.SelfInstructions} [{string.Join(", ", node.Children.Select(c => Shape(c, profile)))}]";
        Assert.AreEqual(Shape(perEvent.CallTree.Single(), perEvent), Shape(batched.CallTree.Single(), batched));
        Assert.AreEqual(Shape(perEvent.CallTree.Single(), perEvent), Shape(batchedWithoutLog.CallTree.Single(), batchedWithoutLog));
        CollectionAssert.AreEqual(
            perEvent.Functions.Select(f => (f.Frame.Name, f.Calls, f.Instructions)).ToArray(),
            batchedWithoutLog.Functions.Select(f => (f.Frame.Name, f.Calls, f.Instructions)).ToArray());
        CollectionAssert.AreEqual(
            perEvent.Events.Select(e => (e.Type, perEvent.Frames[e.Frame].Name)).ToArray(),
            batched.Events.Select(e => (e.Type, batched.Frames[e.Frame].Name)).ToArray());
        Assert.AreEqual(perEvent.TotalInstructions, batched.TotalInstructions);
        // The stepping clock's 1000 ns per read: main's two reads, the batches' and the finish.
        Assert.IsLessThan(perEvent.EndNanoseconds / 10, batched.EndNanoseconds);
        Assert.IsGreaterThan(0L, batched.EndNanoseconds);
        Assert.IsTrue(batched.Events.Zip(batched.Events.Skip(1)).All(p => p.First.At <= p.Second.At), "the event log's times never go back");
        foreach (var node in Nodes(batched.CallTree))
        {
            Assert.AreEqual(node.InclusiveNanoseconds, node.SelfNanoseconds + node.Children.Sum(c => c.InclusiveNanoseconds));
        }
    }

    /// <summary>
    /// main makes a counter closure and calls down(100, counter, 1), then down(100, counter, zero).
    /// down recurses 100 deep (deeper than the profiler's first 64 open frames) and, on the way
    /// back up, calls the closure through call_closure (a foreign frame) at every third level and
    /// the leaf function twice at every level; at depth 0 it divides by its third argument (a VM
    /// error in the second pass when main's <c>zero</c> is 0).
    /// </summary>
    private const string DeepAndMixed = """
        .function main(zero)
            MOV r6, r0
            LDI r1, 10
            PUSHARG r1
            CALL make_counter
            MOV r3, r0
            LDI r1, 100
            PUSHARG r1
            PUSHARG r3
            LDI r1, 1
            PUSHARG r1
            CALL down
            LDI r1, 100
            PUSHARG r1
            PUSHARG r3
            PUSHARG r6
            CALL down
            RET r0
        .end
        .function down(n, counter, zero)
            MOV r4, r0
            MOV r5, r1
            MOV r6, r2
            LDI r2, 0
            CMP r4, r2
            JMPEQ bottom
            LDI r2, 1
            SUB r3, r4, r2
            PUSHARG r3
            PUSHARG r5
            PUSHARG r6
            CALL down
            LDI r2, 3
            MOD r3, r4, r2
            LDI r2, 0
            CMP r3, r2
            JMPNEQ skip
            PUSHARG r5
            CALL call_closure
        skip:
            PUSHARG r4
            CALL leaf
            PUSHARG r4
            CALL leaf
            RET r4
        bottom:
            LDI r2, 1
            DIV r2, r2, r6
            RET r4
        .end
        .function leaf(x)
            RET r0
        .end

        """ + Stoffel.Tests.Shared.SharedPrograms.Counter;

    [TestMethod]
    [DataRow(1L, DisplayName = "completes")]
    [DataRow(0L, DisplayName = "fails at the bottom")]
    public void Batches_of_any_size_give_the_per_event_tree_through_deep_recursion_foreign_frames_and_errors(long divisor)
    {
        // Batches that end anywhere (a clock read due every 2, 7, 64 or 1000 events), against every
        // event on its own: the replay's fast path for program frames hands over to the general one
        // and back at foreign frames, deep stacks, new call-tree nodes, nodes new to a time window
        // and frames left open by the error.
        string Shape(int clockReadEvery)
        {
            var vm = TestVm.Load(DeepAndMixed);
            var profiler = Profiler.Attach(vm, new ProfilerOptions { Time = new SteppingClock(), ClockReadEvery = clockReadEvery });
            try
            {
                Assert.AreEqual(100, vm.Execute("main", [Value.FromI64(divisor)], CancellationToken.None).AsI64);
            }
            catch (VmException) when (divisor == 0)
            {
            }
            var profile = profiler.Finish();
            Assert.AreEqual(vm.Inspector.InstructionsExecuted, Nodes(profile.CallTree).Sum(n => n.SelfInstructions));
            if (clockReadEvery <= 7)
            {
                // Windows of fewer than 1000 instructions (a batch ends at the latest at the next foreign call):
                // every node that ran instructions gets at least one of the clock's 1000 ns steps' shares.
                Assert.IsTrue(Nodes(profile.CallTree).All(n => n.SelfInstructions == 0 || n.SelfNanoseconds > 0), "every node that ran has time");
            }
            return Lines(profile);
        }

        var perEvent = Shape(1);
        int NodesOf(string function) => perEvent.Split('\n').Count(line => line.StartsWith(function + " ", StringComparison.Ordinal));
        Assert.AreEqual(101, NodesOf("down"), "one node per depth of down");
        Assert.AreEqual(100, NodesOf("leaf"));
        Assert.AreEqual(33, NodesOf("call_closure"));
        Assert.AreEqual(33, NodesOf("increment"));
        foreach (var every in new[] { 2, 7, 64, 1000 })
        {
            Assert.AreEqual(perEvent, Shape(every), $"clock read every {every} events");
        }
    }

    [TestMethod]
    public void Exclusive_time_never_exceeds_inclusive_and_main_includes_everything()
    {
        var profile = ProfileFib(Stepping, out _);

        foreach (var function in profile.Functions)
        {
            Assert.IsLessThanOrEqualTo(function.InclusiveNanoseconds, function.ExclusiveNanoseconds, function.Frame.Name);
            Assert.IsGreaterThan(0L, function.ExclusiveNanoseconds, function.Frame.Name);
        }
        var main = Function(profile, "main");
        Assert.AreEqual(profile.Functions.Sum(f => f.ExclusiveNanoseconds), main.InclusiveNanoseconds);
    }

    [TestMethod]
    public void Recursive_time_is_counted_once()
    {
        var profile = ProfileFib(Stepping, out _);

        // With a clock ticking 1000 ns per read, fib's outermost call spans every read but main's two.
        var fib = Function(profile, "fib");
        var main = Function(profile, "main");
        Assert.AreEqual(main.InclusiveNanoseconds - 2000, fib.InclusiveNanoseconds);
    }

    [TestMethod]
    public void Instruction_counts_per_function_sum_to_the_vms_total_without_instruction_hooks()
    {
        var profile = ProfileFib(new ProfilerOptions(), out var vm);

        Assert.AreEqual(vm.Inspector.InstructionsExecuted, profile.TotalInstructions);
        Assert.AreEqual(vm.Inspector.InstructionsExecuted, profile.Functions.Sum(f => f.Instructions));
        Assert.AreEqual(vm.Inspector.InstructionsExecuted, Nodes(profile.CallTree).Sum(n => n.SelfInstructions));
        Assert.AreEqual(4, Function(profile, "main").Instructions);
        Assert.IsEmpty(profile.Instructions, "line hits only when asked for");
    }

    [TestMethod]
    public void Estimated_times_still_add_up_to_the_time_profiled()
    {
        var profile = ProfileFib(new ProfilerOptions { Time = new SteppingClock(), ClockReadEvery = 16 }, out _);

        var main = Function(profile, "main");
        Assert.AreEqual(profile.Functions.Sum(f => f.ExclusiveNanoseconds), main.InclusiveNanoseconds);
        foreach (var node in Nodes(profile.CallTree))
        {
            Assert.IsGreaterThanOrEqualTo(0L, node.SelfNanoseconds);
        }
    }

    [TestMethod]
    public void Line_hits_count_each_line()
    {
        var profile = ProfileFib(new ProfilerOptions { LineHits = true }, out var vm);

        Assert.AreEqual(vm.Inspector.InstructionsExecuted, profile.Instructions.Sum(i => i.Hits));
        Assert.AreEqual(177, profile.Lines.Single(l => l.Line == 8).Hits, "MOV r3, r0 runs once per call");
        Assert.AreEqual(89, profile.Lines.Single(l => l.Line == 24).Hits, "base: RET r3 runs for the 89 leaves");
        Assert.AreEqual(88, profile.Lines.Single(l => l.Line == 12).Hits, "the recursive branch runs 88 times");
    }

    [TestMethod]
    public void Without_line_hits_only_call_events_are_subscribed()
    {
        var vm = TestVm.Load(TestVm.Fib);
        using var profiler = Profiler.Attach(vm);

        Assert.AreEqual(Vm.Hooks.HookEventMask.BeforeFunctionCall | Vm.Hooks.HookEventMask.AfterFunctionCall, vm.Hooks.ActiveMask);
        Assert.IsTrue(profiler.IsAttached);
    }

    [TestMethod]
    public void Memory_depends_on_distinct_stacks_not_on_calls()
    {
        var vm = TestVm.Load(Stoffel.Tests.Shared.SharedPrograms.CallLoop);
        var profiler = Profiler.Attach(vm, new ProfilerOptions());

        Assert.AreEqual(499_500L, vm.Execute("calls", [Value.FromI64(1000)], CancellationToken.None).AsI64);
        var profile = profiler.Finish();

        var nodes = Nodes(profile.CallTree).ToArray();
        Assert.HasCount(2, nodes, "calls -> add, whatever the number of calls");
        Assert.AreEqual(1000, nodes.Single(n => profile.Frames[n.Frame].Name == "add").Calls);
    }

    [TestMethod]
    [DoNotParallelize]
    public void Trace_mode_allocates_nothing_per_call_once_the_tree_has_its_stacks()
    {
        var vm = TestVm.Load(Stoffel.Tests.Shared.SharedPrograms.CallLoop);
        using var profiler = Profiler.Attach(vm);
        vm.Execute("calls", [Value.FromI64(100)], CancellationToken.None);

        var few = LeastAllocatedBy(() => vm.Execute("calls", [Value.FromI64(100)], CancellationToken.None));
        var many = LeastAllocatedBy(() => vm.Execute("calls", [Value.FromI64(100_000)], CancellationToken.None));

        Assert.AreEqual(few, many, "100,000 calls allocate what 100 do");
    }

    /// <summary>
    /// The fewest bytes the current thread allocates in three runs of <paramref name="action"/>. A
    /// run whose batches go to the background replay (BackgroundAggregation) may meet, once, what
    /// the thread pool and a contended lock allocate when the machine is loaded (a worker thread
    /// the pool starts on the requesting thread, the wait event a lock makes the first time a
    /// thread blocks on it); an allocation per call shows in every run.
    /// </summary>
    private static long LeastAllocatedBy(Action action)
    {
        var least = long.MaxValue;
        for (var run = 0; run < 3; run++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            action();
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        return least;
    }

    [TestMethod]
    public void The_event_log_stops_at_its_cap_balanced_and_says_so()
    {
        var profile = ProfileFib(Stepping with { EventLimit = 20 }, out _);

        Assert.IsTrue(profile.EventsTruncated);
        Assert.IsLessThanOrEqualTo(20 + 11, profile.Events.Count, "the cap plus the closes of the calls open at that moment");
        AssertBalanced(profile);
        Assert.AreEqual(177, Function(profile, "fib").Calls, "the aggregated profile covers the whole run");
    }

    [TestMethod]
    public void The_event_log_under_its_cap_has_every_call()
    {
        var profile = ProfileFib(Stepping with { EventLimit = 1000 }, out _);

        Assert.IsFalse(profile.EventsTruncated);
        Assert.HasCount(2 * 178, profile.Events);
        AssertBalanced(profile);
    }

    [TestMethod]
    public void A_vm_error_leaves_frames_that_finish_closes()
    {
        var vm = TestVm.Load(TestVm.DivisionByZero);
        var profiler = Profiler.Attach(vm, Stepping with { EventLimit = 100 });

        Assert.ThrowsExactly<VmException>(() => vm.Execute("main"));
        var profile = profiler.Finish();

        Assert.IsFalse(profiler.IsAttached);
        Assert.AreEqual(0, vm.Hooks.Count);
        AssertBalanced(profile);
        Assert.AreEqual(1, Function(profile, "ratio").Calls);
        Assert.AreSame(profile, profiler.Finish());
    }

    [TestMethod]
    public void Foreign_functions_and_closures_called_by_call_closure_make_balanced_frames()
    {
        var vm = TestVm.Load(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "examples", "closures.stfa")));
        var profiler = Profiler.Attach(vm, Stepping with { EventLimit = 1000 });

        vm.Execute("main");
        var profile = profiler.Finish();

        AssertBalanced(profile);
        Assert.AreEqual(3, Function(profile, "call_closure").Calls);
        Assert.AreEqual(3, Function(profile, "increment").Calls);
        Assert.IsTrue(Function(profile, "print").Frame.IsForeign);
        Assert.IsFalse(Function(profile, "increment").Frame.IsForeign);
        foreach (var function in profile.Functions)
        {
            Assert.IsLessThanOrEqualTo(function.InclusiveNanoseconds, function.ExclusiveNanoseconds, function.Frame.Name);
        }
        Assert.AreEqual(vm.Inspector.InstructionsExecuted, profile.Functions.Sum(f => f.Instructions));
        Assert.AreEqual(0, Function(profile, "call_closure").Instructions, "after the closure returns, the caller runs on");
    }

    [TestMethod]
    public void Batched_call_closure_frames_read_no_clock_and_give_the_per_event_tree()
    {
        // call_closure run inline comes in the batches with the closure's call (the same depth
        // and count) and runs no host code: its frame opens and closes without a clock read, on
        // the replay's fast path as on the general one, as a builtin's leaf does.
        const long Calls = 2000;
        (string Tree, long Nanoseconds) Profiled(int clockReadEvery)
        {
            var vm = TestVm.Load(Stoffel.Tests.Shared.SharedPrograms.CounterLoop + "\n" + Stoffel.Tests.Shared.SharedPrograms.Counter);
            var profiler = Profiler.Attach(vm, new ProfilerOptions { Time = new SteppingClock(), ClockReadEvery = clockReadEvery });
            Assert.AreEqual(Calls, vm.Execute("closure", Value.FromI64(Calls)).AsI64);
            var profile = profiler.Finish();
            Assert.AreEqual(vm.Inspector.InstructionsExecuted, Nodes(profile.CallTree).Sum(n => n.SelfInstructions));
            return (string.Join("\n", Nodes(profile.CallTree).Select(n => $"{profile.Frames[n.Frame].Name} x{n.Calls} {n.SelfInstructions}")), profile.EndNanoseconds);
        }

        var perEvent = Profiled(1);
        var batched = Profiled(64);

        Assert.AreEqual(perEvent.Tree, batched.Tree);
        StringAssert.Contains(batched.Tree, $"call_closure x{Calls} 0\nincrement x{Calls} ");
        // The stepping clock's 1000 ns per read: a read per batch (a service interval holds some
        // seventy calls), not one or two per call_closure.
        Assert.IsLessThan(Calls * 1000 / 10, batched.Nanoseconds);
    }

    [TestMethod]
    public void Builtins_counted_in_batches_give_the_per_event_tree()
    {
        // The profiler's batches take the builtins run inline as counts (CountsInlineBuiltins):
        // the closure's upvalue accesses inside its frame, and main's field accesses right after
        // call_closure's closure returned, which close call_closure's frame first.
        const long Rounds = 3000;
        const string ClosureThenFields = """
            .function main(n)
                MOV r5, r0
                LDI r1, 0
                PUSHARG r1
                CALL make_counter
                MOV r6, r0
                CALL create_object
                MOV r7, r0
                LDI r2, 0
                LDI r3, 1
                LDI r4, "last"
            loop:
                CMP r2, r5
                JMPEQ done
                PUSHARG r6
                CALL call_closure
                PUSHARG r7
                PUSHARG r4
                PUSHARG r0
                CALL set_field
                PUSHARG r7
                PUSHARG r4
                CALL get_field
                PUSHARG r7
                PUSHARG r4
                CALL get_field
                ADD r2, r2, r3
                JMP loop
            done:
                RET r0
            .end

            """ + Stoffel.Tests.Shared.SharedPrograms.Counter;
        string Tree(int clockReadEvery)
        {
            var vm = TestVm.Load(ClosureThenFields);
            var profiler = Profiler.Attach(vm, new ProfilerOptions { Time = new SteppingClock(), ClockReadEvery = clockReadEvery });
            Assert.AreEqual(Rounds, vm.Execute("main", Value.FromI64(Rounds)).AsI64);
            var profile = profiler.Finish();
            Assert.AreEqual(vm.Inspector.InstructionsExecuted, Nodes(profile.CallTree).Sum(n => n.SelfInstructions));
            return Lines(profile);
        }

        var perEvent = Tree(1);
        StringAssert.Contains(perEvent, $"increment x{Rounds} {Rounds * 9} (2)\nget_upvalue x{Rounds} 0 (0)\nset_upvalue x{Rounds} 0 (0)\nset_field x{Rounds} 0 (0)\nget_field x{2 * Rounds} 0 (0)");
        foreach (var every in new[] { 2, 7, 64, 1000 })
        {
            Assert.AreEqual(perEvent, Tree(every), $"clock read every {every} events");
        }
    }

    [TestMethod]
    public void Sample_mode_reads_the_stack_on_a_timer_without_call_hooks()
    {
        var vm = TestVm.Load(TestVm.Fib);
        var profiler = Profiler.Attach(vm, new ProfilerOptions { Mode = ProfileMode.Sample, SampleInterval = TimeSpan.FromMilliseconds(0.5) });

        // Long enough for samples on a loaded machine: fib(27) runs about 0.1-0.5 s.
        vm.Execute("fib", [Value.FromI64(27)], CancellationToken.None);
        var profile = profiler.Finish();

        Assert.AreEqual(ProfileMode.Sample, profile.Mode);
        Assert.IsGreaterThan(0L, profile.Samples);
        Assert.AreEqual(profile.Samples, Nodes(profile.CallTree).Sum(n => n.SelfSamples));
        Assert.AreEqual(0, Function(profile, "fib").Calls, "sample mode does not count calls");
        Assert.IsGreaterThan(0L, Function(profile, "fib").ExclusiveNanoseconds);
        Assert.IsTrue(Nodes(profile.CallTree).All(n => profile.Frames[n.Frame].Name == "fib"));
        Assert.AreEqual(0, vm.Hooks.Count);
    }

    [TestMethod]
    public void Top_functions_can_be_read_from_another_thread_while_the_vm_runs()
    {
        var vm = TestVm.Load(TestVm.Fib);
        var profiler = Profiler.Attach(vm);
        var run = Task.Run(() => vm.Execute("fib", [Value.FromI64(27)], CancellationToken.None));

        var seen = new List<long>();
        while (!run.IsCompleted)
        {
            if (profiler.TopFunctions(3).FirstOrDefault(f => f.Frame.Name == "fib") is { } fib)
            {
                seen.Add(fib.Calls);
            }
            Thread.Sleep(1);
        }
        run.Wait();
        var profile = profiler.Finish();

        CollectionAssert.AreEqual(seen.Order().ToArray(), seen.ToArray(), "counts only grow");
        Assert.IsTrue(seen.All(calls => calls <= Function(profile, "fib").Calls));
        Assert.AreEqual(Function(profile, "fib").Calls, profiler.TopFunctions(1).Single().Calls);
    }

    [TestMethod]
    public void Contradictory_or_out_of_range_options_are_refused()
    {
        var vm = TestVm.Load(TestVm.Fib);

        Assert.ThrowsExactly<ArgumentException>(() => Profiler.Attach(vm, new ProfilerOptions { Mode = ProfileMode.Sample, EventLimit = 10 }));
        Assert.ThrowsExactly<ArgumentException>(() => Profiler.Attach(vm, new ProfilerOptions { EventLimit = -1 }));
        Assert.ThrowsExactly<ArgumentException>(() => Profiler.Attach(vm, new ProfilerOptions { ClockReadEvery = 0 }));
        Assert.ThrowsExactly<ArgumentException>(() => Profiler.Attach(vm, new ProfilerOptions { Mode = ProfileMode.Sample, SampleInterval = TimeSpan.Zero }));
        Assert.ThrowsExactly<ArgumentException>(() => ProfileModes.Parse("statistical"));
        Assert.AreEqual(ProfileMode.Sample, ProfileModes.Parse("Sample"));
        Assert.AreEqual(0, vm.Hooks.Count);
    }

    /// <summary>Events are in time order and every close matches the innermost open frame.</summary>
    internal static void AssertBalanced(Profile profile)
    {
        var open = new Stack<int>();
        var last = 0L;
        foreach (var e in profile.Events)
        {
            Assert.IsGreaterThanOrEqualTo(last, e.At);
            last = e.At;
            if (e.Type == ProfileEventType.Open)
            {
                open.Push(e.Frame);
            }
            else
            {
                Assert.AreEqual(open.Pop(), e.Frame);
            }
        }
        Assert.IsEmpty(open);
        Assert.IsLessThanOrEqualTo(profile.EndNanoseconds, last);
    }
}
