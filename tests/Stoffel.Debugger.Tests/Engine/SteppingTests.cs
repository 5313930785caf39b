using Stoffel.Debugger.Engine;
using Stoffel.Vm.Values;

namespace Stoffel.Debugger.Tests.Engine;

/// <summary>Exact stop sequences (function:line@depth), as Jint's debugger tests assert them.</summary>
[TestClass]
public sealed class SteppingTests
{
    private static readonly string Fib = TestPrograms.Example("fib.stfa");

    [TestMethod]
    [Timeout(20_000, CooperativeCancellation = true)]
    [DataRow(StepGranularity.Line)]
    [DataRow(StepGranularity.Instruction)]
    public async Task StepInOverAndAcrossCallsAndReturns(StepGranularity granularity)
    {
        using var session = TestPrograms.Session(Fib);
        session.Start("fib", [Value.FromI64(2)], stopOnEntry: true);
        var trace = new List<string> { Where(await session.NextStop()) };
        async Task Do(Func<bool> step)
        {
            Assert.IsTrue(step());
            trace.Add(Where(await session.NextStop()));
        }

        for (var i = 0; i < 8; i++)
        {
            await Do(() => session.StepIn(granularity)); // 13 … 19, then into fib(1)
        }
        for (var i = 0; i < 4; i++)
        {
            await Do(() => session.StepIn(granularity)); // 13, 14, 15, base: RET r3; then back in the caller
        }
        await Do(() => session.StepIn(granularity));
        for (var i = 0; i < 6; i++)
        {
            await Do(() => session.StepOver(granularity)); // 21 … 24, over fib(0) to 25, 26
        }
        CollectionAssert.AreEqual(new[]
        {
            "fib:12@1", "fib:13@1", "fib:14@1", "fib:15@1", "fib:16@1", "fib:17@1", "fib:18@1", "fib:19@1",
            "fib:12@2", "fib:13@2", "fib:14@2", "fib:15@2", "fib:28@2",
            "fib:20@1", "fib:21@1", "fib:22@1", "fib:23@1", "fib:24@1", "fib:25@1", "fib:26@1",
        }, trace);

        session.StepOver(granularity); // returns from the entry frame: the program ends
        var exit = await session.Exit();
        Assert.AreEqual(Value.FromI64(1), exit.Result);
    }

    [TestMethod]
    [Timeout(20_000, CooperativeCancellation = true)]
    public async Task StepOutStopsAtTheCallersNextInstruction()
    {
        using var session = TestPrograms.Session(Fib);
        session.SetLineBreakpoints(Fib, [new LineBreakpointSpec(12)]);
        session.Start();
        Assert.AreEqual("fib:12@2", Where(await session.NextStop()));
        session.SetLineBreakpoints(Fib, []);
        session.StepOut();
        Assert.AreEqual("main:8@1", Where(await session.NextStop()));
        Assert.AreEqual("6765", session.Evaluate("r0").Value);
        session.StepOut();
        Assert.AreEqual(0, (await session.Exit()).ExitCode);
    }

    [TestMethod]
    [Timeout(20_000, CooperativeCancellation = true)]
    public async Task StepOverARecursiveCallStaysInTheSameFrame()
    {
        using var session = TestPrograms.Session(Fib);
        session.SetLineBreakpoints(Fib, [new LineBreakpointSpec(19)]);
        session.Start();
        Assert.AreEqual("fib:19@2", Where(await session.NextStop()));
        session.SetLineBreakpoints(Fib, []);
        session.StepOver();
        Assert.AreEqual("fib:20@2", Where(await session.NextStop()));
        Assert.AreEqual("4181", session.Evaluate("r0").Value, "fib(19)");
        Assert.AreEqual("20", session.Evaluate("n").Value);
        session.StepOver();
        Assert.AreEqual("fib:21@2", Where(await session.NextStop()));
        session.Terminate();
        await session.Exit();
    }

    [TestMethod]
    [Timeout(20_000, CooperativeCancellation = true)]
    public async Task StepOutOfADeepFrame()
    {
        using var session = TestPrograms.Session(Fib);
        session.SetLineBreakpoints(Fib, [new LineBreakpointSpec(12, Condition: "n == 15")]);
        session.Start();
        var stop = await session.NextStop();
        Assert.AreEqual("fib:12@7", Where(stop));
        var frames = session.GetStackTrace();
        Assert.AreEqual(7, frames.Count);
        CollectionAssert.AreEqual(new[] { 12, 19, 19, 19, 19, 19, 7 }, frames.Select(f => f.Line).ToArray());
        Assert.AreEqual("16", session.Evaluate("n", frameId: 2).Value);
        session.SetLineBreakpoints(Fib, []);

        session.StepOut();
        Assert.AreEqual("fib:20@6", Where(await session.NextStop()));
        Assert.AreEqual("610", session.Evaluate("r0").Value, "fib(15)");
        Assert.AreEqual("16", session.Evaluate("n").Value);
        session.StepOut();
        Assert.AreEqual("fib:20@5", Where(await session.NextStop()));
        Assert.AreEqual("17", session.Evaluate("n").Value);
        session.Terminate();
        await session.Exit();
    }

    [TestMethod]
    [Timeout(20_000, CooperativeCancellation = true)]
    public async Task ABreakpointHitWhileSteppingReportsBreakpoint()
    {
        using var session = TestPrograms.Session(Fib);
        var bp = session.SetLineBreakpoints(Fib, [new LineBreakpointSpec(12)]).Single();
        session.Start(stopOnEntry: true);
        Assert.AreEqual(StopReason.Entry, (await session.NextStop()).Reason);
        session.StepOver();
        Assert.AreEqual("main:6@1", Where(await session.NextStop()));
        session.StepOver();
        var stop = await session.NextStop();
        Assert.AreEqual("main:7@1", Where(stop));
        session.StepOver(); // over CALL fib, but the breakpoint inside wins
        stop = await session.NextStop();
        Assert.AreEqual(StopReason.Breakpoint, stop.Reason);
        Assert.AreEqual("fib:12@2", Where(stop));
        CollectionAssert.AreEqual(new[] { bp.Id }, stop.HitBreakpointIds.ToArray());
        session.Terminate();
        await session.Exit();
    }

    [TestMethod]
    public void LineStepsSkipInstructionsOfTheSameLineButInstructionStepsDoNot()
    {
        var line = new StepController();
        line.Begin(StepKind.Over, StepGranularity.Line, new StopLocation("f", 0, 10, 1));
        Assert.IsFalse(line.ShouldStop(1, 10, 1), "same line");
        Assert.IsFalse(line.ShouldStop(2, 30, 0), "deeper frame while stepping over");
        Assert.IsFalse(line.ShouldStop(1, 0, 2), "unknown line");
        Assert.IsTrue(line.ShouldStop(1, 11, 3));

        var loop = new StepController();
        loop.Begin(StepKind.In, StepGranularity.Line, new StopLocation("f", 4, 10, 1));
        Assert.IsFalse(loop.ShouldStop(1, 10, 5));
        Assert.IsTrue(loop.ShouldStop(1, 10, 4), "a backward jump within the line is a new line stop");

        var instruction = new StepController();
        instruction.Begin(StepKind.Over, StepGranularity.Instruction, new StopLocation("f", 0, 10, 1));
        Assert.IsFalse(instruction.ShouldStop(2, 30, 0));
        Assert.IsTrue(instruction.ShouldStop(1, 10, 1));

        var @out = new StepController();
        @out.Begin(StepKind.Out, StepGranularity.Line, new StopLocation("f", 0, 10, 3));
        Assert.IsFalse(@out.ShouldStop(3, 11, 1));
        Assert.IsFalse(@out.ShouldStop(4, 1, 0));
        Assert.IsTrue(@out.ShouldStop(2, 7, 5));
        Assert.IsFalse(@out.IsActive);
    }

    private static string Where(StoppedEvent stop) => $"{stop.Location.Function}:{stop.Location.Line}@{stop.Location.CallDepth}";
}
