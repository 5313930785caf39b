using System.Text.Json.Nodes;

namespace Stoffel.Stress.Dap;

/// <summary>
/// What every message an adapter sends must be (docs/debugger.md "Capabilities"): a JSON object
/// whose <c>seq</c> is the previous one plus one (from 1), of type <c>response</c> or
/// <c>event</c>; a response names its <c>command</c> and <c>request_seq</c> and says
/// <c>success</c>; a failed one carries its message in <c>body.error.format</c> and is an
/// ordinary error, never an exception that escaped a handler (<c>internal error</c>, a .NET
/// null-argument or null-reference message).
/// </summary>
public static class AdapterMessageCheck
{
    private static readonly string[] EscapedExceptionMarks = ["internal error", "cannot be null", "Object reference"];

    /// <summary>The problem with <paramref name="message"/>, or null when it is well-formed.</summary>
    /// <param name="message">The parsed message.</param>
    /// <param name="expectedSeq">The <c>seq</c> it must have.</param>
    public static string? Problem(JsonObject message, int expectedSeq)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!IsInt32(message["seq"], out var seq) || seq != expectedSeq)
        {
            return $"seq {message["seq"]?.ToJsonString() ?? "missing"} where {expectedSeq} was due";
        }
        switch (Text(message["type"]))
        {
            case "event":
                return Text(message["event"]) is { Length: > 0 } ? null : "an event without a name";
            case "response":
                break;
            default:
                return $"a message of type {message["type"]?.ToJsonString() ?? "missing"}";
        }
        if (Text(message["command"]) is null || !IsInt32(message["request_seq"], out _))
        {
            return "a response without its command or request_seq";
        }
        if (message["success"] is not JsonValue success || !success.TryGetValue<bool>(out var succeeded))
        {
            return "a response without success";
        }
        if (succeeded)
        {
            return null;
        }
        var format = Text(((message["body"] as JsonObject)?["error"] as JsonObject)?["format"]);
        if (format is null)
        {
            return "a failed response without body.error.format";
        }
        var said = $"{Text(message["message"])} {format}";
        return EscapedExceptionMarks.FirstOrDefault(mark => said.Contains(mark, StringComparison.Ordinal)) is { } escaped
            ? $"an exception escaped the '{Text(message["command"])}' handler ({escaped}): {format}"
            : null;
    }

    private static bool IsInt32(JsonNode? node, out int value)
    {
        value = 0;
        return node is JsonValue number && number.TryGetValue(out value);
    }

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
