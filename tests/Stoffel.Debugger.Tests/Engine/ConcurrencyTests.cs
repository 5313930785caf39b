using Stoffel.Debugger.Engine;

namespace Stoffel.Debugger.Tests.Engine;

[TestClass]
public sealed class ConcurrencyTests
{
    private const string InfiniteLoop = """
        .function main()
            LDI r1, 0
            LDI r2, 1
        loop:
            ADD r1, r1, r2
            JMP loop
        .end
        """;

    [TestMethod]
    [Timeout(20_000, CooperativeCancellation = true)]
    public async Task PauseFromAnotherThreadStopsAnInfiniteLoop()
    {
        var path = TestPrograms.WriteScript(InfiniteLoop);
        using var session = TestPrograms.Session(path);
        session.Start();
        await WaitUntilRunning(session);
        await Task.Run(session.Pause);
        var stop = await session.NextStop();
        Assert.AreEqual(StopReason.Pause, stop.Reason);
        Assert.AreEqual("main", stop.Location.Function);
        Assert.IsTrue(stop.Location.Line is 5 or 6);
        Assert.AreEqual("true", session.Evaluate("r1 > 1000").Value);

        // Resume and pause again: the loop runs on in between.
        var before = long.Parse(session.Evaluate("r1").Value);
        session.Continue();
        await WaitUntilRunning(session);
        session.Pause();
        await session.NextStop();
        Assert.IsTrue(long.Parse(session.Evaluate("r1").Value) > before);

        session.Terminate();
        Assert.AreEqual(1, (await session.Exit()).ExitCode);
    }

    [TestMethod]
    [Timeout(20_000, CooperativeCancellation = true)]
    public async Task TerminateEndsARunningProgram()
    {
        using var session = TestPrograms.Session(TestPrograms.WriteScript(InfiniteLoop));
        session.Start();
        await WaitUntilRunning(session);
        session.Terminate();
        Assert.AreEqual(1, (await session.Exit()).ExitCode);
    }

    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    public async Task ManyThreadsInspectWhileRunningAndWhileStopped()
    {
        var path = TestPrograms.WriteScript(InfiniteLoop);
        using var session = TestPrograms.Session(path);
        session.Start();
        await WaitUntilRunning(session);

        using var stopHammering = new CancellationTokenSource();
        var inconsistencies = 0;
        var successes = 0;
        var notStopped = 0;
        // Dedicated threads: pool threads spinning here would starve the test's own continuations.
        var hammers = Enumerable.Range(0, 8).Select(i => new Thread(() =>
        {
            while (!stopHammering.IsCancellationRequested)
            {
                try
                {
                    var stop = session.CurrentStop;
                    var frames = session.GetStackTrace();
                    var scopes = session.GetScopes(1);
                    var first = session.GetVariables(scopes[0].VariablesReference);
                    var again = session.Evaluate("r1").Value;
                    // While stopped, two reads of one stop see the same snapshot.
                    if (frames.Count != 1 || frames[0].Name != "main"
                        || (stop is not null && ReferenceEquals(stop, session.CurrentStop) && first[1].Value != again))
                    {
                        Interlocked.Increment(ref inconsistencies);
                    }
                    Interlocked.Increment(ref successes);
                }
                catch (NotStoppedException)
                {
                    Interlocked.Increment(ref notStopped);
                }
                catch (EvaluationException)
                {
                    // A reference from a stop that ended between two calls: expected.
                    Interlocked.Increment(ref notStopped);
                }
            }
        })).ToArray();
        foreach (var hammer in hammers)
        {
            hammer.Start();
        }

        for (var round = 0; round < 20; round++)
        {
            session.Pause();
            var stop = await session.NextStop();
            Assert.AreEqual(StopReason.Pause, stop.Reason);
            var value = session.Evaluate("r1").Value;
            Assert.AreEqual(value, session.GetVariables(session.GetScopes(1)[0].VariablesReference)[1].Value);
            await Task.Delay(5);
            Assert.IsTrue(session.Continue());
            await Task.Delay(5);
        }
        stopHammering.Cancel();
        Assert.IsTrue(hammers.All(h => h.Join(TestPrograms.Wait)));
        Assert.AreEqual(0, inconsistencies);
        Assert.IsTrue(successes > 0, "some reads happened while stopped");
        Assert.IsTrue(notStopped > 0, "some reads happened while running");
        session.Terminate();
        await session.Exit();
    }

    [TestMethod]
    [Timeout(20_000, CooperativeCancellation = true)]
    public async Task BreakpointsSetWhileRunningTakeEffect()
    {
        var path = TestPrograms.WriteScript(InfiniteLoop);
        using var session = TestPrograms.Session(path);
        session.Start();
        await WaitUntilRunning(session);
        var bp = session.SetLineBreakpoints(path, [new LineBreakpointSpec(6)]).Single();
        Assert.IsTrue(bp.Verified);
        var stop = await session.NextStop();
        Assert.AreEqual(StopReason.Breakpoint, stop.Reason);
        Assert.AreEqual("main:6", stop.Where());
        session.SetLineBreakpoints(path, []);
        session.Terminate();
        await session.Exit();
    }

    private static async Task WaitUntilRunning(DebugSession session)
    {
        var start = session.Vm.Inspector.InstructionsExecuted;
        using var timeout = new CancellationTokenSource(TestPrograms.Wait);
        while (session.Vm.Inspector.InstructionsExecuted < start + 10_000)
        {
            await Task.Delay(1, timeout.Token);
        }
    }
}
