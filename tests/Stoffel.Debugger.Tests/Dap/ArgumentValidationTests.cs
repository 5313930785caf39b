using System.Text.Json.Nodes;

namespace Stoffel.Debugger.Tests.Dap;

/// <summary>Null, missing and wrong-typed arguments get ordinary error responses, never an internal error.</summary>
[TestClass]
public sealed class ArgumentValidationTests
{
    private static readonly string[] Commands =
    [
        "launch", "attach", "configurationDone", "setBreakpoints", "setFunctionBreakpoints", "setExceptionBreakpoints",
        "dataBreakpointInfo", "setDataBreakpoints", "setInstructionBreakpoints", "breakpointLocations", "threads",
        "stackTrace", "scopes", "variables", "setVariable", "evaluate", "completions", "source", "loadedSources",
        "disassemble", "exceptionInfo", "continue", "next", "stepIn", "stepOut", "stepBack", "reverseContinue",
        "pause", "terminate", "restart",
    ];

    private static readonly string[] RunControl = ["continue", "next", "stepIn", "stepOut", "stepBack", "reverseContinue", "pause", "terminate", "restart", "launch", "attach"];

    private static readonly string[] Shapes =
    [
        "null",
        "7",
        """{"breakpoints":null}""",
        """{"breakpoints":[null]}""",
        """{"breakpoints":[{"name":null}]}""",
        """{"breakpoints":[{"dataId":null}]}""",
        """{"breakpoints":[{"instructionReference":null}]}""",
        """{"breakpoints":[{"instructionReference":"0x0","offset":"1"}]}""",
        """{"source":null,"breakpoints":[]}""",
        """{"source":{"path":null},"breakpoints":[{"line":null}]}""",
        """{"source":{"path":"x.stfa"},"lines":[null]}""",
        """{"filters":null}""",
        """{"filters":[null]}""",
        """{"filters":[],"filterOptions":[null]}""",
        """{"filters":[],"filterOptions":[{"filterId":null}]}""",
        """{"expression":null}""",
        """{"variablesReference":1,"name":null,"value":null}""",
        """{"threadId":null}""",
        """{"frameId":null}""",
        """{"program":null}""",
        """{"program":"x.stfa","args":[null]}""",
        """{"program":"x.stfa","maxInstructions":"many"}""",
        """{"pathMappings":null}""",
        """{"pathMappings":[{"localRoot":null,"remoteRoot":"/"}]}""",
        """{"memoryReference":null,"instructionCount":4}""",
        """{"memoryReference":"0x0","instructionCount":null}""",
        """{"memoryReference":"banana","instructionCount":4}""",
        """{"text":null,"column":1}""",
        """{"text":"r","column":null}""",
        """{"source":{"path":"x.stfa"},"line":null}""",
        """{"sourceReference":null}""",
    ];

    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    public async Task BeforeLaunchEveryRequestWithBadArgumentsGetsAnOrdinaryError()
    {
        await using var adapter = TestPrograms.LaunchAdapter();
        var client = adapter.Client;
        await client.RequestAsync("initialize", new JsonObject());
        await AssertOrdinaryAnswers(client, Commands);
        Assert.IsTrue((bool)(await client.RequestAsync("threads"))["success"]!);
    }

    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    public async Task WhileStoppedEveryRequestWithBadArgumentsGetsAnOrdinaryError()
    {
        await using var adapter = TestPrograms.LaunchAdapter();
        var client = adapter.Client;
        await client.RequestAsync("initialize", new JsonObject());
        Assert.IsTrue((bool)(await client.RequestAsync("launch", new JsonObject { ["program"] = TestPrograms.Example("collections.stfa"), ["stopOnEntry"] = true }))["success"]!);
        await client.RequestAsync("configurationDone");
        await client.EventAsync("stopped");
        await AssertOrdinaryAnswers(client, Commands.Except(RunControl));
        var stack = await client.RequestAsync("stackTrace", new JsonObject { ["threadId"] = 1 });
        Assert.IsTrue((bool)stack["success"]!, "still stopped and answering");
    }

    [TestMethod]
    [Timeout(20_000, CooperativeCancellation = true)]
    [DataRow("setFunctionBreakpoints")]
    [DataRow("setDataBreakpoints")]
    [DataRow("setInstructionBreakpoints")]
    public async Task NullBreakpointsIsAnInvalidArgumentsError(string command)
    {
        await using var adapter = TestPrograms.LaunchAdapter();
        await adapter.Client.RequestAsync("initialize", new JsonObject());
        var response = await adapter.Client.RequestRawAsync(command, """{"breakpoints":null}""");
        Assert.IsFalse((bool)response["success"]!);
        StringAssert.StartsWith((string?)response["message"], $"invalid arguments for '{command}'");
        StringAssert.Contains((string?)response["message"], "Breakpoints");
    }

    private static async Task AssertOrdinaryAnswers(TestDapClient client, IEnumerable<string> commands)
    {
        foreach (var command in commands)
        {
            foreach (var arguments in Shapes)
            {
                var response = await client.RequestRawAsync(command, arguments);
                var message = (string?)response["message"] ?? "";
                Assert.IsFalse(message.Contains("internal error", StringComparison.Ordinal) || message.Contains("cannot be null", StringComparison.Ordinal) || message.Contains("Object reference", StringComparison.Ordinal),
                    $"{command} {arguments}: {message}");
            }
        }
    }
}
