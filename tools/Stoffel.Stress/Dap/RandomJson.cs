using System.Text.Json.Nodes;

namespace Stoffel.Stress.Dap;

/// <summary>
/// Random JSON for fuzzed DAP messages: values of every type (null, small and huge numbers,
/// strings of arbitrary characters, booleans, nested objects and arrays), and objects whose keys
/// are argument names DAP requests use, so a wrong type lands where a handler looks.
/// </summary>
public static class RandomJson
{
    /// <summary>Argument names of DAP requests.</summary>
    public static IReadOnlyList<string> Keys { get; } =
    [
        "threadId", "frameId", "line", "breakpoints", "source", "path", "sourceReference", "variablesReference",
        "name", "value", "expression", "filters", "dataId", "start", "count", "filter", "granularity", "program",
        "args", "entry", "lines", "levels", "startFrame", "condition", "hitCondition", "logMessage", "context",
        "memoryReference", "instructionCount", "instructionOffset", "offset", "instructionReference", "text", "column",
        "accessType", "filterOptions", "stopOnEntry", "maxInstructions", "timeout", "pathMappings",
    ];

    /// <summary>An object of zero to four random argument names with random values.</summary>
    public static JsonObject Object(Random random, int depth = 0)
    {
        ArgumentNullException.ThrowIfNull(random);
        var obj = new JsonObject();
        for (var k = random.Next(0, 5); k > 0; k--)
        {
            obj[Keys[random.Next(Keys.Count)]] = Value(random, depth + 1);
        }
        return obj;
    }

    /// <summary>A random value of any JSON type; nesting stops below depth 4.</summary>
    public static JsonNode? Value(Random random, int depth = 0)
    {
        ArgumentNullException.ThrowIfNull(random);
        return random.Next(depth > 3 ? 6 : 9) switch
        {
            0 => null,
            1 => JsonValue.Create(random.Next(-5, 5)),
            2 => JsonValue.Create(random.NextInt64()),
            3 => JsonValue.Create(random.NextDouble() * 1e10),
            4 => JsonValue.Create(new string((char)random.Next(0, 0xD7FF), random.Next(0, 8))),
            5 => JsonValue.Create(random.Next(2) == 0),
            6 => Object(random, depth),
            _ => new JsonArray([.. Enumerable.Range(0, random.Next(0, 4)).Select(_ => Value(random, depth + 1))]),
        };
    }
}
