using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Stoffel.Vm.Hooks;
using Stoffel.Vm.Values;

namespace Stoffel.Debugger.Tests.Dap;

/// <summary>A DAP setVariable goes through the VM's one door: a host hook on RegisterWrite sees it.</summary>
[TestClass]
public sealed class SetVariableDapTests
{
    private static readonly string Fib = TestPrograms.Example("fib.stfa");

    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    public async Task ASetVariableRequestFiresRegisterWriteForTheFrameItWrites()
    {
        var writes = new ConcurrentQueue<HookEvent>();
        await using var adapter = new InMemoryAdapter(options =>
        {
            var vm = TestPrograms.LaunchVm(options);
            vm.Hooks.Register(HookEventMask.RegisterWrite, (in HookEvent e, HookContext _) =>
            {
                if (e.NewValue.Kind == ValueKind.U16)
                {
                    writes.Enqueue(e); // only the debugger's writes: the program writes no uint16
                }
            });
            return vm;
        });
        var client = adapter.Client;
        await client.RequestAsync("initialize", new JsonObject());
        Assert.IsTrue((bool)(await client.RequestAsync("launch", new JsonObject { ["program"] = Fib }))["success"]!);
        await client.RequestAsync("setBreakpoints", new JsonObject
        {
            ["source"] = new JsonObject { ["path"] = Fib },
            ["breakpoints"] = new JsonArray(new JsonObject { ["line"] = 13 }),
        });
        await client.RequestAsync("configurationDone");
        await client.EventAsync("stopped");

        foreach (var (frameId, register) in new[] { (1, "r0"), (2, "r1") })
        {
            var scopes = await client.RequestAsync("scopes", new JsonObject { ["frameId"] = frameId });
            var set = await client.RequestAsync("setVariable", new JsonObject
            {
                ["variablesReference"] = (int)scopes["body"]!["scopes"]![0]!["variablesReference"]!,
                ["name"] = register,
                ["value"] = "7u16",
            });
            Assert.IsTrue((bool)set["success"]!, set.ToJsonString());
            Assert.AreEqual("7u16", (string?)set["body"]!["value"]);
        }

        var seen = writes.Select(e => $"{e.Function!.Name} frame {e.FrameIndex} r{e.Register}: {e.OldValue} -> {e.NewValue}").ToArray();
        CollectionAssert.AreEqual(new[] { "fib frame 0 r0: 20 -> 7u16", "main frame 1 r1: 20 -> 7u16" }, seen);
        await client.RequestAsync("disconnect", new JsonObject { ["terminateDebuggee"] = true });
    }
}
