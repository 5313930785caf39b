using System.IO.Pipelines;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Stoffel.Debugger.Engine;
using Stoffel.Debugger.Protocol;
using Stoffel.Vm.Runtime;

namespace Stoffel.Debugger.Adapter;

/// <summary>
/// One Debug Adapter Protocol session over a pair of streams: reads requests, drives a
/// <see cref="DebugSession"/>, and writes responses and events. Launch mode creates a VM per
/// <c>launch</c>; attach mode (a host VM given to the constructor) debugs the host's VM and
/// detaches on <c>disconnect</c>. The adapter's states: Created (every request but
/// <c>initialize</c> is refused) → Initialized (<c>initialize</c> answered) → Configured
/// (<c>launch</c> or <c>attach</c> made a session; a launched program starts once
/// <c>configurationDone</c> has arrived too, an attached host runs its scripts itself, and either
/// runs or is stopped — the session's <see cref="DebugSession.CurrentStop"/>) → Terminated (a
/// launched program ended; <c>restart</c> makes a new session and returns to Configured). No
/// message, however malformed, ends the session: bad frames become <c>output</c> events, bad
/// requests error responses.
/// </summary>
public sealed partial class DebugAdapter
{
    private readonly MessageReader _reader;
    private readonly MessageWriter _writer;
    private readonly VirtualMachine? _hostVm;
    private readonly bool _recordByDefault;
    private readonly LaunchVmFactory? _createVm;
    private readonly object _sessionGate = new();
    private AdapterState _state = AdapterState.Created;
    private DebugSession? _session;
    private bool _started;
    private bool _configurationDone;
    private bool _disconnected;
    private bool _linesStartAt1 = true;
    private bool _columnsStartAt1 = true;
    private bool _clientSupportsInvalidated;
    private bool _clientSupportsProgress;
    private volatile bool _reversing;
    private PathMappings _paths = PathMappings.None;

    /// <summary>Creates a launch-mode adapter: each <c>launch</c> loads its program into VMs made by <paramref name="createVm"/>.</summary>
    /// <param name="input">Where DAP frames arrive.</param>
    /// <param name="output">Where responses and events go.</param>
    /// <param name="createVm">The host's way to make a VM (the CLI's is the VM of <c>stoffel run</c>).</param>
    public DebugAdapter(Stream input, Stream output, LaunchVmFactory createVm)
        : this(input, output, createVm ?? throw new ArgumentNullException(nameof(createVm)), null)
    {
    }

    /// <summary>Creates an attach-mode adapter that debugs the host's <paramref name="hostVm"/>.</summary>
    /// <param name="input">Where DAP frames arrive.</param>
    /// <param name="output">Where responses and events go.</param>
    /// <param name="hostVm">The host's VM.</param>
    public DebugAdapter(Stream input, Stream output, VirtualMachine hostVm)
        : this(input, output, hostVm, record: false)
    {
    }

    /// <summary>Creates an attach-mode adapter that debugs the host's <paramref name="hostVm"/>, recording its runs when <paramref name="record"/> (an attach request's <c>record</c> attribute overrides it).</summary>
    /// <param name="input">Where DAP frames arrive.</param>
    /// <param name="output">Where responses and events go.</param>
    /// <param name="hostVm">The host's VM.</param>
    /// <param name="record">Whether an attach records by default (step back, reverse continue, restart frame).</param>
    public DebugAdapter(Stream input, Stream output, VirtualMachine hostVm, bool record)
        : this(input, output, null, hostVm ?? throw new ArgumentNullException(nameof(hostVm)))
    {
        _recordByDefault = record;
    }

    private DebugAdapter(Stream input, Stream output, LaunchVmFactory? createVm, VirtualMachine? hostVm)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        _reader = new MessageReader(PipeReader.Create(input, new StreamPipeReaderOptions(leaveOpen: true)));
        _writer = new MessageWriter(output);
        _createVm = createVm;
        _hostVm = hostVm;
    }

    private enum AdapterState
    {
        Created,
        Initialized,
        Configured,
        Terminated,
    }

    /// <summary>Serves requests until <c>disconnect</c>, the end of the input, or cancellation; then ends the debuggee (launch) or detaches (attach).</summary>
    public async Task RunAsync(CancellationToken cancellation = default)
    {
        try
        {
            while (!_disconnected && !cancellation.IsCancellationRequested)
            {
                Frame? frame;
                try
                {
                    frame = await _reader.ReadAsync(cancellation).ConfigureAwait(false);
                }
                catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException)
                {
                    break;
                }
                if (frame is null)
                {
                    break;
                }
                if (frame.Value.Error is { } error)
                {
                    Output($"stoffel dap: ignored a malformed frame: {error}\n");
                    continue;
                }
                HandleFrame(frame.Value.Body!);
            }
        }
        finally
        {
            EndSession();
            await _writer.DisposeAsync().ConfigureAwait(false);
        }
    }

    private void HandleFrame(byte[] body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            Output($"stoffel dap: ignored a message that is not JSON: {e.Message}\n");
            return;
        }
        using (document)
        {
            var request = ProtocolJson.ParseRequest(document.RootElement, out var problem);
            if (request is null)
            {
                if (problem is not null)
                {
                    Output($"stoffel dap: ignored a message: {problem}\n");
                }
                return;
            }
            try
            {
                Dispatch(request);
            }
            catch (RequestException e)
            {
                SendError(request, e.Message);
            }
            catch (JsonException e)
            {
                SendError(request, $"invalid arguments for '{request.Command}': {e.Message}");
            }
            catch (Exception e) when (e is NotStoppedException or EvaluationException)
            {
                SendError(request, e.Message);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                SendError(request, $"internal error in '{request.Command}': {e.Message}");
            }
        }
    }

    private void Dispatch(IncomingRequest request)
    {
        if (request.Command.Length == 0)
        {
            throw new RequestException("the request has no 'command'");
        }
        if (_state == AdapterState.Created && request.Command != "initialize")
        {
            throw new RequestException($"'{request.Command}' before 'initialize'");
        }
        switch (request.Command)
        {
            case "initialize": Initialize(request); break;
            case "launch": Launch(request); break;
            case "attach": Attach(request); break;
            case "configurationDone": ConfigurationDone(request); break;
            case "setBreakpoints": SetBreakpoints(request); break;
            case "setFunctionBreakpoints": SetFunctionBreakpoints(request); break;
            case "setExceptionBreakpoints": SetExceptionBreakpoints(request); break;
            case "dataBreakpointInfo": DataBreakpointInfo(request); break;
            case "setDataBreakpoints": SetDataBreakpoints(request); break;
            case "setInstructionBreakpoints": SetInstructionBreakpoints(request); break;
            case "breakpointLocations": BreakpointLocations(request); break;
            case "disassemble": Disassemble(request); break;
            case "loadedSources": LoadedSources(request); break;
            case "completions": Completions(request); break;
            case "threads": Threads(request); break;
            case "stackTrace": StackTrace(request); break;
            case "scopes": Scopes(request); break;
            case "variables": Variables(request); break;
            case "setVariable": SetVariable(request); break;
            case "evaluate": Evaluate(request); break;
            case "source": Source(request); break;
            case "exceptionInfo": ExceptionInfo(request); break;
            case "continue": Resume(request, s => s.Continue()); break;
            case "next": Resume(request, s => s.StepOver(Granularity(request))); break;
            case "stepIn": Resume(request, s => s.StepIn(Granularity(request))); break;
            case "stepOut": Resume(request, s => s.StepOut(Granularity(request))); break;
            case "stepBack": Reverse(request, s => s.StepBack(Granularity(request))); break;
            case "reverseContinue": Reverse(request, s => s.ReverseContinue()); break;
            case "restartFrame": RestartFrame(request); break;
            case "cancel": Cancel(request); break;
            case "pause": Pause(request); break;
            case "terminate": Terminate(request); break;
            case "disconnect": Disconnect(request); break;
            case "restart": Restart(request); break;
            default: throw new RequestException($"unsupported request '{request.Command}'");
        }
    }

    private void Initialize(IncomingRequest request)
    {
        if (_state != AdapterState.Created)
        {
            throw new RequestException("the session is already initialized");
        }
        var arguments = Arguments(request, ProtocolJson.Default.InitializeArguments);
        _linesStartAt1 = arguments.LinesStartAt1 ?? true;
        _columnsStartAt1 = arguments.ColumnsStartAt1 ?? true;
        _clientSupportsInvalidated = arguments.SupportsInvalidatedEvent == true;
        _clientSupportsProgress = arguments.SupportsProgressReporting == true;
        Respond(request, new CapabilitiesDto
        {
            SupportsConfigurationDoneRequest = true,
            SupportsFunctionBreakpoints = true,
            SupportsConditionalBreakpoints = true,
            SupportsHitConditionalBreakpoints = true,
            SupportsEvaluateForHovers = true,
            ExceptionBreakpointFilters = [new ExceptionFilterDto { Filter = "errors", Label = "VM errors", Description = "Stop when a VM error (division by zero, type error, …) is about to end the run.", Default = false }],
            SupportsSetVariable = true,
            SupportsRestartRequest = _hostVm is null,
            SupportsExceptionInfoRequest = true,
            SupportsTerminateRequest = _hostVm is null,
            SupportsDataBreakpoints = true,
            SupportsLogPoints = true,
            SupportsSteppingGranularity = true,
            SupportsDelayedStackTraceLoading = true,
            SupportTerminateDebuggee = _hostVm is null,
            SupportsStepBack = true,
            SupportsRestartFrame = true,
            SupportsCancelRequest = true,
            SupportsDisassembleRequest = true,
            SupportsInstructionBreakpoints = true,
            SupportsBreakpointLocationsRequest = true,
            SupportsLoadedSourcesRequest = true,
            SupportsCompletionsRequest = true,
        }, ProtocolJson.Default.CapabilitiesDto);
        _state = AdapterState.Initialized;
        _writer.SendEvent("initialized", (EmptyBody?)null, ProtocolJson.Default.EmptyBody);
    }

    private void Threads(IncomingRequest request) =>
        Respond(request, new ThreadsBody { Threads = [new ThreadDto { Id = 1, Name = "main" }] }, ProtocolJson.Default.ThreadsBody);

    /// <summary>
    /// Reads the arguments; a missing <c>arguments</c> reads as <c>{}</c> so required fields are
    /// still checked. A null where the schema wants a value (a non-nullable property, or an element
    /// of any array: no DAP argument array holds nulls) is a <see cref="RequestException"/>.
    /// </summary>
    private static T Arguments<T>(IncomingRequest request, JsonTypeInfo<T> typeInfo)
    {
        var arguments = request.Arguments;
        if (arguments.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return JsonSerializer.Deserialize("{}"u8, typeInfo)!;
        }
        if (arguments.ValueKind != JsonValueKind.Object)
        {
            throw new RequestException($"the arguments of '{request.Command}' must be an object");
        }
        RejectNullElements(request.Command, arguments, "arguments");
        return arguments.Deserialize(typeInfo) ?? throw new RequestException($"the arguments of '{request.Command}' are missing");
    }

    private static void RejectNullElements(string command, JsonElement element, string path)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                RejectNullElements(command, property.Value, $"{path}.{property.Name}");
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            var index = 0;
            foreach (var item in element.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.Null)
                {
                    throw new RequestException($"invalid arguments for '{command}': {path}[{index}] is null");
                }
                RejectNullElements(command, item, $"{path}[{index}]");
                index++;
            }
        }
    }

    private DebugSession RequireSession() =>
        _session ?? throw new RequestException("no program is being debugged (send 'launch' or 'attach' first)");

    private void Respond<T>(IncomingRequest request, T? body, JsonTypeInfo<T> typeInfo) where T : class =>
        _writer.SendResponse(request, true, null, body, typeInfo);

    private void RespondEmpty(IncomingRequest request) =>
        _writer.SendResponse(request, true, null, (EmptyBody?)null, ProtocolJson.Default.EmptyBody);

    private void SendError(IncomingRequest request, string message) => _writer.SendError(request, message);

    /// <summary>Tells a client that announced <c>supportsInvalidatedEvent</c> to refetch <paramref name="area"/> of the thread.</summary>
    private void Invalidate(string area)
    {
        if (_clientSupportsInvalidated)
        {
            _writer.SendEvent("invalidated", new InvalidatedBody { Areas = [area], ThreadId = 1 }, ProtocolJson.Default.InvalidatedBody);
        }
    }

    private void Output(string text) =>
        _writer.SendEvent("output", new OutputBody { Category = "console", Output = text }, ProtocolJson.Default.OutputBody);

    private int ToClientLine(int line) => _linesStartAt1 ? line : line - 1;

    private int FromClientLine(int line) => _linesStartAt1 ? line : line + 1;
}
