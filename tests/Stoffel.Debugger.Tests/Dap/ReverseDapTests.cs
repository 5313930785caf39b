using System.Text.Json.Nodes;
using Stoffel.Stdlib;
using Stoffel.Vm.Runtime;

namespace Stoffel.Debugger.Tests.Dap;

/// <summary><c>stepBack</c> and <c>reverseContinue</c> over the protocol.</summary>
[TestClass]
public sealed class ReverseDapTests
{
    private static readonly string Fib = TestPrograms.Example("fib.stfa");

    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    public async Task StepBackAndReverseContinueInALaunchedProgram()
    {
        await using var adapter = TestPrograms.LaunchAdapter();
        var client = adapter.Client;
        var init = await client.RequestAsync("initialize", new JsonObject { ["adapterID"] = "stoffel" });
        Assert.IsTrue((bool)init["body"]!["supportsStepBack"]!);
        await client.EventAsync("initialized");
        Assert.IsTrue((bool)(await client.RequestAsync("launch", new JsonObject { ["program"] = Fib }))["success"]!);
        await client.RequestAsync("setBreakpoints", new JsonObject
        {
            ["source"] = new JsonObject { ["path"] = Fib },
            ["breakpoints"] = new JsonArray(new JsonObject { ["line"] = 12 }),
        });
        await client.RequestAsync("configurationDone");
        Assert.AreEqual("breakpoint", (string?)(await client.EventAsync("stopped"))["body"]!["reason"]);
        Assert.AreEqual(12, await TopLine(client));
        await client.RequestAsync("setBreakpoints", new JsonObject
        {
            ["source"] = new JsonObject { ["path"] = Fib },
            ["breakpoints"] = new JsonArray(new JsonObject { ["line"] = 12, ["condition"] = "n == 20" }),
        });

        for (var line = 13; line <= 14; line++)
        {
            await client.RequestAsync("stepIn", new JsonObject { ["threadId"] = 1 });
            await client.EventAsync("stopped");
            Assert.AreEqual(line, await TopLine(client));
        }

        var stepBack = await client.RequestAsync("stepBack", new JsonObject { ["threadId"] = 1 });
        Assert.IsTrue((bool)stepBack["success"]!);
        var stopped = await client.EventAsync("stopped");
        Assert.AreEqual("step", (string?)stopped["body"]!["reason"]);
        Assert.IsTrue(client.All.IndexOf(stepBack) < client.All.IndexOf(stopped), "the response precedes the stop");
        Assert.AreEqual(13, await TopLine(client));
        Assert.AreEqual("20", await Evaluate(client, "n"));

        Assert.IsTrue((bool)(await client.RequestAsync("reverseContinue", new JsonObject { ["threadId"] = 1 }))["success"]!);
        stopped = await client.EventAsync("stopped");
        Assert.AreEqual("breakpoint", (string?)stopped["body"]!["reason"]);
        Assert.AreEqual(12, await TopLine(client));

        await client.RequestAsync("reverseContinue", new JsonObject { ["threadId"] = 1 });
        Assert.AreEqual("entry", (string?)(await client.EventAsync("stopped"))["body"]!["reason"]);
        Assert.AreEqual(5, await TopLine(client));

        await client.RequestAsync("setBreakpoints", new JsonObject { ["source"] = new JsonObject { ["path"] = Fib }, ["breakpoints"] = new JsonArray() });
        await client.RequestAsync("continue", new JsonObject { ["threadId"] = 1 });
        Assert.AreEqual(0, (int)(await client.EventAsync("exited"))["body"]!["exitCode"]!);
        await client.EventAsync("terminated");
        var outputs = client.All.Where(m => (string?)m["event"] == "output").Select(m => (string?)m["body"]!["output"]).ToArray();
        Assert.AreEqual(1, outputs.Count(o => o!.Contains("main returned 6765", StringComparison.Ordinal)), "replays end no run of their own");
        Assert.AreEqual(0, client.SeqViolations.Count);
    }

    [TestMethod]
    [Timeout(30_000, CooperativeCancellation = true)]
    public async Task StepBackWhileRunningOrAttachedIsAnError()
    {
        await using (var adapter = TestPrograms.LaunchAdapter())
        {
            var client = adapter.Client;
            await client.RequestAsync("initialize", new JsonObject());
            var early = await client.RequestAsync("stepBack", new JsonObject { ["threadId"] = 1 });
            Assert.IsFalse((bool)early["success"]!);
            Assert.IsNotNull(early["body"]!["error"]);
        }

        var vm = new VirtualMachine();
        StandardLibrary.Register(vm);
        await using (var adapter = new InMemoryAdapter(vm))
        {
            var client = adapter.Client;
            var init = await client.RequestAsync("initialize", new JsonObject());
            Assert.IsTrue((bool)init["body"]!["supportsStepBack"]!, "an attach with 'record' steps back");
            await client.RequestAsync("attach", new JsonObject());
            var stepBack = await client.RequestAsync("stepBack", new JsonObject { ["threadId"] = 1 });
            Assert.IsFalse((bool)stepBack["success"]!);
            StringAssert.Contains((string?)stepBack["message"], "pause it first");
            var reverse = await client.RequestAsync("reverseContinue", new JsonObject { ["threadId"] = 1 });
            Assert.IsFalse((bool)reverse["success"]!);
        }
    }

    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    public async Task RestartFrameProgressAndCancelOverTheProtocol()
    {
        var path = TestPrograms.WriteScript("""
            .function main(n)
                MOV r7, r0
                LDI r2, 0
                LDI r3, 1
            loop:
                ADD r2, r2, r3
                PUSHARG r2
                CALL twice
                CMP r2, r7
                JMPLT loop
                RET r0
            .end

            .function twice(x)
                ADD r1, r0, r0
                RET r1
            .end
            """);
        await using var adapter = TestPrograms.LaunchAdapter();
        var client = adapter.Client;
        var init = await client.RequestAsync("initialize", new JsonObject { ["supportsProgressReporting"] = true });
        Assert.IsTrue((bool)init["body"]!["supportsRestartFrame"]!);
        Assert.IsTrue((bool)init["body"]!["supportsCancelRequest"]!);
        await client.RequestAsync("launch", new JsonObject { ["program"] = path, ["args"] = new JsonArray("300000") });
        await client.RequestAsync("setBreakpoints", new JsonObject
        {
            ["source"] = new JsonObject { ["path"] = path },
            ["breakpoints"] = new JsonArray(new JsonObject { ["line"] = 16, ["hitCondition"] = "== 250000" }),
        });
        await client.RequestAsync("configurationDone");
        await client.EventAsync("stopped");
        var frames = (await client.RequestAsync("stackTrace", new JsonObject { ["threadId"] = 1 }))["body"]!["stackFrames"]!.AsArray();
        Assert.AreEqual(16, (int)frames[0]!["line"]!);
        Assert.IsTrue((bool)frames[0]!["canRestart"]!);
        Assert.AreEqual("500000", await Evaluate(client, "r1"));

        var restart = await client.RequestAsync("restartFrame", new JsonObject { ["frameId"] = (int)frames[0]!["id"]! });
        Assert.IsTrue((bool)restart["success"]!, (string?)restart["message"]);
        Assert.AreEqual("restart", (string?)(await client.EventAsync("stopped"))["body"]!["reason"]);
        Assert.AreEqual(15, await TopLine(client));
        Assert.AreEqual("()", await Evaluate(client, "r1"), "back before twice's ADD");
        Assert.AreEqual("250000", await Evaluate(client, "x"));

        // A breakpoint the recording has no hit counts for: reverse continue scans history back to its hit, with progress.
        await client.RequestAsync("setBreakpoints", new JsonObject
        {
            ["source"] = new JsonObject { ["path"] = path },
            ["breakpoints"] = new JsonArray(new JsonObject { ["line"] = 3 }),
        });
        await client.RequestAsync("reverseContinue", new JsonObject { ["threadId"] = 1 });
        Assert.AreEqual("breakpoint", (string?)(await client.EventAsync("stopped"))["body"]!["reason"]);
        Assert.AreEqual(3, await TopLine(client));
        var progress = await client.EventAsync("progressStart");
        Assert.IsTrue((bool)progress["body"]!["cancellable"]!);
        Assert.AreEqual((string?)progress["body"]!["progressId"], (string?)(await client.EventAsync("progressEnd"))["body"]!["progressId"]);

        var cancel = await client.RequestAsync("cancel", new JsonObject { ["progressId"] = "nothing-running" });
        Assert.IsTrue((bool)cancel["success"]!, "cancel with nothing to cancel is harmless");
        var badRestart = await client.RequestAsync("restartFrame", new JsonObject { ["frameId"] = 99 });
        Assert.IsFalse((bool)badRestart["success"]!);
        Assert.IsNotNull(badRestart["message"]);
    }

    private static async Task<int> TopLine(TestDapClient client) =>
        (int)(await client.RequestAsync("stackTrace", new JsonObject { ["threadId"] = 1 }))["body"]!["stackFrames"]![0]!["line"]!;

    private static async Task<string?> Evaluate(TestDapClient client, string expression) =>
        (string?)(await client.RequestAsync("evaluate", new JsonObject { ["expression"] = expression }))["body"]!["result"];
}
