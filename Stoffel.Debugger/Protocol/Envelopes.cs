using System.Text.Json;
using System.Text.Json.Serialization;

namespace Stoffel.Debugger.Protocol;

// The three DAP message shapes the adapter sends. Bodies are serialised separately with their own
// source-generated type info and embedded as JsonElement, so no polymorphic serialisation is needed.

internal sealed class ResponseMessage
{
    public int Seq { get; set; }
    public string Type { get; set; } = "response";
    [JsonPropertyName("request_seq")]
    public int RequestSeq { get; set; }
    public bool Success { get; set; }
    public string Command { get; set; } = "";
    public string? Message { get; set; }
    public JsonElement? Body { get; set; }
}

internal sealed class EventMessage
{
    public int Seq { get; set; }
    public string Type { get; set; } = "event";
    public string Event { get; set; } = "";
    public JsonElement? Body { get; set; }
}

/// <summary>An incoming request, read leniently: any field may be missing or of the wrong type.</summary>
internal sealed record IncomingRequest(int Seq, string Command, JsonElement Arguments);
