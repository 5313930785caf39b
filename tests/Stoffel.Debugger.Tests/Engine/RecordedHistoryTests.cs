using Stoffel.Debugger.Engine;
using Stoffel.Stdlib;
using Stoffel.Vm.Formats.Assembly;
using Stoffel.Vm.Runtime;
using Stoffel.Vm.Values;

namespace Stoffel.Debugger.Tests.Engine;

/// <summary>
/// Reverse execution deep into a long run, where going back restores a checkpoint and replays
/// only from there: exact lines and registers across calls, returns, table writes and a
/// non-deterministic host function, reverse continue across many checkpoints, restart frame,
/// and recording in attach mode.
/// </summary>
[TestClass]
public sealed class RecordedHistoryTests
{
    // Iteration i: r2 = i, r4 = square(i) + roll(), t.v = r4; roll is a host function (random).
    private const string Source = """
        .function main(n)
            MOV r7, r0
            CALL create_object
            MOV r1, r0
            LDI r2, 0
            LDI r3, 1
        loop:
            ADD r2, r2, r3
            PUSHARG r2
            CALL square
            MOV r4, r0
            CALL roll
            ADD r4, r4, r0
            PUSHARG r1
            LDI r5, "v"
            PUSHARG r5
            PUSHARG r4
            CALL set_field
            CMP r2, r7
            JMPLT loop
            RET r4
        .end

        .function square(x)
            MUL r1, r0, r0
            RET r1
        .end
        """;

    private const int SetFieldLine = 18;
    private const int Iterations = 60_000; // about 840,000 instructions: several checkpoints

    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    public async Task StepBackDeepInALongLoopRestoresLinesRegistersTablesAndHostResults()
    {
        var (session, rolls, path) = Launch();
        using var _ = session;
        session.SetLineBreakpoints(path, [new LineBreakpointSpec(SetFieldLine, HitCondition: "== 50000")]);
        session.Start("main", [Value.FromI64(Iterations)]);
        var stop = await session.NextStop();
        Assert.AreEqual("main:18", stop.Where());
        Assert.IsTrue(session.Recording!.Checkpoints.Count >= 2, $"{session.Recording.Checkpoints.Count} checkpoints");
        var i = 50_000L;
        Assert.AreEqual($"{i}", session.Evaluate("r2").Value);
        Assert.AreEqual($"{(i * i) + rolls[(int)i - 1]}", session.Evaluate("r4").Value);
        Assert.AreEqual($"{((i - 1) * (i - 1)) + rolls[(int)i - 2]}", session.Evaluate("r1.v").Value, "the field as the last iteration wrote it");
        var callsBefore = rolls.Count;

        // Back through the iteration, line by line: the call is stepped over as a whole.
        string[] lines = ["main:17", "main:16", "main:15", "main:14", "main:13", "main:12", "main:11", "main:10", "main:9", "main:8", "main:20", "main:19", "main:18"];
        foreach (var line in lines)
        {
            session.StepBack();
            Assert.AreEqual(line, (await session.NextStop()).Where());
            switch (line)
            {
                case "main:13":
                    Assert.AreEqual($"{i * i}", session.Evaluate("r4").Value, "square's result, before the roll is added");
                    Assert.AreEqual($"{rolls[(int)i - 1]}", session.Evaluate("r0").Value, "the roll as the host returned it");
                    break;
                case "main:11":
                    Assert.AreEqual($"{i * i}", session.Evaluate("r0").Value, "square returned into r0");
                    Assert.AreEqual($"{((i - 1) * (i - 1)) + rolls[(int)i - 2]}", session.Evaluate("r4").Value);
                    break;
                case "main:8":
                    Assert.AreEqual($"{i - 1}", session.Evaluate("r2").Value, "the ADD has not run");
                    break;
                case "main:18":
                    Assert.AreEqual($"{i - 1}", session.Evaluate("r2").Value);
                    Assert.AreEqual($"{((i - 2) * (i - 2)) + rolls[(int)i - 3]}", session.Evaluate("r1.v").Value, "the table as it was before this set_field");
                    break;
            }
        }

        session.SetLineBreakpoints(path, []);
        Assert.AreEqual(callsBefore, rolls.Count, "going back called no host function");
        session.Continue();
        var exit = await session.Exit();
        var last = (long)Iterations;
        Assert.AreEqual(Value.FromI64((last * last) + rolls[Iterations - 1]), exit.Result);
        Assert.AreEqual(Iterations, rolls.Count, "each roll was made once: replays and the run after them used the log");
    }

    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    public async Task ReverseContinueWalksBackAcrossCheckpointsToTheHitTheConditionsAccept()
    {
        var (session, rolls, path) = Launch();
        using var _ = session;
        var breakpoint = session.SetLineBreakpoints(path, [new LineBreakpointSpec(SetFieldLine, HitCondition: "% 20000")]).Single();
        session.Start("main", [Value.FromI64(Iterations)]);
        Assert.AreEqual("20000", await R2AtNextStop(session));
        session.Continue();
        Assert.AreEqual("40000", await R2AtNextStop(session));
        session.Continue();
        Assert.AreEqual("60000", await R2AtNextStop(session));

        session.ReverseContinue();
        var stop = await session.NextStop();
        Assert.AreEqual(StopReason.Breakpoint, stop.Reason);
        CollectionAssert.AreEqual(new[] { breakpoint.Id }, stop.HitBreakpointIds.ToArray());
        Assert.AreEqual("40000", session.Evaluate("r2").Value);
        Assert.AreEqual($"{(40_000L * 40_000) + rolls[39_999]}", session.Evaluate("r4").Value);

        session.ReverseContinue();
        Assert.AreEqual("20000", await R2AtNextStop(session));
        session.ReverseContinue();
        stop = await session.NextStop();
        Assert.AreEqual(StopReason.Entry, stop.Reason, "no earlier hit: the start of the run");
        Assert.AreEqual("main:2", stop.Where());

        // Forward from the start: the hit counts restart with the history, so the breakpoint stops at 20000 again.
        session.Continue();
        Assert.AreEqual("20000", await R2AtNextStop(session));
        session.Terminate();
        await session.Exit();
        Assert.AreEqual(Iterations, rolls.Count);
    }

    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    public async Task RestartFrameGoesBackToTheActivationsFirstInstruction()
    {
        var (session, _, path) = Launch();
        using var _ = session;
        session.SetLineBreakpoints(path, [new LineBreakpointSpec(26, HitCondition: "== 30000")]);
        session.Start("main", [Value.FromI64(Iterations)]);
        var stop = await session.NextStop();
        Assert.AreEqual("square:26", stop.Where());
        Assert.AreEqual("900000000", session.Evaluate("r1").Value);

        Assert.IsTrue(session.RestartFrame(1));
        stop = await session.NextStop();
        Assert.AreEqual(StopReason.Restart, stop.Reason);
        Assert.AreEqual("square:25", stop.Where());
        Assert.AreEqual(0, stop.Location.InstructionIndex);
        Assert.AreEqual("30000", session.Evaluate("r0").Value);
        Assert.AreEqual("()", session.Evaluate("r1").Value, "MUL has not run");

        Assert.IsTrue(session.RestartFrame(2), "main's activation: the start of the run");
        stop = await session.NextStop();
        Assert.AreEqual("main:2", stop.Where());
        Assert.AreEqual(1, stop.Location.CallDepth);
        Assert.ThrowsExactly<EvaluationException>(() => session.RestartFrame(2), "only one frame now");
        session.Terminate();
        await session.Exit();
    }

    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    public async Task SettingAVariableAfterGoingBackDropsTheRecordedFuture()
    {
        var (session, rolls, path) = Launch();
        using var _ = session;
        session.SetLineBreakpoints(path, [new LineBreakpointSpec(SetFieldLine, HitCondition: "== 45000")]);
        session.Start("main", [Value.FromI64(Iterations)]);
        await session.NextStop();
        session.StepBack();
        await session.NextStop();
        var registers = session.GetScopes(1).Single(s => s.Name == "Registers");
        session.SetVariable(registers.VariablesReference, "r7", "44999");
        Assert.IsTrue(session.Recording!.Checkpoints.All(c => c.Position <= session.Vm.Inspector.InstructionsExecuted));

        session.SetLineBreakpoints(path, []);
        session.Continue();
        var exit = await session.Exit();
        Assert.AreEqual(0, exit.ExitCode);
        Assert.AreEqual(45_000, rolls.Count, "the loop now ends at 45,000: no roll after it, none twice");
        Assert.AreEqual(Value.FromI64((45_000L * 45_000) + rolls[^1]), exit.Result);
    }

    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    public async Task AnAttachedSessionWithRecordingStepsBackInTheHostsRun()
    {
        var path = TestPrograms.WriteScript(Source);
        var (vm, rolls) = CreateVm(path);
        using var session = new DebugSession(vm, record: true);
        session.SetLineBreakpoints(path, [new LineBreakpointSpec(SetFieldLine, HitCondition: "== 20000")]);
        var host = Task.Run(() => vm.Execute("main", Value.FromI64(30_000)));
        await session.NextStop();
        Assert.IsTrue(session.CanReverse(out var reason), reason);
        session.StepBack();
        Assert.AreEqual("main:17", (await session.NextStop()).Where());
        Assert.AreEqual("20000", session.Evaluate("r2").Value);
        session.ReverseContinue();
        Assert.AreEqual(StopReason.Entry, (await session.NextStop()).Reason);
        session.SetLineBreakpoints(path, []);
        session.Continue();
        var result = await host.WaitAsync(TestPrograms.Wait);
        Assert.AreEqual(Value.FromI64((30_000L * 30_000) + rolls[^1]), result);
        Assert.AreEqual(30_000, rolls.Count);
        session.Detach();
        Assert.IsNull(vm.Recording, "detaching removes the recording");
    }

    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    public async Task ALongReverseContinueReportsProgressAndCancelReturnsToTheStop()
    {
        var (session, _, path) = Launch();
        using var _ = session;
        session.SetLineBreakpoints(path, [new LineBreakpointSpec(SetFieldLine, HitCondition: "== 59000")]);
        session.Start("main", [Value.FromI64(Iterations)]);
        await session.NextStop();
        var position = session.Vm.Inspector.InstructionsExecuted;
        // A breakpoint the recording has no counts for: every stretch back to the start may hold a hit.
        session.SetLineBreakpoints(path, [new LineBreakpointSpec(SetFieldLine, HitCondition: "== 59000"), new LineBreakpointSpec(3)]);

        session.ReverseContinue();
        var events = new List<DebugEvent>();
        await foreach (var e in session.Events.ReadAllAsync())
        {
            events.Add(e);
            if (e is StoppedEvent)
            {
                break;
            }
        }
        var start = events.OfType<ProgressStartEvent>().Single();
        Assert.IsTrue(events.OfType<ProgressUpdateEvent>().Count() >= 2, "one update per stretch scanned");
        Assert.AreEqual(start.ProgressId, events.OfType<ProgressEndEvent>().Single().ProgressId);
        Assert.AreEqual("main:3", ((StoppedEvent)events[^1]).Where(), "the breakpoint set after the fact stops where it was hit");

        session.SetLineBreakpoints(path, [new LineBreakpointSpec(SetFieldLine, HitCondition: "== 59000")]);
        session.Continue();
        await session.NextStop();
        Assert.AreEqual(position, session.Vm.Inspector.InstructionsExecuted, "forward to the same stop");
        session.SetLineBreakpoints(path, [new LineBreakpointSpec(SetFieldLine, HitCondition: "== 59000"), new LineBreakpointSpec(3)]);
        session.ReverseContinue();
        session.CancelReverse();
        var stop = await session.NextStop();
        Assert.AreEqual(StopReason.Pause, stop.Reason, "cancelled: back at the stop it started from");
        Assert.AreEqual(position, session.Vm.Inspector.InstructionsExecuted);
        session.Terminate();
        await session.Exit();
    }

    private static async Task<string> R2AtNextStop(DebugSession session)
    {
        await session.NextStop();
        return session.Evaluate("r2").Value;
    }

    private static (DebugSession Session, List<long> Rolls, string Path) Launch()
    {
        var path = TestPrograms.WriteScript(Source);
        List<long>? rolls = null;
        var session = new DebugSession(() =>
        {
            var (vm, made) = CreateVm(path);
            rolls = made;
            return vm;
        }, TextWriter.Null);
        return (session, rolls!, path);
    }

    /// <summary>A VM with the standard library, the program, and a host <c>roll</c> returning random numbers (each real call logged).</summary>
    private static (VirtualMachine Vm, List<long> Rolls) CreateVm(string path)
    {
        var vm = new VirtualMachine();
        StandardLibrary.Register(vm);
        vm.Load(StfaAssembler.AssembleFile(path));
        var rolls = new List<long>();
        var random = new Random();
        vm.RegisterFunction("roll", _ =>
        {
            var value = random.Next(1, 1000);
            rolls.Add(value);
            return Value.FromI64(value);
        });
        return (vm, rolls);
    }
}
