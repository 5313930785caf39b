using Stoffel.Debugger.Engine;
using Stoffel.Debugger.Protocol;

namespace Stoffel.Debugger.Adapter;

// Breakpoint requests. The adapter keeps what the client asked for (with ids it assigned), so
// breakpoints set before launch — or kept across a restart — are applied when a session starts,
// and the client learns their verification through `breakpoint` events.
public sealed partial class DebugAdapter
{
    private readonly Dictionary<SourceKey, LineBreakpointSpec[]> _lineBreakpoints = [];
    private FunctionBreakpointSpec[] _functionBreakpoints = [];
    private InstructionBreakpointSpec[] _instructionBreakpoints = [];
    private bool _stopOnErrors;
    private int _nextBreakpointId;

    private void SetBreakpoints(IncomingRequest request)
    {
        var arguments = Arguments(request, ProtocolJson.Default.SetBreakpointsArguments);
        var key = ClientKey(arguments.Source);
        var requested = arguments.Breakpoints?.Select(b => (b.Line, b.Condition, b.HitCondition, b.LogMessage))
            ?? (arguments.Lines ?? []).Select(l => (Line: l, Condition: (string?)null, HitCondition: (string?)null, LogMessage: (string?)null));
        var specs = requested.Select(b => new LineBreakpointSpec(FromClientLine(b.Line), b.Condition, b.HitCondition, b.LogMessage, Interlocked.Increment(ref _nextBreakpointId))).ToArray();
        _lineBreakpoints[key] = specs;
        var results = _session is { } session
            ? session.SetLineBreakpoints(HostKey(key), specs)
            : specs.Select(Pending).ToArray();
        RespondBreakpoints(request, results);
    }

    private void SetFunctionBreakpoints(IncomingRequest request)
    {
        var arguments = Arguments(request, ProtocolJson.Default.SetFunctionBreakpointsArguments);
        _functionBreakpoints = arguments.Breakpoints.Select(b => new FunctionBreakpointSpec(b.Name, b.Condition, b.HitCondition, Interlocked.Increment(ref _nextBreakpointId))).ToArray();
        var results = _session is { } session
            ? session.SetFunctionBreakpoints(_functionBreakpoints)
            : _functionBreakpoints.Select(b => new BreakpointResult(b.Id!.Value, false, null, "pending: no program is loaded yet", null)).ToArray();
        RespondBreakpoints(request, results);
    }

    private void SetExceptionBreakpoints(IncomingRequest request)
    {
        var arguments = Arguments(request, ProtocolJson.Default.SetExceptionBreakpointsArguments);
        _stopOnErrors = arguments.Filters.Contains("errors") || (arguments.FilterOptions ?? []).Any(o => o.FilterId == "errors");
        _session?.SetExceptionBreakpoints(_stopOnErrors);
        RespondEmpty(request);
    }

    private void DataBreakpointInfo(IncomingRequest request)
    {
        var arguments = Arguments(request, ProtocolJson.Default.DataBreakpointInfoArguments);
        var session = RequireSession();
        DataBreakpointTarget target;
        try
        {
            var reference = arguments.VariablesReference is > 0 and var r ? r
                : session.GetScopes(arguments.FrameId ?? 1).Single(s => s.Name == "Registers").VariablesReference;
            target = session.GetDataBreakpointInfo(reference, arguments.Name);
        }
        catch (Exception e) when (e is NotStoppedException or EvaluationException)
        {
            target = new DataBreakpointTarget(null, e.Message);
        }
        Respond(request, new DataBreakpointInfoBody
        {
            DataId = target.DataId,
            Description = target.Description,
            AccessTypes = target.DataId is null ? null : ["write"],
            CanPersist = target.DataId is null ? null : target.DataId.StartsWith("register:", StringComparison.Ordinal),
        }, ProtocolJson.Default.DataBreakpointInfoBody);
    }

    private void SetDataBreakpoints(IncomingRequest request)
    {
        var arguments = Arguments(request, ProtocolJson.Default.SetDataBreakpointsArguments);
        var specs = arguments.Breakpoints.Select(b => new DataBreakpointSpec(b.DataId, b.Condition, b.HitCondition, Interlocked.Increment(ref _nextBreakpointId))).ToArray();
        var results = _session is { } session
            ? session.SetDataBreakpoints(specs).ToArray()
            : specs.Select(s => new BreakpointResult(s.Id!.Value, false, null, "no program is being debugged", null)).ToArray();
        for (var i = 0; i < results.Length; i++)
        {
            if (results[i].Verified && arguments.Breakpoints[i].AccessType is { } access && access != "write")
            {
                results[i] = results[i] with { Message = "only writes are watched" };
            }
        }
        RespondBreakpoints(request, results);
    }

    /// <summary>Applies stored breakpoints to a new session and reports each one's state.</summary>
    private void ApplyStoredBreakpoints()
    {
        var session = RequireSession();
        var results = new List<BreakpointResult>();
        foreach (var (key, specs) in _lineBreakpoints)
        {
            results.AddRange(session.SetLineBreakpoints(HostKey(key), specs));
        }
        results.AddRange(session.SetFunctionBreakpoints(_functionBreakpoints));
        results.AddRange(session.SetInstructionBreakpoints(_instructionBreakpoints));
        session.SetExceptionBreakpoints(_stopOnErrors);
        foreach (var result in results)
        {
            _writer.SendEvent("breakpoint", new BreakpointEventBody { Reason = "changed", Breakpoint = EventTranslator.Breakpoint(result, ToClientLine, _paths) }, ProtocolJson.Default.BreakpointEventBody);
        }
    }

    /// <summary>The key of a source the client names (a path on its side, or a disassembly's reference).</summary>
    private static SourceKey ClientKey(SourceDto source) =>
        source.SourceReference is > 0 and var reference ? SourceKey.ForReference(reference)
            : !string.IsNullOrEmpty(source.Path) ? SourceKey.ForPath(source.Path)
            : throw new RequestException("the source needs a 'path' or a 'sourceReference'");

    /// <summary>A client's source key as the host knows it (attach's <c>pathMappings</c>).</summary>
    private SourceKey HostKey(SourceKey key) => key.Path is { } path ? SourceKey.ForPath(_paths.ToHost(path)) : key;

    private static BreakpointResult Pending(LineBreakpointSpec spec) =>
        new(spec.Id!.Value, false, spec.Line, "pending: no program is loaded yet", null);

    private void RespondBreakpoints(IncomingRequest request, IEnumerable<BreakpointResult> results) =>
        Respond(request, new BreakpointsBody { Breakpoints = results.Select(r => EventTranslator.Breakpoint(r, ToClientLine, _paths)).ToArray() }, ProtocolJson.Default.BreakpointsBody);
}
