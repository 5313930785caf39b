using Stoffel.Debugger.Engine;
using Stoffel.Vm.Values;

namespace Stoffel.Debugger.Tests.Engine;

[TestClass]
public sealed class BreakpointTests
{
    private static readonly string Fib = TestPrograms.Example("fib.stfa");

    [TestMethod]
    [Timeout(20_000, CooperativeCancellation = true)]
    public async Task LineBreakpointStopsBeforeTheInstructionEachTimeItIsReached()
    {
        using var session = TestPrograms.Session(Fib);
        var results = session.SetLineBreakpoints(Fib, [new LineBreakpointSpec(12)]);
        Assert.IsTrue(results[0].Verified);
        Assert.AreEqual(12, results[0].Line);
        Assert.IsNull(results[0].Message);
        session.Start();

        var stop = await session.NextStop();
        Assert.AreEqual(StopReason.Breakpoint, stop.Reason);
        Assert.AreEqual("fib:12", stop.Where());
        CollectionAssert.AreEqual(new[] { results[0].Id }, stop.HitBreakpointIds.ToArray());
        Assert.AreEqual(2, stop.Location.CallDepth);
        Assert.AreEqual("20", session.Evaluate("n").Value);
        Assert.AreEqual("()", session.Evaluate("r3").Value, "MOV r3, r0 has not run yet");

        session.Continue();
        stop = await session.NextStop();
        Assert.AreEqual("19", session.Evaluate("n").Value);
        Assert.AreEqual(3, stop.Location.CallDepth);

        session.SetLineBreakpoints(Fib, []);
        session.Continue();
        var exit = await session.Exit();
        Assert.AreEqual(0, exit.ExitCode);
        Assert.AreEqual(Value.FromI64(6765), exit.Result);
    }

    [TestMethod]
    public void BreakpointsMoveToTheNextInstructionLineOrAreUnverified()
    {
        using var session = TestPrograms.Session(Fib);
        var results = session.SetLineBreakpoints(Fib, [
            new LineBreakpointSpec(11), // `.function fib(n)` → first instruction
            new LineBreakpointSpec(27), // `base:` label → RET r3
            new LineBreakpointSpec(10), // blank line between functions
            new LineBreakpointSpec(9),  // `.end` of main: no instruction after it in main
            new LineBreakpointSpec(1),  // header comment
            new LineBreakpointSpec(500),
        ]);
        Assert.IsTrue(results[0].Verified);
        Assert.AreEqual(12, results[0].Line);
        StringAssert.Contains(results[0].Message, "moved from line 11 to line 12");
        Assert.IsTrue(results[1].Verified);
        Assert.AreEqual(28, results[1].Line);
        Assert.IsFalse(results[2].Verified);
        StringAssert.Contains(results[2].Message, "outside any function");
        Assert.IsFalse(results[3].Verified);
        StringAssert.Contains(results[3].Message, "no instruction at or after line 9");
        Assert.IsFalse(results[4].Verified);
        Assert.IsFalse(results[5].Verified);
        Assert.AreEqual(6, results.Select(r => r.Id).Distinct().Count());
    }

    [TestMethod]
    public void BreakpointsInAnUnloadedSourceAreUnverified()
    {
        using var session = TestPrograms.Session(Fib);
        var result = session.SetLineBreakpoints(TestPrograms.Example("error.stfa"), [new LineBreakpointSpec(21)]).Single();
        Assert.IsFalse(result.Verified);
        StringAssert.Contains(result.Message, "no loaded program");
    }

    [TestMethod]
    [Timeout(20_000, CooperativeCancellation = true)]
    public async Task ConditionalBreakpointStopsOnlyWhenTheConditionHolds()
    {
        using var session = TestPrograms.Session(Fib);
        session.SetLineBreakpoints(Fib, [new LineBreakpointSpec(12, Condition: "n == 3")]);
        session.Start();
        var stop = await session.NextStop();
        Assert.AreEqual("fib:12", stop.Where());
        Assert.AreEqual("3", session.Evaluate("n").Value);
        Assert.AreEqual(19, stop.Location.CallDepth, "the first n == 3 is fib(20) → … → fib(3), 18 calls deep");

        session.SetLineBreakpoints(Fib, [new LineBreakpointSpec(12, Condition: "r0 < 2")]);
        session.Continue();
        stop = await session.NextStop();
        Assert.AreEqual("1", session.Evaluate("n").Value);
        session.Terminate();
        Assert.AreEqual(1, (await session.Exit()).ExitCode);
    }

    [TestMethod]
    [Timeout(20_000, CooperativeCancellation = true)]
    public async Task HitConditionsCountHits()
    {
        using var session = TestPrograms.Session(Fib);
        session.SetLineBreakpoints(Fib, [new LineBreakpointSpec(12, HitCondition: "3")]);
        session.Start();
        await session.NextStop();
        Assert.AreEqual("18", session.Evaluate("n").Value, "3rd call: fib(20), fib(19), fib(18)");

        session.SetLineBreakpoints(Fib, [new LineBreakpointSpec(12, HitCondition: "%2")]);
        session.Continue();
        await session.NextStop();
        Assert.AreEqual("16", session.Evaluate("n").Value, "new breakpoints count from 0: fib(17) is hit 1, fib(16) hit 2");
        session.Continue();
        await session.NextStop();
        Assert.AreEqual("14", session.Evaluate("n").Value);

        session.SetLineBreakpoints(Fib, [new LineBreakpointSpec(12, HitCondition: ">=2")]);
        session.Continue();
        await session.NextStop();
        Assert.AreEqual("12", session.Evaluate("n").Value);
        session.Terminate();
        await session.Exit();
    }

    [TestMethod]
    public void BadHitConditionIsUnverified()
    {
        using var session = TestPrograms.Session(Fib);
        var result = session.SetLineBreakpoints(Fib, [new LineBreakpointSpec(12, HitCondition: "sometimes")]).Single();
        Assert.IsFalse(result.Verified);
        StringAssert.Contains(result.Message, "invalid hit condition");
    }

    [TestMethod]
    [Timeout(20_000, CooperativeCancellation = true)]
    public async Task LogPointsLogWithoutStopping()
    {
        var closures = TestPrograms.Example("closures.stfa");
        using var session = TestPrograms.Session(closures);
        session.SetLineBreakpoints(closures, [new LineBreakpointSpec(20, LogMessage: "count is {r0}, {{literal}}")]);
        session.Start();
        var exit = await session.Exit();
        Assert.AreEqual(Value.FromI64(13), exit.Result);
        var events = Drain(session);
        Assert.IsFalse(events.OfType<StoppedEvent>().Any());
        CollectionAssert.AreEqual(
            new[] { "count is 10, {literal}\n", "count is 11, {literal}\n", "count is 12, {literal}\n" },
            events.OfType<OutputEvent>().Where(o => o.Category == "console" && o.Text.StartsWith("count")).Select(o => o.Text).ToArray());
        CollectionAssert.AreEqual(new[] { "11\n", "12\n" }, events.OfType<OutputEvent>().Where(o => o.Category == "stdout").Select(o => o.Text).ToArray());
        Assert.IsTrue(events.OfType<OutputEvent>().Any(o => o.Text == "main returned 13\n"));
        Assert.IsInstanceOfType<TerminatedEvent>(events[^1]);
        Assert.IsInstanceOfType<ExitedEvent>(events[^2]);
    }

    [TestMethod]
    [Timeout(20_000, CooperativeCancellation = true)]
    public async Task FunctionBreakpointStopsAtTheFirstInstruction()
    {
        var error = TestPrograms.Example("error.stfa");
        using var session = TestPrograms.Session(error);
        var results = session.SetFunctionBreakpoints([new FunctionBreakpointSpec("ratio"), new FunctionBreakpointSpec("nope")]);
        Assert.IsTrue(results[0].Verified);
        Assert.AreEqual(19, results[0].Line);
        Assert.IsFalse(results[1].Verified);
        session.Start();
        var stop = await session.NextStop();
        Assert.AreEqual(StopReason.FunctionBreakpoint, stop.Reason);
        Assert.AreEqual("ratio:19", stop.Where());
        CollectionAssert.AreEqual(new[] { results[0].Id }, stop.HitBreakpointIds.ToArray());
        Assert.AreEqual("10", session.Evaluate("a").Value);
        Assert.AreEqual("0", session.Evaluate("b").Value);
        session.Continue();
        Assert.AreEqual(1, (await session.Exit()).ExitCode);
    }

    [TestMethod]
    [Timeout(20_000, CooperativeCancellation = true)]
    public async Task ExceptionBreakpointStopsWithTheFailingFrameIntact()
    {
        var error = TestPrograms.Example("error.stfa");
        using var session = TestPrograms.Session(error);
        session.SetExceptionBreakpoints(true);
        session.Start();
        var stop = await session.NextStop();
        Assert.AreEqual(StopReason.Exception, stop.Reason);
        Assert.AreEqual("ratio:21", stop.Where());
        StringAssert.Contains(stop.Description, "division by zero");
        var info = session.GetExceptionInfo()!;
        Assert.AreEqual("DivisionByZero", info.Kind);
        StringAssert.Contains(info.Message, "division by zero");
        StringAssert.Contains(info.StackTrace, "at main");
        var frames = session.GetStackTrace();
        CollectionAssert.AreEqual(new[] { "ratio:21", "main:13" }, frames.Select(f => $"{f.Name}:{f.Line}").ToArray());
        Assert.AreEqual("0", session.Evaluate("r3").Value);
        session.Continue();
        var exit = await session.Exit();
        Assert.AreEqual(1, exit.ExitCode);
        Assert.IsTrue(Drain(session).OfType<OutputEvent>().Any(o => o.Category == "stderr" && o.Text.Contains("division by zero")));
    }

    [TestMethod]
    [Timeout(20_000, CooperativeCancellation = true)]
    public async Task WithoutTheErrorsFilterAnErrorEndsTheRun()
    {
        using var session = TestPrograms.Session(TestPrograms.Example("error.stfa"));
        session.Start();
        Assert.AreEqual(1, (await session.Exit()).ExitCode);
        Assert.IsFalse(Drain(session).OfType<StoppedEvent>().Any());
    }

    [TestMethod]
    [Timeout(20_000, CooperativeCancellation = true)]
    public async Task DataBreakpointOnARegisterStopsAfterTheWrite()
    {
        using var session = TestPrograms.Session(Fib);
        session.Start(stopOnEntry: true);
        var stop = await session.NextStop();
        Assert.AreEqual(StopReason.Entry, stop.Reason);
        Assert.AreEqual("main:5", stop.Where());
        var registers = session.GetScopes(1).Single(s => s.Name == "Registers");
        // A data breakpoint set while stopped watches writes from the next instruction on; main's
        // r0 is written when fib returns into it.
        var target = session.GetDataBreakpointInfo(registers.VariablesReference, "r0");
        Assert.AreEqual("r0 in main", target.Description);
        var result = session.SetDataBreakpoints([new DataBreakpointSpec(target.DataId!)]).Single();
        Assert.IsTrue(result.Verified);

        session.Continue();
        stop = await session.NextStop();
        Assert.AreEqual(StopReason.DataBreakpoint, stop.Reason);
        Assert.AreEqual("main:7", stop.Where(), "the stop shows the CALL whose result was written");
        CollectionAssert.AreEqual(new[] { result.Id }, stop.HitBreakpointIds.ToArray());
        Assert.AreEqual("6765", session.Evaluate("r0").Value);
        StringAssert.Contains(stop.Description, "r0 changed from () to 6765");

        session.StepOver();
        Assert.AreEqual("main:8", (await session.NextStop()).Where());
        session.SetDataBreakpoints([]);
        session.Continue();
        Assert.AreEqual(0, (await session.Exit()).ExitCode);
    }

    [TestMethod]
    [Timeout(20_000, CooperativeCancellation = true)]
    public async Task DataBreakpointOnAnObjectFieldStopsAfterTheWrite()
    {
        var path = TestPrograms.WriteScript("""
            .function main()
                CALL create_object
                MOV r1, r0
                PUSHARG r1
                LDI r2, "count"
                PUSHARG r2
                LDI r3, 1
                PUSHARG r3
                CALL set_field
                PUSHARG r1
                LDI r2, "count"
                PUSHARG r2
                LDI r3, 2
                PUSHARG r3
                CALL set_field
                RET r3
            .end
            """);
        using var session = TestPrograms.Session(path);
        session.SetLineBreakpoints(path, [new LineBreakpointSpec(10)]);
        session.Start();
        Assert.AreEqual("main:10", (await session.NextStop()).Where());
        var obj = session.Evaluate("r1");
        Assert.AreEqual("{count: 1}", obj.Value);
        Assert.AreEqual("object", obj.Type);
        var target = session.GetDataBreakpointInfo(obj.VariablesReference, "count");
        StringAssert.StartsWith(target.DataId, "field:");
        session.SetDataBreakpoints([new DataBreakpointSpec(target.DataId!)]);
        session.SetLineBreakpoints(path, []);

        session.Continue();
        var stop = await session.NextStop();
        Assert.AreEqual(StopReason.DataBreakpoint, stop.Reason);
        Assert.AreEqual("main:15", stop.Where());
        Assert.AreEqual("2", session.Evaluate("r1.count").Value);
        Assert.AreEqual("true", session.Evaluate("r1.count == 2").Value);
        session.Continue();
        Assert.AreEqual(0, (await session.Exit()).ExitCode);
    }

    internal static List<DebugEvent> Drain(DebugSession session)
    {
        var events = new List<DebugEvent>();
        while (session.Events.TryRead(out var e))
        {
            events.Add(e);
        }
        return events;
    }
}
