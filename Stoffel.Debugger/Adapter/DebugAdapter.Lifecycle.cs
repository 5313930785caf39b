using System.Globalization;
using System.Text.Json;
using Stoffel.Debugger.Engine;
using Stoffel.Debugger.Protocol;
using Stoffel.Vm.Formats;
using Stoffel.Vm.Formats.Assembly;
using Stoffel.Vm.Programs;
using Stoffel.Vm.Runtime;
using Stoffel.Vm.Values;

namespace Stoffel.Debugger.Adapter;

// launch / attach / configurationDone / run control / terminate / disconnect / restart.
public sealed partial class DebugAdapter
{
    private LaunchArguments? _launch;
    private Value[] _launchArguments = [];

    private void Launch(IncomingRequest request)
    {
        if (_createVm is null)
        {
            throw new RequestException("this adapter debugs a host's VM: use 'attach'");
        }
        if (_session is not null)
        {
            throw new RequestException("a program is already being debugged");
        }
        var arguments = Arguments(request, ProtocolJson.Default.LaunchArguments);
        StartSession(CreateLaunchSession(arguments));
        _launch = arguments;
        _state = AdapterState.Configured;
        RespondEmpty(request);
        ApplyStoredBreakpoints();
        if (_configurationDone)
        {
            StartProgram();
        }
    }

    private DebugSession CreateLaunchSession(LaunchArguments arguments)
    {
        if (string.IsNullOrWhiteSpace(arguments.Program))
        {
            throw new RequestException("'program' must name a .stfa or .stflb file");
        }
        var directory = Path.GetFullPath(string.IsNullOrEmpty(arguments.Cwd) ? Environment.CurrentDirectory : arguments.Cwd);
        var path = Path.GetFullPath(arguments.Program, directory);
        var entry = string.IsNullOrEmpty(arguments.Entry) ? "main" : arguments.Entry;
        var values = (arguments.Args ?? []).Select(ParseArgument).ToArray();
        var options = VmOptions(arguments, directory);
        DebugSession session;
        try
        {
            // The run is recorded (step back, reverse continue, restart frame) unless 'record' is false.
            var program = ProgramFile.Load(path);
            var vm = _createVm!(options);
            vm.Load(program);
            if (arguments.Record == false)
            {
                session = new DebugSession(vm, record: false);
                vm.Output = session.CreateOutputWriter();
            }
            else
            {
                session = new DebugSession(() => vm);
            }
        }
        catch (Exception e) when (e is ProgramLoadException or ArgumentException or IOException or InvalidDataException or UnauthorizedAccessException)
        {
            throw new RequestException(e.Message);
        }
        if (!session.Vm.Inspector.IsDefined(entry))
        {
            session.Dispose();
            throw new RequestException($"entry function '{entry}' is not defined in {path}");
        }
        _launchArguments = values;
        return session;
    }

    /// <summary>The launch attributes <c>stoffel run</c> also takes, checked as it checks its options.</summary>
    private static LaunchVmOptions VmOptions(LaunchArguments arguments, string directory)
    {
        if (arguments.MaxInstructions is <= 0)
        {
            throw new RequestException($"'maxInstructions' must be positive, got {arguments.MaxInstructions}");
        }
        if (arguments.Timeout is { } seconds && (!double.IsFinite(seconds) || seconds <= 0 || seconds > TimeSpan.MaxValue.TotalSeconds / 2))
        {
            throw new RequestException($"'timeout' must be a positive number of seconds, got {seconds.ToString(CultureInfo.InvariantCulture)}");
        }
        if (arguments.MaxMemory is <= 0)
        {
            throw new RequestException($"'maxMemory' must be a positive number of bytes, got {arguments.MaxMemory}");
        }
        var store = string.IsNullOrEmpty(arguments.LocalStore) ? null : Path.GetFullPath(arguments.LocalStore, directory);
        return new LaunchVmOptions(arguments.MaxInstructions, arguments.Timeout, arguments.MaxMemory, store);
    }

    private static Value ParseArgument(string? text)
    {
        if (text is null)
        {
            throw new RequestException("launch 'args' must be literal strings such as \"42\" or \"7u8\"");
        }
        return LiteralParser.TryParseLiteral(text.Trim(), out var value, out var error)
            ? value
            : throw new RequestException($"launch argument {text} is not a literal: {error}");
    }

    private void Attach(IncomingRequest request)
    {
        if (_hostVm is null)
        {
            throw new RequestException("nothing to attach to: 'attach' needs a host that called DebugServer.Listen(vm, port); use 'launch' to debug a file");
        }
        if (_session is not null)
        {
            throw new RequestException("already attached");
        }
        var arguments = Arguments(request, ProtocolJson.Default.AttachArguments);
        _paths = new PathMappings((arguments.PathMappings ?? []).Select(m => (m.LocalRoot, m.RemoteRoot)));
        StartSession(new DebugSession(_hostVm, arguments.Record ?? _recordByDefault));
        _state = AdapterState.Configured;
        RespondEmpty(request);
        ApplyStoredBreakpoints();
    }

    private void ConfigurationDone(IncomingRequest request)
    {
        _configurationDone = true;
        RespondEmpty(request);
        StartProgram();
    }

    /// <summary>Starts a launched program once both launch and configurationDone have arrived (never on a timer).</summary>
    private void StartProgram()
    {
        if (_session is null || _launch is null || _started)
        {
            return;
        }
        _started = true;
        _session.Start(string.IsNullOrEmpty(_launch.Entry) ? "main" : _launch.Entry, _launchArguments, _launch.StopOnEntry == true && _launch.NoDebug != true);
    }

    private void StartSession(DebugSession session)
    {
        lock (_sessionGate)
        {
            _session = session;
        }
        _ = Task.Run(() => PumpAsync(session));
    }

    private async Task PumpAsync(DebugSession session)
    {
        try
        {
            await foreach (var debugEvent in session.Events.ReadAllAsync().ConfigureAwait(false))
            {
                lock (_sessionGate)
                {
                    if (!ReferenceEquals(session, _session))
                    {
                        return; // replaced by a restart: its exit is not the session's
                    }
                    if (debugEvent is TerminatedEvent)
                    {
                        _state = AdapterState.Terminated;
                    }
                    EventTranslator.Send(_writer, debugEvent, ToClientLine, _paths, _clientSupportsProgress);
                    if (debugEvent is StoppedEvent && _reversing)
                    {
                        // Going back replaced the whole VM state the client may have cached.
                        _reversing = false;
                        Invalidate("all");
                    }
                }
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Output($"stoffel dap: event pump failed: {e.Message}\n");
        }
    }

    /// <summary>continue / next / stepIn / stepOut: answer first, then resume, so the response precedes the next stop.</summary>
    private void Resume(IncomingRequest request, Func<DebugSession, bool> resume)
    {
        Arguments(request, ProtocolJson.Default.ThreadArguments);
        var session = RequireSession();
        if (session.CurrentStop is null)
        {
            throw new NotStoppedException();
        }
        if (request.Command == "continue")
        {
            Respond(request, new ContinueBody(), ProtocolJson.Default.ContinueBody);
        }
        else
        {
            RespondEmpty(request);
        }
        resume(session);
    }

    /// <summary>stepBack / reverseContinue: checked before answering (an error response rather than a stop), then answered first like the forward steps.</summary>
    private void Reverse(IncomingRequest request, Func<DebugSession, bool> reverse)
    {
        Arguments(request, ProtocolJson.Default.ThreadArguments);
        GoBack(request, reverse);
    }

    /// <summary>restartFrame: back to the first instruction of the frame's activation (reverse execution).</summary>
    private void RestartFrame(IncomingRequest request)
    {
        var frameId = Arguments(request, ProtocolJson.Default.RestartFrameArguments).FrameId;
        if (!RequireSession().GetStackTrace().Any(frame => frame.Id == frameId))
        {
            throw new RequestException($"no frame with id {frameId}");
        }
        GoBack(request, s => s.RestartFrame(frameId));
    }

    /// <summary>cancel: a reverse continue in progress returns to where it started. Other requests finish too fast to cancel.</summary>
    private void Cancel(IncomingRequest request)
    {
        Arguments(request, ProtocolJson.Default.CancelArguments);
        _session?.CancelReverse();
        RespondEmpty(request);
    }

    private void GoBack(IncomingRequest request, Func<DebugSession, bool> reverse)
    {
        var session = RequireSession();
        if (session.CurrentStop is null)
        {
            throw new NotStoppedException();
        }
        if (!session.CanReverse(out var reason))
        {
            throw new RequestException(reason);
        }
        _reversing = true;
        RespondEmpty(request);
        reverse(session);
    }

    private static StepGranularity Granularity(IncomingRequest request) =>
        Arguments(request, ProtocolJson.Default.ThreadArguments).Granularity == "instruction" ? StepGranularity.Instruction : StepGranularity.Line;

    private void Pause(IncomingRequest request)
    {
        Arguments(request, ProtocolJson.Default.ThreadArguments);
        var session = RequireSession();
        RespondEmpty(request);
        session.Pause();
    }

    private void Terminate(IncomingRequest request)
    {
        if (_hostVm is not null)
        {
            throw new RequestException("a host's VM cannot be terminated; disconnect instead");
        }
        RespondEmpty(request);
        _session?.Terminate();
    }

    private void Disconnect(IncomingRequest request)
    {
        Arguments(request, ProtocolJson.Default.DisconnectArguments);
        EndSession();
        RespondEmpty(request);
        _disconnected = true;
    }

    private void Restart(IncomingRequest request)
    {
        if (_hostVm is not null || _launch is null)
        {
            throw new RequestException("restart needs a launched program");
        }
        var arguments = _launch;
        if (request.Arguments.ValueKind == JsonValueKind.Object
            && request.Arguments.TryGetProperty("arguments", out var launch)
            && launch.ValueKind == JsonValueKind.Object && launch.TryGetProperty("program", out _))
        {
            arguments = launch.Deserialize(ProtocolJson.Default.LaunchArguments)!;
        }
        var replacement = CreateLaunchSession(arguments);
        EndSession();
        StartSession(replacement);
        _launch = arguments;
        _started = false;
        _state = AdapterState.Configured;
        RespondEmpty(request);
        ApplyStoredBreakpoints();
        if (_configurationDone)
        {
            StartProgram();
        }
    }

    /// <summary>Ends the current session: a launched program is terminated, a host's VM is detached from.</summary>
    private void EndSession()
    {
        DebugSession? session;
        lock (_sessionGate)
        {
            session = _session;
            _session = null;
        }
        session?.Dispose();
    }
}
