using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Microsoft.VisualStudio.Threading;
using Stoffel.LanguageServer.Protocol;
using StreamJsonRpc;

namespace Stoffel.LanguageServer;

/// <summary>
/// The Stoffel language server: the Language Server Protocol for <c>.stfa</c> documents over a
/// pair of streams (what <c>stoffel lsp</c> runs on stdin/stdout). Built on StreamJsonRpc
/// (<see cref="JsonRpc"/> over <see cref="HeaderDelimitedMessageHandler"/> with
/// <see cref="SystemTextJsonFormatter"/>), Native AOT safe: the JSON metadata is source-generated
/// (<c>LspJsonContext</c>) and so is the shape of the methods it dispatches to. The features read
/// the assembler's analysis (<c>StfaAssembler.Analyze</c>), the opcode table and the standard
/// library's catalog.
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
        var rpc = new JsonRpc(new HeaderDelimitedMessageHandler(output, input, CreateFormatter()))
        {
            // One request at a time, in arrival order: a hover sees the didChange sent before it.
            SynchronizationContext = new NonConcurrentSynchronizationContext(sticky: false),
        };
        var exitRequested = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var target = new LanguageServerTarget(
            diagnostics =>
            {
                var (arguments, types) = diagnostics.ToNamedArguments();
                return rpc.NotifyWithParameterObjectAsync("textDocument/publishDiagnostics", arguments, types);
            },
            () => exitRequested.TrySetResult());
        rpc.AddLocalRpcTarget(
            RpcTargetMetadata.FromShape<LanguageServerTarget>(), target, new JsonRpcTargetOptions { UseSingleObjectParameterDeserialization = true });
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

    // The formatter's type is marked as needing reflection, but it reflects over nothing the
    // resolver does not describe: every LSP type comes from the source-generated LspJsonContext
    // (StreamJsonRpc's docs/nativeAOT.md, "UTF-8 JSON").
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Every serialized type is resolved by the source-generated LspJsonContext.")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Every serialized type is resolved by the source-generated LspJsonContext.")]
    private static SystemTextJsonFormatter CreateFormatter() => new()
    {
        JsonSerializerOptions = new JsonSerializerOptions(LspJsonContext.Default.Options),
    };
}
