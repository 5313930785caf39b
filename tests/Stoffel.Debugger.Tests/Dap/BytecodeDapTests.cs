using System.Text.Json.Nodes;

namespace Stoffel.Debugger.Tests.Dap;

/// <summary>
/// The bytecode-native requests over the protocol: disassemble around a frame's
/// instructionPointerReference, instruction breakpoints, instruction steps, breakpoint locations,
/// loaded sources, completions, invalidated events. In examples/fib.stfa main's four instructions
/// have addresses 0x1000–0x1003 and fib's start at 0x1004.
/// </summary>
[TestClass]
public sealed class BytecodeDapTests
{
    private static readonly string Fib = TestPrograms.Example("fib.stfa");

    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    public async Task DisassembleAroundTheCurrentInstructionWithAddressesAndLines()
    {
        await using var adapter = TestPrograms.LaunchAdapter();
        var client = adapter.Client;
        var capabilities = (await client.RequestAsync("initialize", new JsonObject()))["body"]!;
        foreach (var capability in new[] { "supportsDisassembleRequest", "supportsInstructionBreakpoints", "supportsBreakpointLocationsRequest", "supportsLoadedSourcesRequest", "supportsCompletionsRequest", "supportsSteppingGranularity" })
        {
            Assert.IsTrue((bool)capabilities[capability]!, capability);
        }
        await LaunchFib(client, breakpointLine: 13);
        var frames = await Frames(client);
        Assert.AreEqual("0x00001005", (string?)frames[0]!["instructionPointerReference"]);
        Assert.AreEqual("0x00001002", (string?)frames[1]!["instructionPointerReference"], "main's frame is at its CALL");

        var instructions = (await client.RequestAsync("disassemble", new JsonObject
        {
            ["memoryReference"] = "0x00001005",
            ["instructionOffset"] = -6,
            ["instructionCount"] = 10,
            ["resolveSymbols"] = true,
        }))["body"]!["instructions"]!.AsArray();
        CollectionAssert.AreEqual(
            new[] { "0x00000FFF", "0x00001000", "0x00001001", "0x00001002", "0x00001003", "0x00001004", "0x00001005", "0x00001006", "0x00001007", "0x00001008" },
            instructions.Select(i => (string?)i!["address"]).ToArray());
        CollectionAssert.AreEqual(
            new[] { "", "LDI r1, 20", "PUSHARG r1", "CALL fib", "RET r0", "MOV r3, r0", "LDI r1, 2", "CMP r3, r1", "JMPLT base", "LDI r1, 1" },
            instructions.Select(i => (string?)i!["instruction"]).ToArray());
        CollectionAssert.AreEqual(new int?[] { null, 5, 6, 7, 8, 12, 13, 14, 15, 16 }, instructions.Select(i => (int?)i!["line"]).ToArray());
        CollectionAssert.AreEqual(new[] { null, "main", "main", "main", "main", "fib", "fib", "fib", "fib", "fib" }, instructions.Select(i => (string?)i!["symbol"]).ToArray());
        Assert.AreEqual("invalid", (string?)instructions[0]!["presentationHint"]);
        Assert.AreEqual(Fib, (string?)instructions[1]!["location"]!["path"]);

        var offset = (await client.RequestAsync("disassemble", new JsonObject { ["memoryReference"] = "0x1000", ["offset"] = 4, ["instructionCount"] = 1 }))["body"]!["instructions"]![0]!;
        Assert.AreEqual("MOV r3, r0", (string?)offset["instruction"], "offset counts instructions");
        var bad = await client.RequestAsync("disassemble", new JsonObject { ["memoryReference"] = "main", ["instructionCount"] = 1 });
        Assert.IsFalse((bool)bad["success"]!);
        StringAssert.Contains((string?)bad["message"], "must be an address");
    }

    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    public async Task AnInstructionBreakpointStopsAndStepsGoByInstruction()
    {
        await using var adapter = TestPrograms.LaunchAdapter();
        var client = adapter.Client;
        await client.RequestAsync("initialize", new JsonObject());
        await LaunchFib(client, breakpointLine: 12);
        await client.RequestAsync("setBreakpoints", new JsonObject { ["source"] = new JsonObject { ["path"] = Fib }, ["breakpoints"] = new JsonArray() });

        var set = await client.RequestAsync("setInstructionBreakpoints", new JsonObject
        {
            ["breakpoints"] = new JsonArray(new JsonObject { ["instructionReference"] = "0x00001006", ["offset"] = 1 }, new JsonObject { ["instructionReference"] = "0x00000005" }),
        });
        var results = set["body"]!["breakpoints"]!.AsArray();
        Assert.IsTrue((bool)results[0]!["verified"]!);
        Assert.AreEqual(15, (int)results[0]!["line"]!);
        Assert.AreEqual("0x00001007", (string?)results[0]!["instructionReference"]);
        Assert.IsFalse((bool)results[1]!["verified"]!);
        StringAssert.Contains((string?)results[1]!["message"], "no instruction at address");

        await client.RequestAsync("continue", new JsonObject { ["threadId"] = 1 });
        var stopped = await client.EventAsync("stopped");
        Assert.AreEqual("instruction breakpoint", (string?)stopped["body"]!["reason"]);
        Assert.AreEqual((int)results[0]!["id"]!, (int)stopped["body"]!["hitBreakpointIds"]![0]!);
        var top = (await Frames(client))[0]!;
        Assert.AreEqual("0x00001007", (string?)top["instructionPointerReference"]);
        Assert.AreEqual(15, (int)top["line"]!);

        await client.RequestAsync("setInstructionBreakpoints", new JsonObject { ["breakpoints"] = new JsonArray() });
        await client.RequestAsync("next", new JsonObject { ["threadId"] = 1, ["granularity"] = "instruction" });
        Assert.AreEqual("step", (string?)(await client.EventAsync("stopped"))["body"]!["reason"]);
        Assert.AreEqual("0x00001008", (string?)(await Frames(client))[0]!["instructionPointerReference"]);
        await client.RequestAsync("stepIn", new JsonObject { ["threadId"] = 1, ["granularity"] = "instruction" });
        await client.EventAsync("stopped");
        var afterStep = (await Frames(client))[0]!;
        Assert.AreEqual("0x00001009", (string?)afterStep["instructionPointerReference"]);
        Assert.AreEqual(17, (int)afterStep["line"]!);
    }

    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    public async Task BreakpointLocationsLoadedSourcesAndCompletions()
    {
        await using var adapter = TestPrograms.LaunchAdapter();
        var client = adapter.Client;
        await client.RequestAsync("initialize", new JsonObject());
        var early = await client.RequestAsync("breakpointLocations", new JsonObject { ["source"] = new JsonObject { ["path"] = Fib }, ["line"] = 1, ["endLine"] = 30 });
        Assert.AreEqual(0, early["body"]!["breakpoints"]!.AsArray().Count, "nothing is loaded before launch");
        await LaunchFib(client, breakpointLine: 13);

        async Task<int[]> Locations(int line, int? endLine)
        {
            var arguments = new JsonObject { ["source"] = new JsonObject { ["path"] = Fib }, ["line"] = line };
            if (endLine is { } end)
            {
                arguments["endLine"] = end;
            }
            return (await client.RequestAsync("breakpointLocations", arguments))["body"]!["breakpoints"]!.AsArray().Select(b => (int)b!["line"]!).ToArray();
        }
        CollectionAssert.AreEqual(new[] { 12, 13, 14 }, await Locations(9, 14));
        CollectionAssert.AreEqual(new[] { 5, 6, 7, 8 }, await Locations(1, 10));
        CollectionAssert.AreEqual(Array.Empty<int>(), await Locations(27, null), "a label line holds no instruction");
        CollectionAssert.AreEqual(new[] { 28 }, await Locations(28, null));

        var sources = (await client.RequestAsync("loadedSources"))["body"]!["sources"]!.AsArray();
        Assert.AreEqual(1, sources.Count);
        Assert.AreEqual(Fib, (string?)sources[0]!["path"]);
        Assert.AreEqual("fib.stfa", (string?)sources[0]!["name"]);

        async Task<JsonArray> Complete(string text, int column) =>
            (await client.RequestAsync("completions", new JsonObject { ["text"] = text, ["column"] = column, ["frameId"] = 1 }))["body"]!["targets"]!.AsArray();
        var registers = await Complete("x == r", 7);
        CollectionAssert.AreEqual(new[] { "r0", "r1", "r2", "r3", "r4" }, registers.Where(t => (string?)t!["detail"] == "register").Select(t => (string?)t!["label"]).ToArray());
        Assert.IsTrue(registers.All(t => (int)t!["start"]! == 6 && (int)t!["length"]! == 1), "the word 'r' at column 6 is replaced");
        var n = (await Complete("n", 2)).Single(t => (string?)t!["label"] == "n")!;
        Assert.AreEqual("parameter", (string?)n["detail"]);
        Assert.AreEqual("variable", (string?)n["type"]);
        var print = (await Complete("pri", 4)).Single(t => (string?)t!["label"] == "print")!;
        Assert.AreEqual("function", (string?)print["type"]);
        Assert.AreEqual("builtin", (string?)print["detail"]);
        Assert.AreEqual(0, (await Complete("r5.na", 6)).Count, "a field name is not a variable");
        var everything = await Complete("", 1);
        Assert.IsTrue(everything.Count > 5 && everything.Any(t => (string?)t!["label"] == "r0") && everything.Any(t => (string?)t!["label"] == "print"));
    }

    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    [DataRow(true)]
    [DataRow(false)]
    public async Task InvalidatedAfterSetVariableAndReverseStepsOnlyForClientsThatSupportIt(bool supported)
    {
        await using var adapter = TestPrograms.LaunchAdapter();
        var client = adapter.Client;
        await client.RequestAsync("initialize", new JsonObject { ["supportsInvalidatedEvent"] = supported });
        await LaunchFib(client, breakpointLine: 13);
        var registers = (await client.RequestAsync("scopes", new JsonObject { ["frameId"] = 1 }))["body"]!["scopes"]![0]!;
        var set = await client.RequestAsync("setVariable", new JsonObject { ["variablesReference"] = (int)registers["variablesReference"]!, ["name"] = "r0", ["value"] = "7" });
        Assert.IsTrue((bool)set["success"]!);
        await client.RequestAsync("stepBack", new JsonObject { ["threadId"] = 1 });
        var stopped = await client.EventAsync("stopped");
        await client.RequestAsync("threads");
        var invalidated = client.All.Where(m => (string?)m["event"] == "invalidated").ToArray();
        if (!supported)
        {
            Assert.AreEqual(0, invalidated.Length);
            return;
        }
        Assert.AreEqual(2, invalidated.Length);
        Assert.AreEqual("variables", (string?)invalidated[0]["body"]!["areas"]![0]);
        Assert.IsTrue(client.All.IndexOf(set) < client.All.IndexOf(invalidated[0]), "after the setVariable response");
        Assert.AreEqual("all", (string?)invalidated[1]["body"]!["areas"]![0]);
        Assert.AreEqual(1, (int)invalidated[1]["body"]!["threadId"]!);
        Assert.IsTrue(client.All.IndexOf(stopped) < client.All.IndexOf(invalidated[1]), "after the reverse step's stop");
    }

    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    public async Task ABinaryDisassemblesToItsOwnDisassemblySource()
    {
        var binary = Path.Combine(TestPrograms.RepositoryRoot, "tests", "conformance", "upstream", "fizzbuzz.stflb");
        await using var adapter = TestPrograms.LaunchAdapter();
        var client = adapter.Client;
        await client.RequestAsync("initialize", new JsonObject());
        Assert.IsTrue((bool)(await client.RequestAsync("launch", new JsonObject { ["program"] = binary, ["stopOnEntry"] = true }))["success"]!);
        await client.RequestAsync("configurationDone");
        await client.EventAsync("stopped");
        var top = (await Frames(client))[0]!;
        var reference = (int)top["source"]!["sourceReference"]!;
        var text = ((string?)(await client.RequestAsync("source", new JsonObject { ["sourceReference"] = reference }))["body"]!["content"])!.Split('\n');
        var instructions = (await client.RequestAsync("disassemble", new JsonObject { ["memoryReference"] = (string?)top["instructionPointerReference"], ["instructionCount"] = 20 }))["body"]!["instructions"]!.AsArray();
        Assert.AreEqual((string?)top["instructionPointerReference"], (string?)instructions[0]!["address"]);
        foreach (var instruction in instructions.Where(i => (string?)i!["presentationHint"] != "invalid"))
        {
            Assert.AreEqual(reference, (int)instruction!["location"]!["sourceReference"]!);
            Assert.AreEqual(text[(int)instruction["line"]! - 1].Trim(), (string?)instruction["instruction"], "the same text as the disassembly (stoffel disasm) at that line");
        }
    }

    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    public async Task MaxInstructionsStopsARunawayLaunch()
    {
        var script = TestPrograms.WriteScript(".function main()\nloop:\n    JMP loop\n.end\n");
        await using var adapter = TestPrograms.LaunchAdapter();
        var client = adapter.Client;
        await client.RequestAsync("initialize", new JsonObject());
        var refused = await client.RequestAsync("launch", new JsonObject { ["program"] = script, ["maxInstructions"] = 0 });
        Assert.AreEqual("'maxInstructions' must be positive, got 0", (string?)refused["message"]);
        Assert.IsTrue((bool)(await client.RequestAsync("launch", new JsonObject { ["program"] = script, ["maxInstructions"] = 1000 }))["success"]!);
        await client.RequestAsync("configurationDone");
        Assert.AreEqual(1, (int)(await client.EventAsync("exited"))["body"]!["exitCode"]!);
        var stderr = string.Concat(client.All.Where(m => (string?)m["event"] == "output" && (string?)m["body"]!["category"] == "stderr").Select(m => (string?)m["body"]!["output"]));
        StringAssert.StartsWith(stderr, "error: instruction limit of 1000 reached");
        StringAssert.Contains(stderr, "at main (");
    }

    private static async Task LaunchFib(TestDapClient client, int breakpointLine)
    {
        Assert.IsTrue((bool)(await client.RequestAsync("launch", new JsonObject { ["program"] = Fib }))["success"]!);
        await client.RequestAsync("setBreakpoints", new JsonObject
        {
            ["source"] = new JsonObject { ["path"] = Fib },
            ["breakpoints"] = new JsonArray(new JsonObject { ["line"] = breakpointLine }),
        });
        await client.RequestAsync("configurationDone");
        Assert.AreEqual("breakpoint", (string?)(await client.EventAsync("stopped"))["body"]!["reason"]);
    }

    private static async Task<JsonArray> Frames(TestDapClient client) =>
        (await client.RequestAsync("stackTrace", new JsonObject { ["threadId"] = 1 }))["body"]!["stackFrames"]!.AsArray();
}
