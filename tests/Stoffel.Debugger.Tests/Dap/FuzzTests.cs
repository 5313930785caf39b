using System.Text;
using System.Text.Json.Nodes;

namespace Stoffel.Debugger.Tests.Dap;

/// <summary>Seeded random DAP input never crashes the adapter; it stays alive and answers afterwards.</summary>
[TestClass]
public sealed class FuzzTests
{
    private static readonly string[] Commands =
    [
        "launch", "attach", "configurationDone", "setBreakpoints", "setFunctionBreakpoints", "setExceptionBreakpoints",
        "dataBreakpointInfo", "setDataBreakpoints", "threads", "stackTrace", "scopes", "variables", "setVariable",
        "evaluate", "source", "exceptionInfo", "continue", "next", "stepIn", "stepOut", "pause", "restart",
        "stepBack", "goto", "completions", "", "INITIALIZE", "nonsense",
    ];

    private static readonly string[] Keys =
    [
        "threadId", "frameId", "line", "breakpoints", "source", "path", "sourceReference", "variablesReference",
        "name", "value", "expression", "filters", "dataId", "start", "count", "filter", "granularity", "program",
        "args", "entry", "lines", "levels", "startFrame", "condition", "hitCondition", "logMessage", "context",
    ];

    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    [DataRow(1)]
    [DataRow(2)]
    [DataRow(3)]
    public async Task RandomInputBeforeInitializeNeverCrashes(int seed)
    {
        var random = new Random(seed);
        await using var adapter = TestPrograms.LaunchAdapter();
        var client = adapter.Client;
        for (var i = 0; i < 300; i++)
        {
            await SendFuzzAsync(client, random, i);
        }
        var init = await client.RequestAsync("initialize", new JsonObject { ["adapterID"] = "stoffel" });
        Assert.IsTrue((bool)init["success"]!, init.ToJsonString());
        Assert.IsFalse(adapter.Run.IsCompleted, "the adapter is still serving");
        AssertWellFormed(client);
    }

    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    [DataRow(11)]
    [DataRow(12)]
    public async Task WrongArgumentsWhileStoppedNeverCrash(int seed)
    {
        var random = new Random(seed);
        await using var adapter = TestPrograms.LaunchAdapter();
        var client = adapter.Client;
        await client.RequestAsync("initialize", new JsonObject());
        var launch = await client.RequestAsync("launch", new JsonObject { ["program"] = TestPrograms.Example("collections.stfa"), ["stopOnEntry"] = true });
        Assert.IsTrue((bool)launch["success"]!, launch.ToJsonString());
        await client.RequestAsync("configurationDone");
        await client.EventAsync("stopped");

        // Hand-picked wrong types and missing fields first, then random ones.
        string[] known =
        [
            """{"source":{"path":"x.stfa"},"breakpoints":[{"line":"x"}]}""",
            """{"source":{"path":"x.stfa"},"breakpoints":5}""",
            """{"breakpoints":[]}""",
            """{"source":5}""",
            """{"threadId":"1"}""",
            """{"frameId":null}""",
            """{"variablesReference":1.5}""",
            """{"variablesReference":99999999999}""",
            """{"expression":42}""",
            """[]""",
            """ "text" """,
            """{"filters":"errors"}""",
            """{"breakpoints":[{"dataId":7}]}""",
        ];
        foreach (var command in Commands.Where(c => c is not "continue" and not "next" and not "stepIn" and not "stepOut" and not "restart" and not "launch"))
        {
            foreach (var arguments in known)
            {
                var response = await client.RequestRawAsync(command, arguments);
                Assert.AreEqual("response", (string?)response["type"]);
            }
        }
        for (var i = 0; i < 300; i++)
        {
            var command = Commands[random.Next(Commands.Length)];
            if (command is "continue" or "next" or "stepIn" or "stepOut" or "restart" or "pause" or "launch")
            {
                continue; // keep the program stopped so inspection requests reach the engine
            }
            var arguments = RandomObject(random, 0);
            var response = await client.RequestRawAsync(command, arguments.ToJsonString());
            Assert.AreEqual("response", (string?)response["type"]);
        }

        var stack = await client.RequestAsync("stackTrace", new JsonObject { ["threadId"] = 1 });
        Assert.IsTrue((bool)stack["success"]!, stack.ToJsonString());
        await client.RequestAsync("setBreakpoints", new JsonObject { ["source"] = new JsonObject { ["path"] = TestPrograms.Example("collections.stfa") }, ["breakpoints"] = new JsonArray() });
        await client.RequestAsync("setDataBreakpoints", new JsonObject { ["breakpoints"] = new JsonArray() });
        await client.RequestAsync("setFunctionBreakpoints", new JsonObject { ["breakpoints"] = new JsonArray() });
        await client.RequestAsync("setExceptionBreakpoints", new JsonObject { ["filters"] = new JsonArray() });
        await client.RequestAsync("continue", new JsonObject { ["threadId"] = 1 });
        await client.EventAsync("terminated");
        AssertWellFormed(client);
    }

    private static async Task SendFuzzAsync(TestDapClient client, Random random, int i)
    {
        switch (random.Next(5))
        {
            case 0:
                // Random bytes with no header end, then one: a bad header, skipped.
                var bytes = new byte[random.Next(1, 200)];
                random.NextBytes(bytes);
                var text = Encoding.Latin1.GetString(bytes).Replace("\r\n\r\n", "", StringComparison.Ordinal);
                await client.SendBytesAsync([.. Encoding.Latin1.GetBytes(text), .. "\r\n\r\n"u8.ToArray()]);
                break;
            case 1:
                var body = new byte[random.Next(0, 300)];
                random.NextBytes(body);
                await client.SendRawAsync(body);
                break;
            case 2:
                await client.SendRawAsync(Encoding.UTF8.GetBytes(RandomValue(random, 0)?.ToJsonString() ?? "null"));
                break;
            case 3:
                var request = new JsonObject { ["seq"] = RandomValue(random, 2), ["type"] = random.Next(3) == 0 ? RandomValue(random, 2) : "request", ["command"] = Commands[random.Next(Commands.Length)], ["arguments"] = RandomValue(random, 0) };
                await client.SendRawAsync(Encoding.UTF8.GetBytes(request.ToJsonString()));
                break;
            default:
                var headers = new[] { "Content-Length: -3", "Content-Length: 4294967296", "Content-Length:", "Content-Length: 0x10", "content-length: 2\r\nContent-Length: x" };
                await client.SendBytesAsync(Encoding.ASCII.GetBytes(headers[random.Next(headers.Length)] + "\r\n\r\n"));
                break;
        }
    }

    private static JsonObject RandomObject(Random random, int depth)
    {
        var obj = new JsonObject();
        for (var k = random.Next(0, 5); k > 0; k--)
        {
            obj[Keys[random.Next(Keys.Length)]] = RandomValue(random, depth + 1);
        }
        return obj;
    }

    private static JsonNode? RandomValue(Random random, int depth) => random.Next(depth > 3 ? 6 : 9) switch
    {
        0 => null,
        1 => JsonValue.Create(random.Next(-5, 5)),
        2 => JsonValue.Create(random.NextInt64()),
        3 => JsonValue.Create(random.NextDouble() * 1e10),
        4 => JsonValue.Create(new string((char)random.Next(0, 0xD7FF), random.Next(0, 8))),
        5 => JsonValue.Create(random.Next(2) == 0),
        6 => RandomObject(random, depth),
        _ => new JsonArray(Enumerable.Range(0, random.Next(0, 4)).Select(_ => RandomValue(random, depth + 1)).ToArray()),
    };

    private static void AssertWellFormed(TestDapClient client)
    {
        Assert.AreEqual(0, client.SeqViolations.Count, string.Join(", ", client.SeqViolations));
        List<JsonObject> all;
        lock (client.All)
        {
            all = [.. client.All];
        }
        foreach (var failed in all.Where(m => (string?)m["type"] == "response" && !(bool)m["success"]!))
        {
            Assert.IsNotNull(failed["body"]?["error"]?["format"], failed.ToJsonString());
            Assert.IsNotNull(failed["command"], failed.ToJsonString());
        }
    }
}
