using System.Net.Sockets;
using System.Text.Json.Nodes;
using Stoffel.Examples.DebugHost;

namespace Stoffel.Debugger.Tests.Dap;

[TestClass]
public sealed class AttachTests
{
    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    public async Task AttachToTheSampleHostStopsItsScriptsAndDetachLetsThemRunOn()
    {
        var script = Path.Combine(TestPrograms.RepositoryRoot, "examples", "debug-host", "tick.stfa");
        var vm = DebugHost.CreateVm(script);
        using var stopHost = new CancellationTokenSource();
        var port = new TaskCompletionSource<int>();
        var log = new StringWriter();
        var host = Task.Run(() => DebugHost.RunAsync(vm, 0, TimeSpan.FromMilliseconds(20), port.SetResult, TextWriter.Synchronized(log), stopHost.Token));

        using var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", await port.Task.WaitAsync(TestPrograms.Wait));
        var stream = tcp.GetStream();
        var client = new TestDapClient(stream, stream);

        var init = await client.RequestAsync("initialize", new JsonObject { ["adapterID"] = "stoffel" });
        Assert.IsTrue((bool)init["success"]!);
        await client.EventAsync("initialized");
        Assert.IsTrue((bool)(await client.RequestAsync("attach", new JsonObject { ["port"] = 0 }))["success"]!);
        var bp = await client.RequestAsync("setBreakpoints", new JsonObject
        {
            ["source"] = new JsonObject { ["path"] = script },
            ["breakpoints"] = new JsonArray(new JsonObject { ["line"] = 4 }),
        });
        Assert.IsTrue((bool)bp["body"]!["breakpoints"]![0]!["verified"]!);
        await client.RequestAsync("configurationDone");

        var stopped = await client.EventAsync("stopped");
        Assert.AreEqual("breakpoint", (string?)stopped["body"]!["reason"]);
        Assert.AreEqual(1, (int)stopped["body"]!["threadId"]!);
        var frames = (await client.RequestAsync("stackTrace", new JsonObject { ["threadId"] = 1 }))["body"]!["stackFrames"]!.AsArray();
        Assert.AreEqual("tick", (string?)frames[0]!["name"]);
        Assert.AreEqual(4, (int)frames[0]!["line"]!);
        var n = (await client.RequestAsync("evaluate", new JsonObject { ["expression"] = "n", ["frameId"] = (int)frames[0]!["id"]! }))["body"]!["result"]!.GetValue<string>();
        Assert.IsTrue(long.Parse(n) >= 1);

        // The host is blocked in tick while stopped; continue and it stops at the next tick.
        await client.RequestAsync("continue", new JsonObject { ["threadId"] = 1 });
        await client.EventAsync("stopped");
        var next = (await client.RequestAsync("evaluate", new JsonObject { ["expression"] = "n" }))["body"]!["result"]!.GetValue<string>();
        Assert.AreEqual(long.Parse(n) + 1, long.Parse(next));

        var disconnect = await client.RequestAsync("disconnect", new JsonObject { ["terminateDebuggee"] = false });
        Assert.IsTrue((bool)disconnect["success"]!);
        Assert.AreEqual(0, vm.Hooks.Count, "detaching removes every hook");

        // The host runs on without stopping.
        var ticks = CountTicks(log);
        using (var timeout = new CancellationTokenSource(TestPrograms.Wait))
        {
            while (CountTicks(log) < ticks + 5)
            {
                await Task.Delay(10, timeout.Token);
            }
        }
        Assert.IsFalse(host.IsCompleted);
        Assert.AreEqual(0, client.SeqViolations.Count);
        await client.DisposeAsync();
        stopHost.Cancel();
        await host.WaitAsync(TestPrograms.Wait);
    }

    [TestMethod]
    [Timeout(30_000, CooperativeCancellation = true)]
    public async Task LaunchOverStdioStyleStreamsRefusesAttachWithoutAHost()
    {
        await using var adapter = TestPrograms.LaunchAdapter();
        await adapter.Client.RequestAsync("initialize", new JsonObject());
        var attach = await adapter.Client.RequestAsync("attach", new JsonObject { ["port"] = 4711 });
        Assert.IsFalse((bool)attach["success"]!);
        StringAssert.Contains((string?)attach["body"]!["error"]!["format"], "DebugServer.Listen");
    }

    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    public async Task ASecondClientIsRefusedClearlyWhileOneIsAttachedAndMayAttachAfterIt()
    {
        var script = Path.Combine(TestPrograms.RepositoryRoot, "examples", "debug-host", "tick.stfa");
        var vm = DebugHost.CreateVm(script);
        await using var server = Stoffel.Debugger.Adapter.DebugServer.Listen(vm, 0);

        var (firstTcp, first) = await ConnectAsync(server.Port);
        Assert.IsTrue((bool)(await first.RequestAsync("initialize", new JsonObject()))["success"]!);
        Assert.IsTrue((bool)(await first.RequestAsync("attach", new JsonObject()))["success"]!);

        var (secondTcp, second) = await ConnectAsync(server.Port);
        var refused = await second.RequestAsync("initialize", new JsonObject { ["adapterID"] = "stoffel" });
        Assert.IsFalse((bool)refused["success"]!);
        StringAssert.Contains((string?)refused["message"], "already being debugged by another client");
        StringAssert.Contains((string?)refused["body"]!["error"]!["format"], "already being debugged");

        Assert.IsTrue((bool)(await first.RequestAsync("threads"))["success"]!, "the first client is unaffected");
        await first.RequestAsync("disconnect", new JsonObject());
        await first.DisposeAsync();
        firstTcp.Dispose();

        // Once the first client has gone, the next one attaches.
        JsonObject init;
        var deadline = DateTime.UtcNow + TestPrograms.Wait;
        TcpClient thirdTcp;
        TestDapClient third;
        do
        {
            (thirdTcp, third) = await ConnectAsync(server.Port);
            init = await third.RequestAsync("initialize", new JsonObject());
        }
        while (!(bool)init["success"]! && DateTime.UtcNow < deadline);
        Assert.IsTrue((bool)init["success"]!, init.ToJsonString());
        Assert.IsTrue((bool)(await third.RequestAsync("attach", new JsonObject()))["success"]!);
        await third.RequestAsync("disconnect", new JsonObject());
        await third.DisposeAsync();
        thirdTcp.Dispose();
        await second.DisposeAsync();
        secondTcp.Dispose();
    }

    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    public async Task PathMappingsBindBreakpointsSetOnWorkspacePathsAndReportWorkspacePaths()
    {
        var hostDirectory = Path.Combine(TestPrograms.RepositoryRoot, "examples", "debug-host");
        var vm = DebugHost.CreateVm(Path.Combine(hostDirectory, "tick.stfa"));
        using var stopHost = new CancellationTokenSource();
        var port = new TaskCompletionSource<int>();
        var host = Task.Run(() => DebugHost.RunAsync(vm, 0, TimeSpan.FromMilliseconds(20), port.SetResult, TextWriter.Null, stopHost.Token));
        var (tcp, client) = await ConnectAsync(await port.Task.WaitAsync(TestPrograms.Wait));
        const string workspace = "/workspace/checkout/scripts";

        await client.RequestAsync("initialize", new JsonObject());
        Assert.IsTrue((bool)(await client.RequestAsync("attach", new JsonObject
        {
            ["pathMappings"] = new JsonArray(new JsonObject { ["localRoot"] = workspace, ["remoteRoot"] = hostDirectory + "/" }),
        }))["success"]!);
        var set = await client.RequestAsync("setBreakpoints", new JsonObject
        {
            ["source"] = new JsonObject { ["path"] = workspace + "/tick.stfa" },
            ["breakpoints"] = new JsonArray(new JsonObject { ["line"] = 4 }),
        });
        var breakpoint = set["body"]!["breakpoints"]![0]!;
        Assert.IsTrue((bool)breakpoint["verified"]!, set.ToJsonString());
        Assert.AreEqual(workspace + "/tick.stfa", (string?)breakpoint["source"]!["path"]);
        await client.RequestAsync("configurationDone");

        Assert.AreEqual("breakpoint", (string?)(await client.EventAsync("stopped"))["body"]!["reason"]);
        var frame = (await client.RequestAsync("stackTrace", new JsonObject { ["threadId"] = 1 }))["body"]!["stackFrames"]![0]!;
        Assert.AreEqual(workspace + "/tick.stfa", (string?)frame["source"]!["path"]);
        var sources = (await client.RequestAsync("loadedSources"))["body"]!["sources"]!.AsArray();
        Assert.IsTrue(sources.Any(s => (string?)s!["path"] == workspace + "/tick.stfa"));

        await client.RequestAsync("disconnect", new JsonObject());
        await client.DisposeAsync();
        tcp.Dispose();
        stopHost.Cancel();
        await host.WaitAsync(TestPrograms.Wait);
    }

    private static async Task<(TcpClient Tcp, TestDapClient Client)> ConnectAsync(int port)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", port);
        var stream = tcp.GetStream();
        return (tcp, new TestDapClient(stream, stream));
    }

    private static int CountTicks(StringWriter log) => log.ToString().Split('\n').Count(l => l.StartsWith("tick", StringComparison.Ordinal));
}
