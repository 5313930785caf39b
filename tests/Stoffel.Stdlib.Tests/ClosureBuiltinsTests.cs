using Stoffel.Vm.Formats.Assembly;
using Stoffel.Vm.Hooks;
using Stoffel.Vm.Programs;
using Stoffel.Vm.Runtime;
using Stoffel.Tests.Shared;
using Stoffel.Vm.Values;
using static Stoffel.Stdlib.Tests.Asm;
using static Stoffel.Stdlib.Tests.StdlibFixture;

namespace Stoffel.Stdlib.Tests;

/// <summary>create_closure, call_closure, get_upvalue, set_upvalue and their aliases, run from real frames (capture by name: docs/semantics.md "Value kinds", "Closures").</summary>
[TestClass]
public sealed class ClosureBuiltinsTests
{
    // Constant pool shared by the programs below.
    private const int CounterBody = 0, Start = 1, One = 2, Zero = 3, AddBase = 4, Base = 5, Forty = 6, Two = 7;

    private static readonly Value[] Constants =
        [S("counter_body"), S("start"), I(1), I(0), S("add_base"), S("base"), I(40), I(2)];

    private readonly StdlibFixture _f = new();

    // The start of a main that makes a counter from 5 (SharedPrograms.Counter) into r4 and calls it once through call_closure.
    private const string MainCallingACounter = """

        .function main()
            LDI r1, 5
            PUSHARG r1
            CALL make_counter
            MOV r4, r0
            PUSHARG r4
            CALL call_closure

        """;

    /// <summary>
    /// make_counter(start) returns a closure over its parameter; each call of the closure does
    /// start = start + 1 through get/set_upvalue and returns the new value. main calls it three
    /// times through call_closure and returns [first, second, third].
    /// </summary>
    private void LoadCounter(string createName = "create_closure", string callName = "call_closure")
    {
        var makeCounter = Function("make_counter", ["start"], [],
            Ldi(1, CounterBody), Push(1), Ldi(1, Start), Push(1), Call(createName), Ret(0));
        var counterBody = Function("counter_body", [], ["start"],
            Ldi(1, Start), Push(1), Call("get_upvalue"), Ldi(2, One), Add(3, 0, 2),
            Push(1), Push(3), Call("set_upvalue"), Ret(3));
        var main = Function("main", [], [],
            Ldi(1, Zero), Push(1), Call("make_counter"), Mov(4, 0),
            Push(4), Call(callName), Mov(5, 0),
            Push(4), Call(callName), Mov(6, 0),
            Push(4), Call(callName), Mov(7, 0),
            Call("create_array"), Mov(8, 0), Push(8), Push(5), Push(6), Push(7), Call("array_push"), Ret(8));
        _f.Load(Constants, makeCounter, counterBody, main);
    }

    /// <summary>make_adder(base) returns a closure over add_base(x) = base + x; main applies it to 2.</summary>
    private void LoadAdder(params InstructionDefinition[] callSite)
    {
        var makeAdder = Function("make_adder", ["base"], [],
            Ldi(1, AddBase), Push(1), Ldi(1, Base), Push(1), Call("create_closure_with_upvalue"), Ret(0));
        var addBase = Function("add_base", ["x"], ["base"],
            Mov(1, 0), Ldi(2, Base), Push(2), Call("get_upvalue"), Add(0, 0, 1), Ret(0));
        var main = Function("main", [], [],
            [Ldi(1, Forty), Push(1), Call("make_adder"), Mov(4, 0), .. callSite]);
        _f.Load(Constants, makeAdder, addBase, main);
    }

    [TestMethod]
    public void Instruction_counting_counts_a_fused_call_closure_run_as_the_hooked_loop_counts_its_instructions()
    {
        // main pushes the counter and calls it through call_closure three times: in the counting
        // loop each PUSHARG + CALL run is one fused dispatch entering the closure in place; the
        // hooked loop (a no-op hook on every instruction, which counts too) runs them one by one.
        var source = SharedPrograms.Counter + "\n" + MainCallingACounter + """
                PUSHARG r4
                CALL call_closure
                PUSHARG r4
                CALL call_closure
                RET r0
            .end
            """;
        var counts = new Dictionary<bool, string>();
        foreach (var hooked in new[] { false, true })
        {
            VirtualMachine vm = new StdlibFixture().Vm;
            vm.Load(StfaAssembler.Assemble(source, "count.stfa"));
            vm.Hooks.RegisterInstructionCounting();
            if (hooked)
            {
                vm.Hooks.Register(HookEventMask.BeforeInstructionExecute, static (in HookEvent e, HookContext context) => { });
            }

            Assert.AreEqual(8L, vm.Execute("main").AsI64, hooked ? "hooked" : "counting");
            counts[hooked] = string.Join(" | ", vm.Inspector.GetInstructionCounts().OrderBy(c => c.Function.Name).Select(c => $"{c.Function.Name}: {string.Join(",", c.InstructionHits.ToArray())}"));
        }

        Assert.AreEqual(counts[true], counts[false]);
        StringAssert.Contains(counts[false], "main: 1,1,1,1,1,1,1,1,1,1,1");
    }

    // peek() reads the upvalue "count" of its own frame, which it has none of; main calls the
    // counter once through call_closure (MainCallingACounter), then peek at the same depth.
    private const string PeekAfterACounter = """
        .function peek()
            LDI r1, "count"
            PUSHARG r1
            CALL get_upvalue
            RET r0
        .end
        """ + MainCallingACounter + """
            CALL peek
            RET r0
        .end
        """;

    [TestMethod]
    public void A_record_a_closure_ran_in_has_no_upvalues_for_the_next_call_at_its_depth()
    {
        // No hook: the plain loop enters the closure in place (call_closure's bound case) and peek
        // directly, into the same record, which keeps its upvalues once popped until it is reused.
        _f.Vm.Load(StfaAssembler.Assemble(SharedPrograms.Counter + "\n" + PeekAfterACounter, "reuse.stfa"));

        var error = Assert.ThrowsExactly<VmException>(() => _f.Vm.Execute("main"));

        Assert.AreEqual((VmErrorKind.UpvalueNotFound, "peek"), (error.Kind, error.FunctionName));
    }

    [TestMethod]
    public void A_closures_record_popped_after_a_return_hook_grew_the_frame_array_keeps_no_upvalues()
    {
        // The return hook of the closure's call runs fib(20), 20 frames deeper, which grows the
        // frame array past its first 16 records; the closure's record is popped after that, in
        // the new array. peek is then called at the same depth, into the same record, without a
        // closure.
        _f.Vm.Load(StfaAssembler.Assemble(SharedPrograms.Counter + "\n" + SharedPrograms.Fib + "\n" + PeekAfterACounter, "reuse.stfa"));
        VirtualMachine vm = _f.Vm;
        var returned = new List<string>();
        vm.Hooks.Register(HookEventMask.AfterFunctionCall, (in HookEvent e, HookContext _) =>
        {
            returned.Add(e.Name!);
            if (e.Name == "increment")
            {
                Assert.AreEqual(6765L, vm.Execute("fib", I(20)).AsI64); // nested: its events are not delivered
            }
        });

        var error = Assert.ThrowsExactly<VmException>(() => vm.Execute("main"));

        Assert.AreEqual(VmErrorKind.UpvalueNotFound, error.Kind);
        Assert.AreEqual("peek", error.FunctionName);
        CollectionAssert.AreEqual(new[] { "create_closure", "make_counter", "get_upvalue", "set_upvalue", "increment" }, returned,
            "peek fails at its first get_upvalue: it never returns (the closure's return completes call_closure's CALL)");
    }

    [TestMethod]
    public void A_closure_bound_in_one_VM_runs_the_function_of_the_VM_that_calls_it()
    {
        // The plain loop's bound call_closure enters a closure's function only when the closure is
        // bound to the running VM; the first call from another VM binds it there (the builtin's
        // way), the later ones enter in place. Here the other VM's increment adds 100, not 1.
        const string callThrice = """
            .function thrice(counter)
                MOV r3, r0
                PUSHARG r3
                CALL call_closure
                PUSHARG r3
                CALL call_closure
                PUSHARG r3
                CALL call_closure
                RET r0
            .end
            """;
        _f.Vm.Load(StfaAssembler.Assemble(SharedPrograms.Counter + "\n" + callThrice, "first.stfa"));
        var counter = _f.Call("make_counter", I(0));
        Assert.AreEqual(3L, _f.Call("thrice", counter).AsI64, "bound to the first VM by its calls there");
        var other = new StdlibFixture();
        other.Vm.Load(StfaAssembler.Assemble(SharedPrograms.Counter.Replace("LDI r2, 1", "LDI r2, 100") + "\n" + callThrice, "other.stfa"));

        Assert.AreEqual(303L, other.Call("thrice", counter).AsI64, "the other VM's increment, from its first call on");
        Assert.AreEqual(306L, _f.Call("thrice", counter).AsI64, "and the first VM's again: the binding follows the caller");
    }

    [TestMethod]
    public void CounterClosureKeepsItsStateAcrossCalls()
    {
        LoadCounter();

        var results = _f.Vm.Execute("main");

        CollectionAssert.AreEqual(new[] { I(1), I(2), I(3) }, Elements(results).ToArray());
    }

    [TestMethod]
    public void AliasesBehaveLikeTheMainNames()
    {
        LoadCounter("create_closure_with_upvalue", "call_closure_with_arg");

        CollectionAssert.AreEqual(new[] { I(1), I(2), I(3) }, Elements(_f.Vm.Execute("main")).ToArray());
    }

    [TestMethod]
    public void CreateClosureCapturesTheNamedParameterByValue()
    {
        LoadAdder(Mov(0, 4), Ret(0));

        var closure = _f.Vm.Execute("main").AsClosure!;

        Assert.AreEqual("add_base", closure.FunctionName);
        CollectionAssert.AreEqual(new[] { new Upvalue("base", I(40)) }, closure.Upvalues.ToArray());
    }

    [TestMethod]
    public void CallClosurePassesArgumentsAndItsReturnLandsInR0()
    {
        LoadAdder(Ldi(2, Two), Push(4), Push(2), Call("call_closure_with_arg"), Ret(0));

        Assert.AreEqual(I(42), _f.Vm.Execute("main"));
    }

    [TestMethod]
    public void CallClosureChecksTheClosureFunctionsArity()
    {
        LoadAdder(Push(4), Call("call_closure"), Ret(0));

        var error = Assert.ThrowsExactly<VmException>(() => _f.Vm.Execute("main"));

        Assert.AreEqual("call_closure: add_base expects 1 argument, got 0", error.Message);
        Assert.AreEqual(VmErrorKind.FunctionArityMismatch, error.Kind);
    }

    [TestMethod]
    public void CreateClosureWithoutUpvaluesNeedsNoFrame()
    {
        _f.Load(Constants, Function("f", [], [], Ret(0)));

        var closure = _f.Call("create_closure", S("f")).AsClosure!;

        Assert.AreEqual("f", closure.FunctionName);
        Assert.AreEqual(0, closure.Upvalues.Count);
    }

    [TestMethod]
    public void CreateClosureFailsForAMissingUpvalue()
    {
        _f.Load(Constants, Function("main", [], [], Ldi(1, CounterBody), Push(1), Ldi(1, Start), Push(1), Call("create_closure"), Ret(0)),
            Function("counter_body", [], [], Ret(0)));

        var error = Assert.ThrowsExactly<VmException>(() => _f.Vm.Execute("main"));

        Assert.AreEqual(VmErrorKind.UpvalueNotFound, error.Kind);
        StringAssert.StartsWith(error.Message, "create_closure: upvalue 'start' not found");
    }

    [TestMethod]
    public void CreateClosureFailsForAnUnknownFunctionOrNonStringNames()
    {
        var unknown = _f.Fails("create_closure", S("nowhere"));

        Assert.AreEqual(VmErrorKind.FunctionNotFound, unknown.Kind);
        StringAssert.StartsWith(unknown.Message, "create_closure: cannot create a closure over 'nowhere'");
        Assert.AreEqual("create_closure: expected a string, got int64 1", _f.Fails("create_closure", I(1)).Message);
        Assert.AreEqual("create_closure: expected a string as argument 2, got int64 1", _f.Fails("create_closure", S("f"), I(1)).Message);
        Assert.AreEqual("create_closure expects at least 1 argument, got 0", _f.Fails("create_closure").Message);
    }

    [TestMethod]
    public void CallClosureRejectsNonClosuresAndTheEntryPosition()
    {
        _f.Load(Constants, Function("f", [], [], Ret(0)));

        Assert.AreEqual("call_closure: expected a closure, got int64 1", _f.Fails("call_closure", I(1)).Message);
        Assert.AreEqual("call_closure expects at least 1 argument, got 0", _f.Fails("call_closure").Message);
        var entry = _f.Fails("call_closure", _f.Call("create_closure", S("f")));
        Assert.AreEqual("call_closure: must be called from a program function, not as the entry", entry.Message);
    }

    [TestMethod]
    public void GetUpvalueReadsADeclaredUpvalueOfAPlainCall()
    {
        var outer = Function("outer", ["start"], [], Call("inner"), Ret(0));
        var inner = Function("inner", [], ["start"], Ldi(1, Start), Push(1), Call("get_upvalue"), Ret(0));
        _f.Load(Constants, outer, inner);

        Assert.AreEqual(I(7), _f.Vm.Execute("outer", I(7)));
    }

    [TestMethod]
    public void UpvalueAccessFailsOutsideAFrameThatHasIt()
    {
        var get = _f.Fails("get_upvalue", S("x"));
        Assert.AreEqual(VmErrorKind.UpvalueNotFound, get.Kind);
        Assert.AreEqual("get_upvalue: upvalue 'x' not found in the current frame", get.Message);
        Assert.AreEqual("set_upvalue: upvalue 'x' not found in the current frame", _f.Fails("set_upvalue", S("x"), I(1)).Message);
    }

    [TestMethod]
    public void UpvalueBuiltinsCheckTheirArguments()
    {
        Assert.AreEqual("get_upvalue expects 1 argument, got 0", _f.Fails("get_upvalue").Message);
        Assert.AreEqual("get_upvalue: expected a string, got int64 1", _f.Fails("get_upvalue", I(1)).Message);
        Assert.AreEqual("set_upvalue expects at least 2 arguments, got 1", _f.Fails("set_upvalue", S("x")).Message);
        Assert.AreEqual("set_upvalue: expected a string, got nil ()", _f.Fails("set_upvalue", Value.Unit, I(1)).Message);
    }
}
