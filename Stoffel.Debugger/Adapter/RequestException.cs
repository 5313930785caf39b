namespace Stoffel.Debugger.Adapter;

/// <summary>A request failed; the message goes to the client in the error response.</summary>
internal sealed class RequestException(string message) : Exception(message);
