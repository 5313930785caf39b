using Stoffel.Debugger.Engine;
using Stoffel.Vm.Values;

namespace Stoffel.Debugger.Tests.Engine;

/// <summary>Step back and reverse continue by replay: exact locations and register values, hit counts, output.</summary>
[TestClass]
public sealed class ReverseExecutionTests
{
    private static readonly string Fib = TestPrograms.Example("fib.stfa");

    // Prints 1 … 10; line 7 is the loop body's first line, where r1 is the iteration (1-based).
    private const string LoopSource = """
        .function main()
            LDI r1, 0
            LDI r2, 1
            LDI r3, 10
        loop:
            ADD r1, r1, r2
            PUSHARG r1
            CALL print
            CMP r1, r3
            JMPLT loop
            RET r1
        .end
        """;

    [TestMethod]
    [Timeout(30_000, CooperativeCancellation = true)]
    public async Task StepBackRetracesLineStepsWithTheRegistersAsTheyWere()
    {
        using var session = TestPrograms.Launch(Fib);
        session.Start("fib", [Value.FromI64(2)], stopOnEntry: true);
        var forward = new List<string> { Snapshot(session, await session.NextStop()) };
        async Task Forward(Func<bool> step)
        {
            Assert.IsTrue(step());
            forward.Add(Snapshot(session, await session.NextStop()));
        }
        for (var i = 0; i < 7; i++)
        {
            await Forward(() => session.StepIn()); // fib:13 … 19
        }
        await Forward(() => session.StepIn()); // into fib(1): fib:12@2
        await Forward(() => session.StepIn()); // fib:13@2
        Assert.AreEqual("fib:13@2", Where(session.CurrentStop!));

        // Back through the callee into the caller's call line, then line by line to the entry.
        var back = new List<string>();
        for (var i = 0; i < 9; i++)
        {
            Assert.IsTrue(session.StepBack());
            var stop = await session.NextStop();
            Assert.AreEqual(StopReason.Step, stop.Reason);
            back.Add(Snapshot(session, stop));
        }
        forward.Reverse();
        CollectionAssert.AreEqual(forward.Skip(1).ToArray(), back);

        // At the start of the run step back stays there.
        Assert.AreEqual(0, session.Vm.Inspector.InstructionsExecuted);
        Assert.IsTrue(session.StepBack());
        var first = await session.NextStop();
        Assert.AreEqual("fib:12@1", Where(first));
        Assert.AreEqual(StopReason.Step, first.Reason);
        Assert.AreEqual(0, session.Vm.Inspector.InstructionsExecuted);

        // Forward execution from a replayed stop runs to the same end.
        session.Continue();
        Assert.AreEqual(Value.FromI64(1), (await session.Exit()).Result);
    }

    [TestMethod]
    [Timeout(30_000, CooperativeCancellation = true)]
    public async Task StepBackUndoesStepOversAndStepsBackOverACallAsAWhole()
    {
        using var session = TestPrograms.Launch(Fib);
        session.SetLineBreakpoints(Fib, [new LineBreakpointSpec(20, Condition: "n == 2")]);
        session.Start("fib", [Value.FromI64(2)]);
        var forward = new List<string> { Snapshot(session, await session.NextStop()) };
        Assert.AreEqual("fib:20@1", Where(session.CurrentStop!));
        for (var i = 0; i < 6; i++)
        {
            Assert.IsTrue(session.StepOver()); // 21 … 24, over fib(0) to 25, 26
            forward.Add(Snapshot(session, await session.NextStop()));
        }
        StringAssert.StartsWith(forward[^1], "fib:26@1");

        var back = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            Assert.IsTrue(session.StepBack());
            back.Add(Snapshot(session, await session.NextStop()));
        }
        forward.Reverse();
        Assert.AreEqual(string.Join("\n", forward.Skip(1)), string.Join("\n", back));
        Assert.AreEqual("1", session.Evaluate("r0").Value, "fib(1), before MOV r4, r0");
        Assert.AreEqual("()", session.Evaluate("r4").Value);

        // fib:20 follows the return from fib(1); stepping back skips the callee to the call's line.
        Assert.IsTrue(session.StepBack());
        Assert.AreEqual("fib:19@1", Where(await session.NextStop()));
        Assert.AreEqual("1", session.Evaluate("r2").Value, "the argument n - 1 of the call");
        session.Terminate();
        await session.Exit();
    }

    [TestMethod]
    [Timeout(30_000, CooperativeCancellation = true)]
    public async Task InstructionStepBackMovesExactlyOneInstruction()
    {
        using var session = TestPrograms.Launch(Fib);
        session.SetLineBreakpoints(Fib, [new LineBreakpointSpec(12, Condition: "n == 18")]);
        session.Start();
        Assert.AreEqual("fib:12@4", Where(await session.NextStop()));
        var position = session.Vm.Inspector.InstructionsExecuted;

        Assert.IsTrue(session.StepBack(StepGranularity.Instruction));
        var stop = await session.NextStop();
        Assert.AreEqual("fib:19@3", Where(stop), "the CALL that entered fib(18)");
        Assert.AreEqual(7, stop.Location.InstructionIndex);
        Assert.AreEqual(position - 1, session.Vm.Inspector.InstructionsExecuted);
        Assert.AreEqual("18", session.Evaluate("r2").Value);

        Assert.IsTrue(session.StepBack(StepGranularity.Instruction));
        Assert.AreEqual("fib:18@3", Where(await session.NextStop()));
        Assert.AreEqual(position - 2, session.Vm.Inspector.InstructionsExecuted);

        Assert.IsTrue(session.StepIn(StepGranularity.Instruction));
        Assert.AreEqual("fib:19@3", Where(await session.NextStop()));
        Assert.AreEqual(position - 1, session.Vm.Inspector.InstructionsExecuted);
        session.SetLineBreakpoints(Fib, []);
        session.Continue();
        Assert.AreEqual(Value.FromI64(6765), (await session.Exit()).Result);
    }

    [TestMethod]
    [Timeout(30_000, CooperativeCancellation = true)]
    public async Task ReverseContinueLandsOnThePreviousHitWithoutPrintingAgain()
    {
        var path = TestPrograms.WriteScript(LoopSource);
        var output = new StringWriter();
        using var session = TestPrograms.Launch(path, TextWriter.Synchronized(output));
        var bp = session.SetLineBreakpoints(path, [new LineBreakpointSpec(7)]).Single();
        session.Start();
        Assert.AreEqual("1", await Counter(session));
        for (var i = 0; i < 4; i++)
        {
            session.Continue();
            await session.NextStop();
        }
        Assert.AreEqual("5", session.Evaluate("r1").Value);
        Assert.AreEqual("1\n2\n3\n4\n", output.ToString());

        Assert.IsTrue(session.ReverseContinue());
        var stop = await session.NextStop();
        Assert.AreEqual(StopReason.Breakpoint, stop.Reason);
        CollectionAssert.AreEqual(new[] { bp.Id }, stop.HitBreakpointIds.ToArray());
        Assert.AreEqual("main:7", stop.Where());
        Assert.AreEqual("4", session.Evaluate("r1").Value);
        Assert.AreEqual("1\n2\n3\n4\n", output.ToString(), "a replay prints nothing");

        Assert.IsTrue(session.ReverseContinue());
        Assert.AreEqual("3", await Counter(session));

        // Forward again: the recorded prints are not made twice; the program prints on from where the first run got to.
        session.SetLineBreakpoints(path, []);
        session.Continue();
        Assert.AreEqual(Value.FromI64(10), (await session.Exit()).Result);
        Assert.AreEqual("1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n", output.ToString());
    }

    [TestMethod]
    [Timeout(30_000, CooperativeCancellation = true)]
    public async Task ReverseContinueHonoursHitCountsAndConditionsAndEndsAtTheEntry()
    {
        var path = TestPrograms.WriteScript(LoopSource);
        using var session = TestPrograms.Launch(path);
        session.SetLineBreakpoints(path, [new LineBreakpointSpec(7, HitCondition: "%2"), new LineBreakpointSpec(9, Condition: "r1 == 7")]);
        session.Start();
        Assert.AreEqual("2", await Counter(session));
        session.Continue();
        Assert.AreEqual("4", await Counter(session));
        session.Continue();
        Assert.AreEqual("6", await Counter(session));
        session.Continue();
        Assert.AreEqual("main:9", (await session.NextStop()).Where());
        Assert.AreEqual("7", session.Evaluate("r1").Value);

        session.ReverseContinue();
        Assert.AreEqual("6", await Counter(session));
        session.ReverseContinue();
        Assert.AreEqual("4", await Counter(session));
        session.ReverseContinue();
        Assert.AreEqual("2", await Counter(session));
        session.ReverseContinue();
        var entry = await session.NextStop();
        Assert.AreEqual(StopReason.Entry, entry.Reason);
        Assert.AreEqual("main:2", entry.Where());
        Assert.AreEqual(0, session.Vm.Inspector.InstructionsExecuted);

        // Hit counts restart with the run: the next stop is the second iteration again.
        session.Continue();
        Assert.AreEqual("2", await Counter(session));
        session.Terminate();
        Assert.AreEqual(1, (await session.Exit()).ExitCode);
    }

    [TestMethod]
    [Timeout(30_000, CooperativeCancellation = true)]
    public async Task StepBackFromAnExceptionStopGoesToTheFailingInstruction()
    {
        var error = TestPrograms.Example("error.stfa");
        using var session = TestPrograms.Launch(error);
        session.SetExceptionBreakpoints(stopOnErrors: true);
        session.Start();
        var stop = await session.NextStop();
        Assert.AreEqual(StopReason.Exception, stop.Reason);
        Assert.AreEqual("ratio:21", stop.Where());

        session.StepBack(StepGranularity.Instruction);
        stop = await session.NextStop();
        Assert.AreEqual(StopReason.Step, stop.Reason);
        Assert.AreEqual("ratio:21", stop.Where(), "before the DIV runs");
        session.StepBack();
        Assert.AreEqual("ratio:20", (await session.NextStop()).Where());
        session.Continue();
        Assert.AreEqual(StopReason.Exception, (await session.NextStop()).Reason);
        session.Continue();
        Assert.AreEqual(1, (await session.Exit()).ExitCode);
    }

    [TestMethod]
    [Timeout(30_000, CooperativeCancellation = true)]
    public async Task StepBackFromADataBreakpointGoesToBeforeTheWrite()
    {
        var path = TestPrograms.WriteScript(LoopSource);
        using var session = TestPrograms.Launch(path);
        session.SetDataBreakpoints([new DataBreakpointSpec("register:1:main")]);
        session.Start();
        Assert.AreEqual("main:2", (await session.NextStop()).Where(), "LDI r1, 0");
        session.Continue();
        var stop = await session.NextStop();
        Assert.AreEqual(StopReason.DataBreakpoint, stop.Reason);
        Assert.AreEqual("main:6", stop.Where());
        Assert.AreEqual("1", session.Evaluate("r1").Value);

        session.StepBack(StepGranularity.Instruction);
        stop = await session.NextStop();
        Assert.AreEqual(StopReason.Step, stop.Reason);
        Assert.AreEqual("main:6", stop.Where());
        Assert.AreEqual("0", session.Evaluate("r1").Value, "the ADD has not run");
        session.StepOver(StepGranularity.Instruction);
        stop = await session.NextStop();
        Assert.AreEqual(StopReason.DataBreakpoint, stop.Reason, "the data breakpoint stops on the write again");
        Assert.AreEqual("1", session.Evaluate("r1").Value);

        session.ReverseContinue();
        stop = await session.NextStop();
        Assert.AreEqual(StopReason.DataBreakpoint, stop.Reason, "the previous write the data breakpoint stopped on");
        Assert.AreEqual("main:2", stop.Where());
        Assert.AreEqual("0", session.Evaluate("r1").Value, "inside LDI r1, 0: after the write");
        session.ReverseContinue();
        Assert.AreEqual(StopReason.Entry, (await session.NextStop()).Reason, "no earlier write: the start of the run");
        session.Terminate();
        await session.Exit();
    }

    [TestMethod]
    [Timeout(30_000, CooperativeCancellation = true)]
    public async Task ASessionOnAHostsVmRefusesToStepBack()
    {
        using var session = TestPrograms.Session(Fib);
        Assert.IsFalse(session.CanReverse(out var reason));
        StringAssert.Contains(reason, "step back needs a recorded run");
        session.Start("fib", [Value.FromI64(2)], stopOnEntry: true);
        await session.NextStop();
        Assert.ThrowsExactly<InvalidOperationException>(() => session.StepBack());
        Assert.ThrowsExactly<InvalidOperationException>(() => session.ReverseContinue());
        Assert.IsNotNull(session.CurrentStop, "still stopped");
        session.Continue();
        Assert.AreEqual(Value.FromI64(1), (await session.Exit()).Result);
    }

    [TestMethod]
    [Timeout(30_000, CooperativeCancellation = true)]
    public async Task TerminateDuringAReplayEndsTheProgramOnce()
    {
        using var session = TestPrograms.Launch(Fib);
        session.SetLineBreakpoints(Fib, [new LineBreakpointSpec(26, Condition: "n == 20")]);
        session.Start();
        await session.NextStop();
        Assert.IsTrue(session.StepBack());
        session.Terminate();
        var exit = await session.Exit();
        Assert.AreEqual(1, exit.ExitCode);
        Assert.IsTrue(session.WaitForExit(TestPrograms.Wait));
        var events = new List<DebugEvent>();
        while (session.Events.TryRead(out var e))
        {
            events.Add(e);
        }
        Assert.AreEqual(1, events.OfType<ExitedEvent>().Count());
        Assert.AreEqual(1, events.OfType<TerminatedEvent>().Count());
    }

    private static async Task<string> Counter(DebugSession session)
    {
        var stop = await session.NextStop();
        Assert.AreEqual("main:7", stop.Where());
        return session.Evaluate("r1").Value;
    }

    private static string Where(StoppedEvent stop) => $"{stop.Location.Function}:{stop.Location.Line}@{stop.Location.CallDepth}";

    /// <summary>Location, instruction and every register of the innermost frame.</summary>
    private static string Snapshot(DebugSession session, StoppedEvent stop)
    {
        var registers = session.GetVariables(session.GetScopes(1)[0].VariablesReference);
        return $"{Where(stop)}#{stop.Location.InstructionIndex} " + string.Join(" ", registers.Select(r => $"{r.Name}={r.Value}"));
    }
}
