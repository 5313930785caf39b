using Stoffel.Debugger.Engine;
using Stoffel.Vm.Hooks;
using Stoffel.Vm.Values;

namespace Stoffel.Debugger.Tests.Engine;

[TestClass]
public sealed class InspectionTests
{
    private static readonly string Collections = TestPrograms.Example("collections.stfa");

    [TestMethod]
    [Timeout(20_000, CooperativeCancellation = true)]
    public async Task ScopesVariablesArraysAndPaging()
    {
        using var session = TestPrograms.Session(Collections);
        session.SetLineBreakpoints(Collections, [new LineBreakpointSpec(43)]);
        session.Start();
        Assert.AreEqual("main:43", (await session.NextStop()).Where());

        var scopes = session.GetScopes(1);
        CollectionAssert.AreEqual(new[] { "Registers", "Locals", "Upvalues", "Argument stack", "VM" }, scopes.Select(s => s.Name).ToArray());
        var registers = session.GetVariables(scopes[0].VariablesReference);
        CollectionAssert.AreEqual(new[] { "r0", "r1", "r2", "r3", "r4", "r5", "r6" }, registers.Select(v => v.Name).ToArray());
        Assert.AreEqual("\"stoffel\"", registers[1].Value);
        Assert.AreEqual("string", registers[1].Type);
        Assert.AreEqual("60", registers[4].Value);
        Assert.AreEqual("int64", registers[4].Type);
        var array = registers[2];
        Assert.AreEqual("[10, 20, 30]", array.Value);
        Assert.AreEqual("array", array.Type);
        Assert.AreEqual(3, array.IndexedVariables);
        Assert.AreNotEqual(0, array.VariablesReference);

        var page = session.GetVariables(array.VariablesReference, VariableFilter.Indexed, 1, 2);
        CollectionAssert.AreEqual(new[] { "1=20", "2=30" }, page.Select(v => $"{v.Name}={v.Value}").ToArray());
        Assert.AreEqual("r2[1]", page[0].EvaluateName);

        var obj = session.GetVariables(registers[6].VariablesReference);
        CollectionAssert.AreEqual(new[] { "name=\"stoffel\"" }, obj.Select(v => $"{v.Name}={v.Value}").ToArray());
        Assert.AreEqual("r6.name", obj[0].EvaluateName);

        var vm = session.GetVariables(scopes[4].VariablesReference);
        CollectionAssert.AreEqual(new[] { "compare flag", "instruction pointer", "function", "call depth", "instructions executed" }, vm.Select(v => v.Name).ToArray());
        Assert.AreEqual("Equal", vm[0].Value);
        Assert.AreEqual("34", vm[1].Value);
        Assert.AreEqual("main", vm[2].Value);
        Assert.AreEqual("1", vm[3].Value);
        Assert.AreEqual(0, session.GetVariables(scopes[3].VariablesReference).Count, "argument stack empty after set_field");

        Assert.AreEqual("30", session.Evaluate("r2[-1]").Value);
        Assert.AreEqual("true", session.Evaluate("r2[1] == 20").Value);
        Assert.AreEqual("false", session.Evaluate("r4 < 60").Value);
        Assert.AreEqual("true", session.Evaluate("r4 <= 60").Value);
        Assert.AreEqual("true", session.Evaluate("r6.name == \"stoffel\"").Value);
        Assert.AreEqual("true", session.Evaluate("r6[\"name\"] != \"x\"").Value);
        Assert.AreEqual("7u8", session.Evaluate("7u8").Value);
        Assert.AreEqual("uint8", session.Evaluate("7u8").Type);
        Assert.AreEqual("true", session.Evaluate("60 == 60.0").Value, "CMP compares numbers of any kinds exactly");
        Assert.ThrowsExactly<EvaluationException>(() => session.Evaluate("r2[3]"));
        Assert.ThrowsExactly<EvaluationException>(() => session.Evaluate("nosuch"));
        Assert.ThrowsExactly<EvaluationException>(() => session.Evaluate("r4 < \"x\""));
        Assert.ThrowsExactly<EvaluationException>(() => session.Evaluate("r4 +"));
        Assert.ThrowsExactly<EvaluationException>(() => session.Evaluate("r4 ="));

        session.Continue();
        await session.Exit();
    }

    [TestMethod]
    [Timeout(20_000, CooperativeCancellation = true)]
    public async Task SetVariableChangesRegistersElementsAndFields()
    {
        using var session = TestPrograms.Session(Collections);
        session.SetLineBreakpoints(Collections, [new LineBreakpointSpec(48)]);
        session.Start();
        await session.NextStop();
        var registers = session.GetScopes(1)[0].VariablesReference;
        var array = session.GetVariables(registers)[2].VariablesReference;
        Assert.AreEqual("99", session.SetVariable(array, "2", "99").Value);
        var obj = session.GetVariables(registers)[6].VariablesReference;
        Assert.AreEqual("\"debugger\"", session.SetVariable(obj, "name", "\"debugger\"").Value);
        Assert.AreEqual("5u8", session.SetVariable(registers, "r4", "5u8").Value);
        Assert.AreEqual("5u8", session.Evaluate("r4").Value);
        Assert.ThrowsExactly<EvaluationException>(() => session.SetVariable(registers, "r4", "not a literal"));
        Assert.ThrowsExactly<EvaluationException>(() => session.SetVariable(registers, "r99", "1"));
        session.Continue();
        var exit = await session.Exit();
        Assert.AreEqual(Value.FromI64(99), exit.Result, "get_field(array, -1) reads the element we set");
        var output = BreakpointTests.Drain(session).OfType<OutputEvent>().Where(o => o.Category == "stdout").Select(o => o.Text).ToArray();
        CollectionAssert.AreEqual(new[] { "[10, 20, 99] {name: debugger, total: 60}\n" }, output);
    }

    [TestMethod]
    [Timeout(20_000, CooperativeCancellation = true)]
    public async Task SetVariableFiresTheWriteEventsHooksAndDataBreakpointsRelyOn()
    {
        using var session = TestPrograms.Session(Collections);
        var writes = new List<HookEvent>();
        session.Vm.Hooks.Register(HookEventMask.RegisterWrite | HookEventMask.ArrayElementWrite | HookEventMask.ObjectFieldWrite,
            (in HookEvent e, HookContext _) => writes.Add(e));
        session.SetLineBreakpoints(Collections, [new LineBreakpointSpec(48)]);
        session.Start();
        await session.NextStop();
        var registers = session.GetScopes(1)[0].VariablesReference;
        // A data breakpoint on the register the user sets: the user's own write does not stop the stopped VM.
        session.SetDataBreakpoints([new DataBreakpointSpec(session.GetDataBreakpointInfo(registers, "r4").DataId!)]);
        writes.Clear();

        session.SetVariable(registers, "r4", "5u8");
        session.SetVariable(session.GetVariables(registers)[2].VariablesReference, "2", "99");
        session.SetVariable(session.GetVariables(registers)[6].VariablesReference, "name", "\"debugger\"");

        var log = writes.Select(e => e.Kind == HookEventKind.RegisterWrite
            ? $"{e.Function!.Name} frame {e.FrameIndex} r{e.Register}: {e.OldValue} -> {e.NewValue}"
            : $"{e.Kind} {e.Key}: {e.OldValue} -> {e.NewValue}").ToArray();
        CollectionAssert.AreEqual(new[]
        {
            "main frame 0 r4: 60 -> 5u8",
            "ArrayElementWrite 2: 30 -> 99",
            "ObjectFieldWrite name: stoffel -> debugger",
        }, log);
        Assert.AreEqual(StopReason.Breakpoint, session.CurrentStop!.Reason, "still the same stop");
        session.SetDataBreakpoints([]);
        session.Continue();
        Assert.AreEqual(Value.FromI64(99), (await session.Exit()).Result);
    }

    [TestMethod]
    [Timeout(20_000, CooperativeCancellation = true)]
    public async Task SetVariableInACallerFrameReportsThatFrame()
    {
        var fib = TestPrograms.Example("fib.stfa");
        using var session = TestPrograms.Session(fib);
        var writes = new List<HookEvent>();
        session.Vm.Hooks.Register(HookEventMask.RegisterWrite, (in HookEvent e, HookContext _) => writes.Add(e));
        session.SetLineBreakpoints(fib, [new LineBreakpointSpec(13)]);
        session.Start();
        await session.NextStop();
        writes.Clear();

        var mainRegisters = session.GetScopes(2)[0].VariablesReference;
        session.SetVariable(mainRegisters, "r1", "21");

        var write = writes.Single();
        Assert.AreEqual(1, write.FrameIndex, "frame id 2 is one frame out");
        Assert.AreEqual("main", write.Function!.Name);
        Assert.AreEqual(2, write.InstructionIndex, "main's CALL");
        Assert.AreEqual(2, write.CallDepth);
        Assert.AreEqual((1, Value.FromI64(20), Value.FromI64(21)), (write.Register, write.OldValue, write.NewValue));
        Assert.AreEqual("21", session.Evaluate("r1", frameId: 2).Value);
        session.SetLineBreakpoints(fib, []);
        session.Continue();
        await session.Exit();
    }

    [TestMethod]
    [Timeout(20_000, CooperativeCancellation = true)]
    public async Task LocalsAndUpvaluesOfAClosureFrame()
    {
        var closures = TestPrograms.Example("closures.stfa");
        using var session = TestPrograms.Session(closures);
        session.SetLineBreakpoints(closures, [new LineBreakpointSpec(26)]);
        session.Start();
        var stop = await session.NextStop();
        Assert.AreEqual("increment:26", stop.Where());
        var scopes = session.GetScopes(1);
        var upvalues = session.GetVariables(scopes.Single(s => s.Name == "Upvalues").VariablesReference);
        CollectionAssert.AreEqual(new[] { "count=11" }, upvalues.Select(v => $"{v.Name}={v.Value}").ToArray());
        Assert.AreEqual("11", session.Evaluate("count").Value);
        var frames = session.GetStackTrace();
        CollectionAssert.AreEqual(new[] { "increment", "main" }, frames.Select(f => f.Name).ToArray());
        var closure = session.Evaluate("r3", frameId: 2);
        Assert.AreEqual("function", closure.Type);
        Assert.AreEqual("Function(increment)", closure.Value);
        session.Terminate();
        await session.Exit();
    }

    [TestMethod]
    [Timeout(20_000, CooperativeCancellation = true)]
    public async Task InspectionNeedsAStoppedVm()
    {
        using var session = TestPrograms.Session(TestPrograms.Example("fib.stfa"));
        Assert.ThrowsExactly<NotStoppedException>(() => session.GetStackTrace());
        session.Start(stopOnEntry: true);
        await session.NextStop();
        var scopes = session.GetScopes(1);
        session.Continue();
        Assert.IsFalse(session.Continue(), "not stopped any more");
        await session.Exit();
        Assert.ThrowsExactly<NotStoppedException>(() => session.GetVariables(scopes[0].VariablesReference));
        Assert.ThrowsExactly<NotStoppedException>(() => session.Evaluate("r0"));
    }
}
