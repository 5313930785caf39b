using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.VisualStudio.Threading;
using StreamJsonRpc;

namespace Stoffel.LanguageServer;

/// <summary>
/// The Stoffel language server: the Language Server Protocol for <c>.stfa</c> documents over a
/// pair of streams (what <c>stoffel lsp</c> runs on stdin/stdout). Built on StreamJsonRpc
/// (<see cref="JsonRpc"/> over <see cref="HeaderDelimitedMessageHandler"/> with
/// <see cref="SystemTextJsonFormatter"/>); the features read the assembler's analysis
/// (<c>StfaAssembler.Analyze</c>), the opcode table and the standard library's catalog.
/// </summary>
public static class StoffelLanguageServer
{
    /// <summary>
    /// Serves one client until it sends <c>exit</c>, closes its stream, or
    /// <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    /// <param name="input">The stream the client writes to (the server's stdin).</param>
    /// <param name="output">The stream the client reads (the server's stdout).</param>
    /// <param name="cancellationToken">Stops the server.</param>
    /// <returns>A task that completes when the connection ends.</returns>
    /// <exception cref="ArgumentNullException">A stream is null.</exception>
    public static async Task RunAsync(Stream input, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        var formatter = new SystemTextJsonFormatter();
        formatter.JsonSerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        formatter.JsonSerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        var rpc = new JsonRpc(new HeaderDelimitedMessageHandler(output, input, formatter))
        {
            // One request at a time, in arrival order: a hover sees the didChange sent before it.
            SynchronizationContext = new NonConcurrentSynchronizationContext(sticky: false),
        };
        var exitRequested = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var target = new LanguageServerTarget(
            diagnostics => rpc.NotifyWithParameterObjectAsync("textDocument/publishDiagnostics", diagnostics),
            () => exitRequested.TrySetResult());
        rpc.AddLocalRpcTarget(target, new JsonRpcTargetOptions { UseSingleObjectParameterDeserialization = true });
        rpc.StartListening();
        using var registration = cancellationToken.Register(() => exitRequested.TrySetResult());
        await Task.WhenAny(rpc.Completion, exitRequested.Task).ConfigureAwait(false);
        // Disposing waits for the reader, and a read of the console's stdin cannot be cancelled:
        // the connection is over, so the server does not wait for it.
        _ = Task.Run(rpc.Dispose);
        try
        {
            await rpc.Completion.WaitAsync(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ObjectDisposedException or OperationCanceledException or IOException or ConnectionLostException or TimeoutException)
        {
            // The client went away or the reader is stuck in a read: the connection is over either way.
        }
    }
}
