using Stoffel.Debugger.Engine;
using Stoffel.Debugger.Protocol;

namespace Stoffel.Debugger.Adapter;

/// <summary>Maps engine events to DAP events: the engine emits typed events, and the protocol layer only translates them.</summary>
internal static class EventTranslator
{
    /// <summary>Sends the DAP event for <paramref name="debugEvent"/>; progress events only to a client that announced <c>supportsProgressReporting</c>.</summary>
    public static void Send(MessageWriter writer, DebugEvent debugEvent, Func<int, int> toClientLine, PathMappings paths, bool progress)
    {
        switch (debugEvent)
        {
            case StoppedEvent stop:
                writer.SendEvent("stopped", new StoppedBody
                {
                    Reason = Reason(stop.Reason),
                    Description = stop.Description ?? Describe(stop.Reason),
                    Text = stop.Reason == StopReason.Exception ? stop.Description : null,
                    HitBreakpointIds = stop.HitBreakpointIds.Count > 0 ? stop.HitBreakpointIds.ToArray() : null,
                }, ProtocolJson.Default.StoppedBody);
                break;
            case OutputEvent output:
                writer.SendEvent("output", new OutputBody { Category = output.Category, Output = output.Text }, ProtocolJson.Default.OutputBody);
                break;
            case ExitedEvent exited:
                writer.SendEvent("exited", new ExitedBody { ExitCode = exited.ExitCode }, ProtocolJson.Default.ExitedBody);
                break;
            case TerminatedEvent:
                writer.SendEvent("terminated", new EmptyBody(), ProtocolJson.Default.EmptyBody);
                break;
            case ProgressStartEvent start when progress:
                writer.SendEvent("progressStart", new ProgressStartBody { ProgressId = start.ProgressId, Title = start.Title, Cancellable = true }, ProtocolJson.Default.ProgressStartBody);
                break;
            case ProgressUpdateEvent update when progress:
                writer.SendEvent("progressUpdate", new ProgressUpdateBody { ProgressId = update.ProgressId, Message = update.Message, Percentage = update.Percentage }, ProtocolJson.Default.ProgressUpdateBody);
                break;
            case ProgressEndEvent end when progress:
                writer.SendEvent("progressEnd", new ProgressEndBody { ProgressId = end.ProgressId }, ProtocolJson.Default.ProgressEndBody);
                break;
            case BreakpointChangedEvent changed:
                writer.SendEvent("breakpoint", new BreakpointEventBody { Reason = "changed", Breakpoint = Breakpoint(changed.Breakpoint, toClientLine, paths) }, ProtocolJson.Default.BreakpointEventBody);
                break;
        }
    }

    public static BreakpointDto Breakpoint(BreakpointResult result, Func<int, int> toClientLine, PathMappings paths) => new()
    {
        Id = result.Id,
        Verified = result.Verified,
        Message = result.Message,
        Line = result.Line is { } line && line > 0 ? toClientLine(line) : null,
        Source = result.Source is { } source ? Source(source, paths) : null,
        InstructionReference = result.Address is { } address ? InstructionReference.Format(address) : null,
    };

    /// <summary>A source as the client knows it: a file path (mapped to the client's side) or a disassembly's reference.</summary>
    public static SourceDto Source(DebugSource source, PathMappings paths) => new()
    {
        Name = source.Name,
        Path = source.Path is { } path ? paths.ToClient(path) : null,
        SourceReference = source.Reference > 0 ? source.Reference : null,
    };

    private static string Reason(StopReason reason) => reason switch
    {
        StopReason.Entry => "entry",
        StopReason.Step => "step",
        StopReason.Breakpoint => "breakpoint",
        StopReason.FunctionBreakpoint => "function breakpoint",
        StopReason.InstructionBreakpoint => "instruction breakpoint",
        StopReason.Exception => "exception",
        StopReason.DataBreakpoint => "data breakpoint",
        StopReason.Restart => "restart",
        _ => "pause",
    };

    private static string Describe(StopReason reason) => reason switch
    {
        StopReason.Entry => "Paused on entry",
        StopReason.Step => "Paused after step",
        StopReason.Breakpoint => "Paused on breakpoint",
        StopReason.FunctionBreakpoint => "Paused on function breakpoint",
        StopReason.InstructionBreakpoint => "Paused on instruction breakpoint",
        StopReason.DataBreakpoint => "Paused on data breakpoint",
        StopReason.Restart => "Paused on restarted frame",
        StopReason.Exception => "Paused on VM error",
        _ => "Paused",
    };
}
