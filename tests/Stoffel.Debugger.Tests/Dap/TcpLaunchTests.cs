using System.Net.Sockets;
using System.Text.Json.Nodes;
using Stoffel.Debugger.Adapter;

namespace Stoffel.Debugger.Tests.Dap;

/// <summary><c>stoffel dap --port N</c>: the adapter on loopback TCP, launching a program like the stdio adapter does.</summary>
[TestClass]
public sealed class TcpLaunchTests
{
    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    public async Task A_client_launches_over_tcp_stops_at_a_breakpoint_and_runs_to_exit()
    {
        using var server = DebugServer.ListenForLaunch(TestPrograms.LaunchVm, 0);
        Assert.IsGreaterThan(0, server.Port);
        var fib = Path.Combine(TestPrograms.RepositoryRoot, "examples", "fib.stfa");

        using var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", server.Port);
        var stream = tcp.GetStream();
        var client = new TestDapClient(stream, stream);
        Assert.IsTrue((bool)(await client.RequestAsync("initialize", new JsonObject { ["adapterID"] = "stoffel" }))["success"]!);
        await client.EventAsync("initialized");
        Assert.IsTrue((bool)(await client.RequestAsync("launch", new JsonObject { ["program"] = fib }))["success"]!);
        var breakpoints = await client.RequestAsync("setBreakpoints", new JsonObject
        {
            ["source"] = new JsonObject { ["path"] = fib },
            ["breakpoints"] = new JsonArray(new JsonObject { ["line"] = 7 }),
        });
        Assert.IsTrue((bool)breakpoints["body"]!["breakpoints"]![0]!["verified"]!);
        await client.RequestAsync("configurationDone");

        var stopped = await client.EventAsync("stopped");
        Assert.AreEqual("breakpoint", (string?)stopped["body"]!["reason"]);
        var top = (await client.RequestAsync("stackTrace", new JsonObject { ["threadId"] = 1 }))["body"]!["stackFrames"]![0]!;
        Assert.AreEqual("main", (string?)top["name"]);
        Assert.AreEqual(7, (int)top["line"]!);

        await client.RequestAsync("continue", new JsonObject { ["threadId"] = 1 });
        var exited = await client.EventAsync("exited");
        Assert.AreEqual(0, (int)exited["body"]!["exitCode"]!);
        Assert.IsTrue(client.All.Any(m => (string?)m["event"] == "output" && ((string?)m["body"]!["output"] ?? "").Contains("main returned 6765", StringComparison.Ordinal)));
        await client.EventAsync("terminated");
        Assert.AreEqual(0, client.SeqViolations.Count);
        await client.DisposeAsync();
    }
}
