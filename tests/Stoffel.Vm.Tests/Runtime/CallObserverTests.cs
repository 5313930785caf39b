using Stoffel.Vm.Hooks;
using Stoffel.Vm.Runtime;
using Stoffel.Vm.Values;

namespace Stoffel.Vm.Tests.Runtime;

/// <summary>
/// Call observers (<see cref="HookManager.RegisterCallObserver"/>) see what BeforeFunctionCall and
/// AfterFunctionCall hooks see, with the callee's depth and the exact instruction count, under
/// hooks' rules.
/// </summary>
[TestClass]
public sealed class CallObserverTests
{
    private sealed class Recorder(Action<string>? onCall = null) : ICallObserver
    {
        public List<string> Log { get; } = [];

        public void OnCall(string callee, int calleeDepth, long instructionsExecuted)
        {
            Log.Add($"call {callee} depth {calleeDepth} at {instructionsExecuted}");
            onCall?.Invoke(callee);
        }

        public void OnReturn(string callee, int calleeDepth, long instructionsExecuted) =>
            Log.Add($"return {callee} depth {calleeDepth} at {instructionsExecuted}");
    }

    [TestMethod]
    public void An_observer_sees_what_call_hooks_see_with_callee_depths_and_instruction_counts()
    {
        var vm = TestPrograms.LoadCallSites();
        var hooks = new List<string>();
        vm.Hooks.Register(HookEventMask.BeforeFunctionCall | HookEventMask.AfterFunctionCall, (in HookEvent e, HookContext c) =>
            hooks.Add($"{(e.Kind == HookEventKind.BeforeFunctionCall ? "call" : "return")} {e.Name} depth {e.CallDepth + 1} at {c.InstructionsExecuted}"));
        var observer = new Recorder();
        vm.Hooks.RegisterCallObserver(observer);

        var alone = new Recorder(); // with no hook on call events, the VM takes its observers-only path
        var unhooked = TestPrograms.LoadCallSites();
        unhooked.Hooks.RegisterCallObserver(alone);

        Assert.AreEqual(7L, vm.Execute("main").AsI64);
        Assert.AreEqual(7L, unhooked.Execute("main").AsI64);

        CollectionAssert.AreEqual(hooks, observer.Log);
        CollectionAssert.AreEqual(observer.Log, alone.Log);
        CollectionAssert.AreEqual(new[]
        {
            "call main depth 1 at 0",
            "call outer depth 2 at 3",
            "call twice depth 3 at 5",
            "return twice depth 3 at 7",
            "return outer depth 2 at 8",
            "call host depth 2 at 10",
            "return host depth 2 at 10",
            "call make depth 2 at 11",
            "return make depth 2 at 11",
            "call invoke depth 2 at 14",
            "call seven depth 2 at 14", // the closure call_closure pushes; invoke's call completes with it
            "return seven depth 2 at 16",
            "return main depth 1 at 17",
        }, observer.Log);
    }

    [TestMethod]
    public void A_throwing_observer_aborts_the_run_with_a_hook_error_naming_it()
    {
        var vm = TestPrograms.LoadCallSites();
        var id = vm.Hooks.RegisterCallObserver(new Recorder(callee =>
        {
            if (callee == "twice")
            {
                throw new InvalidOperationException("no doubling allowed");
            }
        }));

        var error = Assert.ThrowsExactly<VmException>(() => vm.Execute("main"));

        Assert.AreEqual(VmErrorKind.HookError, error.Kind);
        Assert.AreEqual($"hook {id.Value} failed on BeforeFunctionCall: no doubling allowed", error.Message);
        Assert.IsInstanceOfType<InvalidOperationException>(error.InnerException);
        Assert.AreEqual("outer", error.FunctionName, "the call had not started");
    }

    [TestMethod]
    public void Observers_count_as_call_subscribers_and_can_be_disabled_and_removed()
    {
        var vm = TestPrograms.LoadCallSites();
        var observer = new Recorder();
        var id = vm.Hooks.RegisterCallObserver(observer);
        Assert.AreEqual(HookEventMask.BeforeFunctionCall | HookEventMask.AfterFunctionCall, vm.Hooks.ActiveMask);

        Assert.IsTrue(vm.Hooks.Disable(id));
        vm.Execute("main");
        Assert.IsEmpty(observer.Log);
        Assert.AreEqual(HookEventMask.None, vm.Hooks.ActiveMask);

        Assert.IsTrue(vm.Hooks.Enable(id));
        vm.Execute("main");
        Assert.HasCount(13, observer.Log);

        Assert.IsTrue(vm.Hooks.Unregister(id));
        vm.Execute("main");
        Assert.HasCount(13, observer.Log);
        Assert.AreEqual(0, vm.Hooks.Count);
    }

    // main(n): twice(n) + twice(n + 1) + n, each call a fused run the loop enters directly; deep(n)
    // recurses n levels, more records and registers than the stacks start with.
    private const string GrowingCalls = """
        .function twice(x)
            ADD r0, r0, r0
            RET r0
        .end

        .function deep(n)
            MOV r2, r0
            LDI r1, 1
            CMP r2, r1
            JMPLT done
            SUB r3, r2, r1
            PUSHARG r3
            CALL deep
            ADD r0, r0, r1
            RET r0
        done:
            RET r2
        .end

        .function main(n)
            MOV r3, r0
            PUSHARG r3
            CALL twice
            MOV r4, r0
            LDI r1, 1
            ADD r2, r3, r1
            PUSHARG r2
            CALL twice
            ADD r0, r0, r4
            ADD r0, r0, r3
            RET r0
        .end
        """;

    [TestMethod]
    [DataRow(false)]
    [DataRow(true)]
    public void An_observer_that_grows_the_stacks_inside_a_direct_call_leaves_the_caller_whole(bool counting)
    {
        var vm = TestPrograms.Load(GrowingCalls);
        if (counting)
        {
            vm.Hooks.RegisterInstructionCounting(); // the counting loop's fused call, not the plain loop's bound one
        }
        VirtualMachine machine = vm;
        var nestedRuns = 0;
        var recorder = new Recorder(callee =>
        {
            if (callee == "twice" && nestedRuns++ == 0)
            {
                Assert.AreEqual(500L, machine.Execute("deep", Value.FromI64(500)).AsI64); // the record array and the value stack grow
            }
        });
        vm.Hooks.RegisterCallObserver(recorder);

        Assert.AreEqual(10L + 12 + 5, vm.Execute("main", Value.FromI64(5)).AsI64, "the caller's next instruction and registers survive the growth");
        Assert.AreEqual(2, nestedRuns, "twice is called twice, whatever the observer runs: " + string.Join("; ", recorder.Log));
    }

    [TestMethod]
    public void Nothing_is_observed_while_a_hook_or_an_observer_runs()
    {
        var vm = TestPrograms.LoadCallSites();
        VirtualMachine machine = vm;
        var observer = new Recorder(callee =>
        {
            if (callee == "twice")
            {
                Assert.AreEqual(8L, machine.Execute("twice", Value.FromI64(4)).AsI64);
            }
        });
        vm.Hooks.RegisterCallObserver(observer);
        vm.Hooks.Register(HookEventMask.BeforeFunctionCall, (in HookEvent e, HookContext _) =>
        {
            if (e.Name == "outer")
            {
                Assert.AreEqual(6L, machine.Execute("twice", Value.FromI64(3)).AsI64);
            }
        });

        vm.Execute("main");

        Assert.AreEqual(1, observer.Log.Count(l => l.StartsWith("call twice", StringComparison.Ordinal)), "the nested runs were not observed");
        Assert.HasCount(13, observer.Log);
    }
}
