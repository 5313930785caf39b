using System.Text.Json.Nodes;

namespace Stoffel.Stress.Dap;

/// <summary>
/// Requests a real client could send, in any order: every command the adapter serves with
/// arguments of the right shape and plausible values (thread 1, small frame and variable
/// references, lines of the launched programs, expressions a watch window sends), so random
/// sequences drive sessions through launch, stops, stepping, inspection and termination.
/// </summary>
public sealed class PlausibleRequests(DapTargets targets)
{
    /// <summary>Every command <see cref="Next"/> chooses from (never <c>disconnect</c>: ending the session is the fuzzer's decision).</summary>
    public static IReadOnlyList<string> Commands { get; } =
    [
        "initialize", "launch", "attach", "configurationDone", "setBreakpoints", "setFunctionBreakpoints",
        "setExceptionBreakpoints", "dataBreakpointInfo", "setDataBreakpoints", "setInstructionBreakpoints",
        "breakpointLocations", "threads", "stackTrace", "scopes", "variables", "setVariable", "evaluate", "completions",
        "source", "loadedSources", "disassemble", "exceptionInfo", "continue", "next", "stepIn", "stepOut", "stepBack",
        "reverseContinue", "pause", "terminate", "restart", "goto",
    ];

    private static readonly string[] Expressions = ["r0", "r1", "r3", "n", "count", "r2[0]", "r5[2].name", "r0.total", "1 +", "", "r99999", "\"text\"", "42u8", "r0[-1]"];

    private static readonly string[] Literals = ["42", "-7", "7u8", "1.5", "true", "unit", "\"s\"", "[1]", "r1", "", "99999999999999999999"];

    private static readonly string[] Entries = ["main", "fib", "make_counter", "nope", ""];

    /// <summary>A random plausible request: (command, arguments).</summary>
    public (string Command, JsonObject Arguments) Next(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var command = Commands[random.Next(Commands.Count)];
        return (command, Arguments(command, random));
    }

    /// <summary>Plausible arguments for <paramref name="command"/>.</summary>
    public JsonObject Arguments(string command, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return command switch
        {
            "initialize" => new() { ["adapterID"] = "stoffel", ["linesStartAt1"] = random.Next(4) != 0, ["columnsStartAt1"] = random.Next(4) != 0, ["supportsInvalidatedEvent"] = random.Next(2) == 0 },
            "launch" => Launch(random),
            "setBreakpoints" => new() { ["source"] = Source(random), ["breakpoints"] = new JsonArray([.. Enumerable.Range(0, random.Next(4)).Select(_ => Breakpoint(random))]) },
            "setFunctionBreakpoints" => new() { ["breakpoints"] = new JsonArray([.. Enumerable.Range(0, random.Next(3)).Select(_ => (JsonNode)new JsonObject { ["name"] = Pick(Entries, random) })]) },
            "setExceptionBreakpoints" => new() { ["filters"] = random.Next(2) == 0 ? new JsonArray("errors") : new JsonArray() },
            "dataBreakpointInfo" => new() { ["variablesReference"] = random.Next(0, 20), ["name"] = $"r{random.Next(6)}" },
            "setDataBreakpoints" => new() { ["breakpoints"] = new JsonArray([.. Enumerable.Range(0, random.Next(3)).Select(_ => (JsonNode)new JsonObject { ["dataId"] = $"{random.Next(20)}:r{random.Next(6)}", ["accessType"] = "write" })]) },
            "setInstructionBreakpoints" => new() { ["breakpoints"] = new JsonArray(new JsonObject { ["instructionReference"] = $"0x{random.Next(0, 4096):X}", ["offset"] = random.Next(-3, 3) }) },
            "breakpointLocations" => new() { ["source"] = Source(random), ["line"] = random.Next(0, 60) },
            "stackTrace" => new() { ["threadId"] = 1, ["startFrame"] = random.Next(0, 3), ["levels"] = random.Next(0, 30) },
            "scopes" => new() { ["frameId"] = random.Next(0, 8) },
            "variables" => new() { ["variablesReference"] = random.Next(0, 40), ["start"] = random.Next(0, 3), ["count"] = random.Next(0, 50) },
            "setVariable" => new() { ["variablesReference"] = random.Next(0, 12), ["name"] = $"r{random.Next(6)}", ["value"] = Pick(Literals, random) },
            "evaluate" => new() { ["expression"] = Pick(Expressions, random), ["frameId"] = random.Next(0, 4), ["context"] = Pick(["watch", "hover", "repl"], random) },
            "completions" => new() { ["text"] = "r", ["column"] = random.Next(0, 4) },
            "source" => new() { ["sourceReference"] = random.Next(0, 6) },
            "disassemble" => new() { ["memoryReference"] = $"0x{random.Next(0, 256):X}", ["instructionCount"] = random.Next(0, 60), ["instructionOffset"] = random.Next(-20, 20) },
            "continue" or "next" or "stepIn" or "stepOut" or "stepBack" or "reverseContinue" or "pause" or "exceptionInfo" or "goto" =>
                new() { ["threadId"] = 1, ["granularity"] = Pick(["line", "instruction", "statement"], random) },
            _ => new(),
        };
    }

    private JsonObject Launch(Random random)
    {
        var launch = new JsonObject { ["program"] = Pick(targets.Programs, random), ["stopOnEntry"] = random.Next(2) == 0 };
        if (random.Next(3) == 0)
        {
            launch["entry"] = Pick(Entries, random);
            launch["args"] = new JsonArray(Pick(Literals, random));
        }
        if (random.Next(2) == 0)
        {
            launch["maxInstructions"] = random.Next(1, 200_000);
        }
        if (random.Next(3) == 0)
        {
            launch["timeout"] = random.Next(1, 3);
        }
        return launch;
    }

    private JsonObject Source(Random random) => new() { ["path"] = Pick(targets.Programs, random) };

    private static JsonObject Breakpoint(Random random)
    {
        var breakpoint = new JsonObject { ["line"] = random.Next(0, 50) };
        switch (random.Next(5))
        {
            case 0: breakpoint["condition"] = Pick(["r0 == 1", "n", "r3 < 2", "((", "true"], random); break;
            case 1: breakpoint["hitCondition"] = Pick([">2", "%3", "4", "x", "==1"], random); break;
            case 2: breakpoint["logMessage"] = Pick(["r0 is {r0}", "{", "{n}", "plain"], random); break;
        }
        return breakpoint;
    }

    private static string Pick(IReadOnlyList<string> choices, Random random) => choices[random.Next(choices.Count)];
}
