using System.Globalization;
using Stoffel.Vm.Formats.Assembly;
using Stoffel.Vm.Hooks;
using Stoffel.Vm.Runtime;
using Stoffel.Vm.Values;

namespace Stoffel.Stdlib.Tests;

/// <summary>
/// The VM's tracing loop, which runs while a sole hook on every instruction is the only
/// per-instruction work (Stoffel.Vm.Tests' TracingLoopTests pin when), against the hooked loop,
/// which runs the same hook once a no-op AfterInstructionExecute hook is added: the hook, the
/// program and the instruction count must see exactly the same, over calls, fused argument runs,
/// the inline builtins and closures, and a budget must stop both, and the plain loop, at the same
/// instruction. The recording hook is a <see cref="HookCallback"/> delegate or an
/// <see cref="IInstructionHook"/> struct (<see cref="HookManager.RegisterInstructionHook{THook}"/>),
/// whose tracing loop is a copy compiled for its type.
/// </summary>
[TestClass]
public sealed class TracingLoopEquivalenceTests
{
    // main(n): a loop of n calls (a fused run), field writes and reads, array pushes and a
    // closure counter through call_closure, then fib(4) (SharedPrograms.Fib) and twice_is_four(2); returns sum + count
    // + the array's length + 3 + 100. Between them the functions hold every superinstruction the
    // tracing loop runs part by part (SuccessorFusion, ConstantOperand, FusedCompare).
    private const string Mixed = """
        .function main(n)
            MOV r7, r0
            CALL create_object
            MOV r6, r0
            CALL create_array
            MOV r5, r0
            LDI r1, 0
            PUSHARG r1
            CALL make_counter
            MOV r4, r0
            LDI r1, 0
            LDI r2, 0
            LDI r3, "count"
            JMP test
        body:
            PUSHARG r1
            PUSHARG r2
            CALL add
            MOV r1, r0
            PUSHARG r6
            PUSHARG r3
            PUSHARG r1
            CALL set_field
            PUSHARG r5
            PUSHARG r2
            CALL array_push
            PUSHARG r4
            CALL call_closure
            LDI r0, 1
            ADD r2, r2, r0
        test:
            CMP r2, r7
            JMPLT body
            PUSHARG r6
            PUSHARG r3
            CALL get_field
            MOV r1, r0
            PUSHARG r4
            CALL call_closure
            ADD r1, r1, r0
            PUSHARG r5
            CALL array_length
            ADD r1, r1, r0
            LDI r2, 4
            PUSHARG r2
            CALL fib
            ADD r1, r1, r0
            LDI r2, 2
            PUSHARG r2
            CALL twice_is_four
            ADD r0, r1, r0
            RET r0
        .end
        .function add(a, b)
            ADD r2, r0, r1
            RET r2
        .end
        .function twice_is_four(n)
            MOV r1, r0
            ADD r1, r1, r0
            LDI r2, 4
            CMP r1, r2
            JMPEQ four
            RET r2
        four:
            LDI r3, 0
            LDI r4, 1
        loop:
            ADD r3, r3, r4
            CMP r3, r1
            JMPLT loop
            LDI r2, 96
            ADD r2, r2, r3
            RET r2
        .end
        """ + "\n" + Stoffel.Tests.Shared.SharedPrograms.Fib + "\n" + Stoffel.Tests.Shared.SharedPrograms.Counter;

    private const long N = 20;

    // sum 0..19 = 190, the counter's 21st call returns 21, 20 pushes, fib(4) = 3, 96 + 4 (2 + 2 = 4, then a loop to 4).
    private const long Expected = 190 + 21 + 20 + 3 + 100;

    private static readonly HookCallback NoOp = static (in HookEvent _, HookContext _) => { };

    [TestMethod]
    [DataRow(false, DisplayName = "a delegate")]
    [DataRow(true, DisplayName = "a struct")]
    public void A_sole_hook_on_every_instruction_sees_what_it_sees_in_the_hooked_loop(bool asStruct)
    {
        var (traced, tracedEvents) = Traced(hooked: false, asStruct: asStruct);
        var (hooked, hookedEvents) = Traced(hooked: true, asStruct: asStruct);

        Assert.AreEqual(Expected, traced.Execute("main", Value.FromI64(N)).AsI64);
        Assert.AreEqual(Expected, hooked.Execute("main", Value.FromI64(N)).AsI64);
        Assert.AreEqual(hooked.Inspector.InstructionsExecuted, traced.Inspector.InstructionsExecuted);
        Assert.AreEqual(traced.Inspector.InstructionsExecuted, tracedEvents.Count, "one event per instruction");
        CollectionAssert.AreEqual(hookedEvents, tracedEvents);
    }

    [TestMethod]
    [DataRow(false, 0, DisplayName = "a delegate reading at the first of every three instructions")]
    [DataRow(false, 1, DisplayName = "a delegate reading at the second of every three instructions")]
    [DataRow(false, 2, DisplayName = "a delegate reading at the third of every three instructions")]
    [DataRow(true, 1, DisplayName = "a struct reading at the second of every three instructions")]
    public void A_sole_hook_reading_the_argument_stack_at_some_instructions_sees_what_it_sees_in_the_hooked_loop(bool asStruct, int phase)
    {
        // The tracing loop reports a bound builtin call's PUSHARGs without writing them, and writes
        // those reported so far where the hook reads the argument stack (VMState.PublishTracedRecord):
        // reading at every third instruction reads inside runs at each of their parts.
        var reads = (Reading)((int)Reading.ArgumentStackAtFirstOfThree + phase);
        var (traced, tracedEvents) = Traced(hooked: false, asStruct: asStruct, reads: reads);
        var (hooked, hookedEvents) = Traced(hooked: true, asStruct: asStruct, reads: reads);

        Assert.AreEqual(Expected, traced.Execute("main", Value.FromI64(N)).AsI64);
        Assert.AreEqual(Expected, hooked.Execute("main", Value.FromI64(N)).AsI64);
        Assert.AreEqual(hooked.Inspector.InstructionsExecuted, traced.Inspector.InstructionsExecuted);
        Assert.IsTrue(tracedEvents.Any(e => e.Contains("args=[", StringComparison.Ordinal) && !e.Contains("args=[]", StringComparison.Ordinal)), "a read saw pushes");
        CollectionAssert.AreEqual(hookedEvents, tracedEvents);
    }

    [TestMethod]
    [DataRow(false, DisplayName = "a delegate")]
    [DataRow(true, DisplayName = "a struct")]
    public void A_sole_hook_reading_nothing_sees_what_it_sees_in_the_hooked_loop_across_many_slices(bool asStruct)
    {
        // Nothing reads the argument stack: the bound calls run in place after their CALL's event,
        // and a slice that ends inside a run has the pushes reported so far written first.
        const long n = 2000;
        var (traced, tracedEvents) = Traced(hooked: false, asStruct: asStruct, reads: Reading.Nothing);
        var (hooked, hookedEvents) = Traced(hooked: true, asStruct: asStruct, reads: Reading.Nothing);
        var plain = Plain();

        var expected = plain.Execute("main", Value.FromI64(n)).AsI64;
        Assert.AreEqual(expected, traced.Execute("main", Value.FromI64(n)).AsI64);
        Assert.AreEqual(expected, hooked.Execute("main", Value.FromI64(n)).AsI64);
        Assert.AreEqual(plain.Inspector.InstructionsExecuted, traced.Inspector.InstructionsExecuted);
        Assert.AreEqual(traced.Inspector.InstructionsExecuted, tracedEvents.Count, "one event per instruction");
        CollectionAssert.AreEqual(hookedEvents, tracedEvents);
    }

    [TestMethod]
    public void Events_a_sole_hook_keeps_read_after_the_run_as_the_hooked_loops_do()
    {
        // The tracing loop's event names its instruction by its place in the plain code, which
        // the event turns into the index and the instruction when read (HookEvent's
        // SetInstructionInFrame): a copy read after the loop moved on, and after the run, must
        // still name the instruction it was raised for.
        static List<string> KeptAndReadAfterTheRun(bool hooked)
        {
            var vm = Plain();
            var kept = new List<HookEvent>();
            vm.Hooks.Register(HookEventMask.BeforeInstructionExecute, (in HookEvent e, HookContext _) => kept.Add(e));
            if (hooked)
            {
                vm.Hooks.Register(HookEventMask.AfterInstructionExecute, NoOp);
            }
            Assert.AreEqual(Expected, vm.Execute("main", Value.FromI64(N)).AsI64);
            return kept.ConvertAll(e => $"{e.Function!.Name}:{e.InstructionIndex}:{e.Instruction}:{e.CallDepth}");
        }

        var traced = KeptAndReadAfterTheRun(hooked: false);
        var hooked = KeptAndReadAfterTheRun(hooked: true);

        Assert.IsTrue(traced.Select(e => e[..e.IndexOf(':', StringComparison.Ordinal)]).Distinct().Count() > 3, "events of several functions");
        CollectionAssert.AreEqual(hooked, traced);
    }

    [TestMethod]
    [DataRow(false, DisplayName = "a delegate")]
    [DataRow(true, DisplayName = "a struct")]
    public void Hooks_on_calls_tables_and_upvalues_beside_the_tracer_see_what_they_see_in_the_hooked_loop(bool asStruct)
    {
        // The tracing loop leaves the in-hook flag set after its tracer until the next point where
        // it calls out (VMState.Trace): each of these events is raised past such a point, and a
        // foreign function's nested run is no hook's, so its instructions are traced too.
        var (traced, tracedEvents) = Traced(hooked: false, OtherEvents, asStruct);
        var (hooked, hookedEvents) = Traced(hooked: true, OtherEvents, asStruct);

        Assert.AreEqual(Expected + 3, traced.Execute("main_nested", Value.FromI64(N)).AsI64);
        Assert.AreEqual(Expected + 3, hooked.Execute("main_nested", Value.FromI64(N)).AsI64);
        Assert.AreEqual(2 * ((int)N + 1), tracedEvents.Count(e => e.StartsWith("BeforeInstructionExecute:add:", StringComparison.Ordinal)), "add's two instructions, the nested run's call too");
        foreach (var kind in new[] { "AfterFunctionCall", "ObjectFieldWrite", "ArrayElementWrite", "UpvalueWrite" })
        {
            Assert.IsTrue(tracedEvents.Any(e => e.StartsWith(kind + ":", StringComparison.Ordinal)), kind);
        }
        CollectionAssert.AreEqual(hookedEvents, tracedEvents);
    }

    [TestMethod]
    [DataRow(false, DisplayName = "one by one")]
    [DataRow(true, DisplayName = "in records")]
    public void A_call_observer_beside_the_tracer_sees_the_calls_it_sees_in_the_hooked_loop(bool inRecords)
    {
        // A CALL keeps the tracer's window open until it calls out (VMState.CloseTracerWindow): an
        // observer's notice, or a call_closure's record, closes it first, or the in-hook flag would
        // keep the call from the observer.
        var (traced, _) = Traced(hooked: false);
        var (hooked, _) = Traced(hooked: true);
        var (tracedCalls, hookedCalls) = (new List<string>(), new List<string>());
        traced.Hooks.RegisterCallObserver(inRecords ? new CallRecordLog(tracedCalls) : new CallLog(tracedCalls));
        hooked.Hooks.RegisterCallObserver(inRecords ? new CallRecordLog(hookedCalls) : new CallLog(hookedCalls));

        Assert.AreEqual(Expected + 3, traced.Execute("main_nested", Value.FromI64(N)).AsI64);
        Assert.AreEqual(Expected + 3, hooked.Execute("main_nested", Value.FromI64(N)).AsI64);
        Assert.AreEqual((int)N + 1, tracedCalls.Count(e => e == "call:add"), "add's calls, the nested run's too");
        Assert.AreEqual((int)N + 1, tracedCalls.Count(e => e == "call:increment"), "the counter closure's calls through call_closure");
        CollectionAssert.AreEqual(hookedCalls, tracedCalls);
    }

    [TestMethod]
    [DataRow(false, DisplayName = "a delegate")]
    [DataRow(true, DisplayName = "a struct")]
    public void An_error_in_the_tracing_loop_is_the_programs_and_its_hook_fires_as_in_the_hooked_loop(bool asStruct)
    {
        var (traced, tracedEvents) = Traced(hooked: false, HookEventMask.ExecutionError, asStruct);
        var (hooked, hookedEvents) = Traced(hooked: true, HookEventMask.ExecutionError, asStruct);

        var tracedError = Assert.ThrowsExactly<VmException>(() => traced.Execute("overflow"));
        var hookedError = Assert.ThrowsExactly<VmException>(() => hooked.Execute("overflow"));
        Assert.AreEqual(VmErrorKind.IntegerOverflow, tracedError.Kind, "the program's error, not a hook's");
        Assert.AreEqual(hookedError.Kind, tracedError.Kind);
        Assert.IsTrue(tracedEvents[^1].StartsWith("ExecutionError:overflow:", StringComparison.Ordinal), tracedEvents[^1]);
        CollectionAssert.AreEqual(hookedEvents, tracedEvents);
    }

    [TestMethod]
    [DataRow(false, Reading.CallStack, DisplayName = "a delegate")]
    [DataRow(true, Reading.CallStack, DisplayName = "a struct")]
    [DataRow(false, Reading.Nothing, DisplayName = "a delegate reading nothing")]
    [DataRow(true, Reading.Nothing, DisplayName = "a struct reading nothing")]
    public void A_budget_stops_the_tracing_loop_where_it_stops_the_hooked_and_the_plain_loop(bool asStruct, Reading reads)
    {
        var whole = Traced(hooked: false).Vm;
        whole.Execute("main", Value.FromI64(3));
        var total = whole.Inspector.InstructionsExecuted;
        for (var budget = 1L; budget < total; budget++)
        {
            var (traced, tracedEvents) = Traced(hooked: false, asStruct: asStruct, reads: reads);
            var (hooked, hookedEvents) = Traced(hooked: true, asStruct: asStruct, reads: reads);
            var stop = Stop(traced, budget);
            Assert.AreEqual(Stop(hooked, budget), stop, $"budget {budget}");
            Assert.AreEqual(budget, traced.Inspector.InstructionsExecuted, $"budget {budget}");
            CollectionAssert.AreEqual(hookedEvents, tracedEvents, $"budget {budget}");
            // The plain loop, which charges per block, too: array_push charges a unit of work, which
            // counts where a slice ends (VMState.RunRestOfSlice).
            Assert.AreEqual(stop, Stop(Plain(), budget), $"budget {budget}, the plain loop");
        }
    }

    // main_nested(n): main(n) plus nested_add(), a foreign function whose nested run returns
    // add(1, 2); overflow(): an ADD past the largest I64.
    private const string NestedRunAndOverflow = """
        .function main_nested(n)
            PUSHARG r0
            CALL main
            MOV r1, r0
            CALL nested_add
            ADD r0, r1, r0
            RET r0
        .end
        .function overflow()
            LDI r0, 9223372036854775807
            LDI r1, 1
            ADD r0, r0, r1
            RET r0
        .end
        """;

    // Events of every kind beside the tracer's that main_nested and overflow raise in both loops
    // (StackPush and the register events need the hooked loop).
    private const HookEventMask OtherEvents = HookEventMask.BeforeFunctionCall | HookEventMask.AfterFunctionCall
        | HookEventMask.ObjectFieldRead | HookEventMask.ObjectFieldWrite | HookEventMask.ArrayElementWrite
        | HookEventMask.UpvalueRead | HookEventMask.UpvalueWrite | HookEventMask.ClosureCreated
        | HookEventMask.StackPop | HookEventMask.VariableWrite | HookEventMask.ExecutionError;

    /// <summary>What the recording hook reads of the VM through its context besides the event and the instruction count.</summary>
    public enum Reading
    {
        /// <summary>Where the innermost frame stands, as the inspector's call stack shows it, at every instruction.</summary>
        CallStack,
        /// <summary>Nothing.</summary>
        Nothing,
        /// <summary>The innermost frame's argument stack at the first of every three instructions.</summary>
        ArgumentStackAtFirstOfThree,
        /// <summary>The same at the second.</summary>
        ArgumentStackAtSecondOfThree,
        /// <summary>The same at the third.</summary>
        ArgumentStackAtThirdOfThree,
    }

    // The program with a hook recording every BeforeInstructionExecute (its kind, where, which instruction
    // with its operands, how deep, the instruction count it reads, and what reads says it reads) and,
    // in the same list, every event of others (its kind, where, how deep and the count); hooked: also
    // a no-op AfterInstructionExecute hook, which needs the hooked loop. asStruct: the recording hook
    // is a RecordingHook struct, not a delegate.
    private static (VirtualMachine Vm, List<string> Events) Traced(bool hooked, HookEventMask others = HookEventMask.None, bool asStruct = false, Reading reads = Reading.CallStack)
    {
        var vm = Plain();
        var events = new List<string>();
        if (asStruct)
        {
            vm.Hooks.RegisterInstructionHook(new RecordingHook(events, reads));
        }
        else
        {
            var recording = new RecordingHook(events, reads);
            vm.Hooks.Register(HookEventMask.BeforeInstructionExecute, (in HookEvent e, HookContext c) => recording.BeforeInstructionExecute(in e, c));
        }
        if (others != HookEventMask.None)
        {
            vm.Hooks.Register(others, (in HookEvent e, HookContext c) =>
                events.Add($"{e.Kind}:{e.Function?.Name}:{e.InstructionIndex}:{e.CallDepth}:{c.InstructionsExecuted}"));
        }
        if (hooked)
        {
            vm.Hooks.Register(HookEventMask.AfterInstructionExecute, NoOp);
        }
        return (vm, events);
    }

    // The programs loaded, with nested_add, and no hook: the plain loop runs them.
    private static VirtualMachine Plain()
    {
        var vm = new StdlibFixture().Vm;
        vm.RegisterFunction("nested_add", _ => vm.Execute("add", Value.FromI64(1), Value.FromI64(2)));
        vm.Load(StfaAssembler.Assemble(Mixed + "\n" + NestedRunAndOverflow, "mixed.stfa"));
        return vm;
    }

    // The recording hook as an IInstructionHook (the delegate calls one kept in its closure):
    // instructions counts the events it has seen, which the VM's copy of the struct keeps.
    private struct RecordingHook(List<string> events, Reading reads) : IInstructionHook
    {
        private int instructions;

        public void BeforeInstructionExecute(in HookEvent hookEvent, HookContext context)
        {
            var read = reads switch
            {
                Reading.CallStack => context.Inspector.GetCallStack()[0].InstructionIndex.ToString(CultureInfo.InvariantCulture),
                Reading.Nothing => "",
                _ => instructions % 3 == reads - Reading.ArgumentStackAtFirstOfThree ? $"args=[{string.Join(",", context.ArgumentStack)}]" : "",
            };
            instructions++;
            events.Add($"{hookEvent.Kind}:{hookEvent.Function!.Name}:{hookEvent.InstructionIndex}:{hookEvent.Instruction}:{hookEvent.CallDepth}:{context.InstructionsExecuted}:{read}");
        }
    }

    // A call observer's notices, one by one: each call's and return's callee.
    private class CallLog(List<string> calls) : ICallObserver
    {
        public void OnCall(string callee, int calleeDepth, long instructionsExecuted) => calls.Add($"call:{callee}");

        public void OnReturn(string callee, int calleeDepth, long instructionsExecuted) => calls.Add($"return:{callee}");
    }

    // CallLog taking the calls in records where the VM batches them (ICallRecordObserver).
    private sealed class CallRecordLog(List<string> calls) : CallLog(calls), ICallRecordObserver
    {
        public void OnCallRecords(ReadOnlySpan<CallRecord> records, ReadOnlySpan<string> functionNames)
        {
            foreach (var record in records)
            {
                (record.IsReturn ? (Action<string, int, long>)OnReturn : OnCall)(functionNames[record.FunctionId], record.CalleeDepth, record.InstructionsExecuted);
            }
        }
    }

    private static (string? Function, int Instruction, long Executed) Stop(VirtualMachine vm, long budget)
    {
        vm.Limits = vm.Limits with { MaxInstructions = budget };
        var error = Assert.ThrowsExactly<VmException>(() => vm.Execute("main", Value.FromI64(3)));
        Assert.AreEqual(VmErrorKind.InstructionLimitExceeded, error.Kind);
        return (error.FunctionName, error.InstructionIndex, vm.Inspector.InstructionsExecuted);
    }
}
