using System.IO.Pipelines;
using System.Text.Json.Nodes;
using Stoffel.Cli.Commands;
using Stoffel.Debugger.Adapter;

namespace Stoffel.Cli.Tests;

/// <summary>A <c>stoffel dap</c> launch runs the VM of <c>stoffel run</c>: its limit and store attributes mean what the options mean.</summary>
[TestClass]
public sealed class DapLaunchTests
{
    private const string Spin = ".function main()\nspin:\n    JMP spin\n.end\n";

    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    public async Task MaxInstructionsStopsARunawayLaunchWithTheMessageStoffelRunPrints()
    {
        var path = Cli.TempFile("spin.stfa", Spin);
        var run = Cli.Run("run", path, "--max-instructions", "1000");
        Assert.AreEqual(ExitCodes.VmError, run.ExitCode);

        var stderr = await LaunchAsync(new JsonObject { ["program"] = path, ["maxInstructions"] = 1000 });
        Assert.AreEqual(run.Stderr, stderr);
        StringAssert.StartsWith(stderr, "error: instruction limit of 1000 reached");
    }

    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    public async Task TimeoutStopsARunawayLaunchWithTheMessageStoffelRunPrints()
    {
        var path = Cli.TempFile("spin.stfa", Spin);
        var run = Cli.Run("run", path, "--timeout", "0.2");
        var stderr = await LaunchAsync(new JsonObject { ["program"] = path, ["timeout"] = 0.2 });
        Assert.AreEqual(run.Stderr.Split('\n')[0], stderr.Split('\n')[0]);
        StringAssert.StartsWith(stderr, "error: execution timed out after 0.2 s");
    }

    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    public async Task LocalStorePersistsWhatTheLaunchedProgramStoresAsStoffelRunDoes()
    {
        var program = Cli.TempFile("store.stfa", LocalStoreFlagTests.Store);
        var store = Path.Combine(Path.GetDirectoryName(program)!, "state.json");

        Assert.AreEqual("", await LaunchAsync(new JsonObject { ["program"] = program, ["localStore"] = store }));
        var second = Cli.Run("run", Cli.TempFile("load.stfa", LocalStoreFlagTests.Load), "--local-store", store);

        Assert.AreEqual(0, second.ExitCode, second.ToString());
        Assert.AreEqual("42", second.LastLine);
    }

    /// <summary>Launches <paramref name="launch"/> on an in-process adapter with the CLI's VM factory; returns the program's stderr output.</summary>
    private static async Task<string> LaunchAsync(JsonObject launch)
    {
        var toAdapter = new Pipe();
        var fromAdapter = new Pipe();
        var adapter = Task.Run(() => new DebugAdapter(toAdapter.Reader.AsStream(), fromAdapter.Writer.AsStream(), RunVm.ForLaunch).RunAsync());
        var dap = new DapConnection(fromAdapter.Reader.AsStream(), toAdapter.Writer.AsStream());
        var stderr = await Task.Run(() =>
        {
            dap.Request("initialize", []);
            var response = dap.Request("launch", launch);
            Assert.IsTrue((bool)response["success"]!, response.ToJsonString());
            dap.Request("configurationDone");
            dap.Event("terminated");
            dap.Request("disconnect");
            return string.Concat(dap.Received.Where(m => (string?)m["event"] == "output" && (string?)m["body"]!["category"] == "stderr").Select(m => (string?)m["body"]!["output"]));
        });
        await toAdapter.Writer.CompleteAsync();
        await adapter.WaitAsync(TimeSpan.FromSeconds(10));
        return stderr;
    }
}
