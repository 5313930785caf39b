using System.Threading.Channels;
using Stoffel.Vm.Programs;
using Stoffel.Vm.Recording;
using Stoffel.Vm.Runtime;
using Stoffel.Vm.Values;

namespace Stoffel.Debugger.Engine;

/// <summary>
/// The debug session engine for one <see cref="VirtualMachine"/>: breakpoints, stepping, pause,
/// frames, variables and evaluation, built only on the VM's hook contract. Usable headless: set
/// breakpoints, <see cref="Start"/> (or let a host run scripts), read <see cref="Events"/>, and
/// inspect while stopped. Control and inspection methods are safe from any thread; inspection
/// needs a stopped VM and throws <see cref="NotStoppedException"/> otherwise.
/// </summary>
/// <example>
/// <code>
/// var vm = new VirtualMachine();
/// StandardLibrary.Register(vm);
/// vm.Load(StfaAssembler.AssembleFile("fib.stfa"));
/// using var session = new DebugSession(vm);
/// session.SetLineBreakpoints("fib.stfa", [new LineBreakpointSpec(12)]);
/// session.Start("main");
/// var stop = await session.WaitForStopAsync(TimeSpan.FromSeconds(5));
/// var r3 = session.Evaluate("r3").Value;
/// session.Continue();
/// </code>
/// </example>
public sealed partial class DebugSession : IDisposable
{
    private readonly Channel<DebugEvent> _events = Channel.CreateUnbounded<DebugEvent>();
    private readonly SourceMap _sources = new();
    private readonly BreakpointTable _breakpoints;
    private readonly DataBreakpoints _data;
    private readonly StepController _step = new();
    private readonly PauseGate _gate;
    private readonly Inspector _inspector;
    private readonly VirtualMachine _vm;
    private readonly CancellationTokenSource _cancellation = new();
    private readonly TaskCompletionSource<ExitedEvent> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _nextId;
    private Thread? _thread;
    private ExceptionDetails? _exception;

    /// <summary>Creates a session on <paramref name="vm"/> (attach: a host runs the scripts); no hook is installed until something needs one.</summary>
    /// <remarks>Step back and reverse continue need a recording: see <see cref="DebugSession(VirtualMachine, bool)"/>.</remarks>
    public DebugSession(VirtualMachine vm)
        : this(vm ?? throw new ArgumentNullException(nameof(vm)), record: false)
    {
    }

    /// <summary>
    /// Creates a session on <paramref name="vm"/> (attach) that, with <paramref name="record"/>,
    /// attaches an <see cref="ExecutionRecording"/> to it, so step back, reverse continue and
    /// restart frame work on the host's runs too (each run from its start, or from the first
    /// checkpoint after the session attached). The recording is removed when the session detaches.
    /// </summary>
    public DebugSession(VirtualMachine vm, bool record)
        : this(vm ?? throw new ArgumentNullException(nameof(vm)), record, null)
    {
    }

    /// <summary>
    /// Creates a launch-mode session: <paramref name="createVm"/> makes the VM (with its programs
    /// and foreign functions loaded), and the session records its run (an
    /// <see cref="ExecutionRecording"/> with the default budget) so step back, reverse continue and
    /// restart frame work. The session sets the VM's <see cref="VirtualMachine.Output"/>.
    /// </summary>
    /// <param name="createVm">Makes the loaded VM; called once.</param>
    /// <param name="output">Where <c>print</c> writes; null publishes <c>stdout</c> <see cref="OutputEvent"/>s. Going back prints nothing again.</param>
    /// <exception cref="ProgramLoadException">From <paramref name="createVm"/>.</exception>
    public DebugSession(Func<VirtualMachine> createVm, TextWriter? output = null)
        : this((createVm ?? throw new ArgumentNullException(nameof(createVm)))() ?? throw new InvalidOperationException("the VM factory returned null"), true, output)
    {
        Vm.Output = output ?? CreateOutputWriter();
    }

    private DebugSession(VirtualMachine vm, bool record, TextWriter? output)
    {
        _vm = vm;
        _breakpoints = new BreakpointTable(_sources, NextId);
        _data = new DataBreakpoints(NextId);
        _gate = new PauseGate(vm.Inspector.SyncRoot);
        _inspector = new Inspector(vm, _sources);
        _sources.Refresh(vm.Inspector);
        if (record)
        {
            _recording = new ExecutionRecording { CaptureToolState = () => CaptureHits() };
            vm.Recording = _recording;
        }
    }

    /// <summary>The VM being debugged.</summary>
    public VirtualMachine Vm => _vm;

    /// <summary>Engine events in order: stops, output, breakpoint changes, exit and termination.</summary>
    public ChannelReader<DebugEvent> Events => _events.Reader;

    /// <summary>The current stop, or null while running.</summary>
    public StoppedEvent? CurrentStop => _gate.Current;

    /// <summary>Completes when a program started with <see cref="Start"/> finishes.</summary>
    public Task<ExitedEvent> Completion => _exited.Task;

    /// <summary>The debug sources of the loaded programs.</summary>
    public IReadOnlyList<DebugSource> Sources
    {
        get
        {
            RefreshPrograms();
            return _sources.All;
        }
    }

    /// <summary>Picks up programs loaded since the session started and re-binds breakpoints to them (publishing <see cref="BreakpointChangedEvent"/>s).</summary>
    public void RefreshPrograms()
    {
        if (_sources.Refresh(Vm.Inspector))
        {
            foreach (var changed in _breakpoints.Rebind())
            {
                Publish(new BreakpointChangedEvent(changed));
            }
            UpdateHooks();
        }
    }

    /// <summary>Replaces the line breakpoints of a source file.</summary>
    public IReadOnlyList<BreakpointResult> SetLineBreakpoints(string path, IReadOnlyList<LineBreakpointSpec> breakpoints) =>
        SetLineBreakpoints(SourceKey.ForPath(path), breakpoints);

    /// <summary>Replaces the line breakpoints of a source (file or disassembly).</summary>
    public IReadOnlyList<BreakpointResult> SetLineBreakpoints(SourceKey source, IReadOnlyList<LineBreakpointSpec> breakpoints)
    {
        ArgumentNullException.ThrowIfNull(breakpoints);
        _sources.Refresh(Vm.Inspector);
        var results = _breakpoints.SetLineBreakpoints(source, breakpoints);
        UpdateHooks();
        return results;
    }

    /// <summary>Replaces all function breakpoints.</summary>
    public IReadOnlyList<BreakpointResult> SetFunctionBreakpoints(IReadOnlyList<FunctionBreakpointSpec> breakpoints)
    {
        ArgumentNullException.ThrowIfNull(breakpoints);
        _sources.Refresh(Vm.Inspector);
        var results = _breakpoints.SetFunctionBreakpoints(breakpoints);
        UpdateHooks();
        return results;
    }

    /// <summary>Turns stopping on VM errors (the <c>errors</c> exception filter) on or off.</summary>
    public void SetExceptionBreakpoints(bool stopOnErrors)
    {
        _stopOnErrors = stopOnErrors;
        UpdateHooks();
    }

    /// <summary>Replaces all data breakpoints.</summary>
    public IReadOnlyList<BreakpointResult> SetDataBreakpoints(IReadOnlyList<DataBreakpointSpec> breakpoints)
    {
        ArgumentNullException.ThrowIfNull(breakpoints);
        var results = _data.Set(breakpoints);
        UpdateHooks();
        return results;
    }

    /// <summary>What a data breakpoint on child <paramref name="name"/> of <paramref name="variablesReference"/> would watch.</summary>
    /// <exception cref="NotStoppedException">The VM is running.</exception>
    public DataBreakpointTarget GetDataBreakpointInfo(int variablesReference, string name) =>
        _gate.Read(_ => _inspector.DataBreakpointInfo(variablesReference, name));

    /// <summary>
    /// Runs <paramref name="entry"/> on a new VM thread (launch mode). Breakpoints set before take
    /// effect from the first instruction. Output goes wherever <see cref="VirtualMachine.Output"/> points;
    /// a <see cref="DebugOutputWriter"/> made with <see cref="CreateOutputWriter"/> turns it into events.
    /// </summary>
    /// <exception cref="InvalidOperationException">Already started.</exception>
    public void Start(string entry = "main", IReadOnlyList<Value>? arguments = null, bool stopOnEntry = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(entry);
        if (_thread is not null)
        {
            throw new InvalidOperationException("the session was already started");
        }
        RefreshPrograms();
        if (stopOnEntry)
        {
            _entryPending = true;
            UpdateHooks();
        }
        var args = arguments?.ToArray() ?? [];
        _thread = new Thread(() => RunProgram(entry, args)) { IsBackground = true, Name = "Stoffel VM" };
        _thread.Start();
    }

    /// <summary>A writer for <see cref="VirtualMachine.Output"/> that publishes <c>stdout</c> output events.</summary>
    public DebugOutputWriter CreateOutputWriter() => new(Publish);

    /// <summary>Resumes a stopped VM. Returns false when it was not stopped.</summary>
    public bool Continue() => _gate.Resume(ResumeCommand.Continue, BeforeResume);

    /// <summary>Steps from the current stop. Returns false when the VM was not stopped.</summary>
    public bool Step(StepKind kind, StepGranularity granularity = StepGranularity.Line) =>
        _gate.Resume(ResumeCommand.Continue, stop =>
        {
            if (stop.Reason != StopReason.Exception)
            {
                _step.Begin(kind, granularity, stop.Location);
            }
            BeforeResume(stop);
        });

    /// <summary>Step into calls.</summary>
    public bool StepIn(StepGranularity granularity = StepGranularity.Line) => Step(StepKind.In, granularity);

    /// <summary>Step over calls.</summary>
    public bool StepOver(StepGranularity granularity = StepGranularity.Line) => Step(StepKind.Over, granularity);

    /// <summary>Step out to the caller.</summary>
    public bool StepOut(StepGranularity granularity = StepGranularity.Line) => Step(StepKind.Out, granularity);

    /// <summary>Asks the running VM to stop (within 1,024 instructions; at the next script run when idle). No-op when stopped.</summary>
    public void Pause()
    {
        if (_gate.Current is not null)
        {
            return;
        }
        _pauseRequested = true;
        UpdateHooks();
    }

    /// <summary>Ends a launched program (a stopped one at once, a running one at its next service point).</summary>
    public void Terminate()
    {
        _terminating = true;
        _cancellation.Cancel();
        _gate.Resume(ResumeCommand.Terminate, BeforeResume);
    }

    /// <summary>Removes every hook and lets the VM run on (attach mode's disconnect).</summary>
    public void Detach()
    {
        _detached = true;
        _step.Cancel();
        UpdateHooks();
        if (_recording is not null && ReferenceEquals(Vm.Recording, _recording))
        {
            Vm.Recording = null;
        }
        _gate.Resume(ResumeCommand.Continue, BeforeResume);
    }

    /// <summary>Waits for the launched program's thread to finish, up to <paramref name="timeout"/>.</summary>
    public bool WaitForExit(TimeSpan timeout) => _thread is null || _thread.Join(timeout);

    /// <summary>Terminates a launched program (or detaches from a host's VM) and removes the hooks.</summary>
    public void Dispose()
    {
        if (_thread is not null)
        {
            Terminate();
            WaitForExit(TimeSpan.FromSeconds(5));
        }
        Detach();
        _events.Writer.TryComplete();
    }

    /// <summary>The call stack, innermost first.</summary>
    /// <exception cref="NotStoppedException">The VM is running.</exception>
    public IReadOnlyList<FrameView> GetStackTrace() => _gate.Read(_ => _inspector.StackTrace());

    /// <summary>The scopes of frame <paramref name="frameId"/> (1 = innermost).</summary>
    /// <exception cref="NotStoppedException">The VM is running.</exception>
    /// <exception cref="EvaluationException">No such frame.</exception>
    public IReadOnlyList<ScopeView> GetScopes(int frameId) => _gate.Read(_ => _inspector.Scopes(frameId));

    /// <summary>The children of a scope or structured value; <paramref name="count"/> 0 means all.</summary>
    /// <exception cref="NotStoppedException">The VM is running.</exception>
    /// <exception cref="EvaluationException">Unknown reference.</exception>
    public IReadOnlyList<VariableView> GetVariables(int variablesReference, VariableFilter filter = VariableFilter.All, int start = 0, int count = 0) =>
        _gate.Read(_ => _inspector.Variables(variablesReference, filter, start, count));

    /// <summary>Sets a register, array element or object field to a literal; returns its new view.</summary>
    /// <exception cref="NotStoppedException">The VM is running.</exception>
    /// <exception cref="EvaluationException">Unknown variable, read-only variable or bad literal.</exception>
    /// <remarks>With a recording, the recorded future no longer follows: the checkpoints after this point and the host calls not replayed yet are dropped.</remarks>
    public VariableView SetVariable(int variablesReference, string name, string literal) =>
        _gate.Read(_ =>
        {
            var view = _inspector.SetVariable(variablesReference, name, literal);
            _recording?.DiscardAfter(Vm.Inspector.InstructionsExecuted);
            return view;
        });

    /// <summary>Evaluates an expression in frame <paramref name="frameId"/> (default innermost).</summary>
    /// <exception cref="NotStoppedException">The VM is running.</exception>
    /// <exception cref="EvaluationException">The expression is malformed or names nothing.</exception>
    public VariableView Evaluate(string expression, int? frameId = null) =>
        _gate.Read(_ => _inspector.Evaluate(expression, frameId));

    /// <summary>The error of the current exception stop, or null when the stop has another reason.</summary>
    /// <exception cref="NotStoppedException">The VM is running.</exception>
    public ExceptionDetails? GetExceptionInfo() => _gate.Read(stop => stop.Reason == StopReason.Exception ? _exception : null);

    /// <summary>The source with reference <paramref name="sourceReference"/> (a disassembly), or null.</summary>
    public DebugSource? GetSource(int sourceReference) => _sources.Find(SourceKey.ForReference(sourceReference));

    /// <summary>Reads events until the next stop, up to <paramref name="timeout"/>; other events are skipped.</summary>
    /// <exception cref="TimeoutException">No stop in time, or the session ended.</exception>
    public async Task<StoppedEvent> WaitForStopAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await foreach (var e in _events.Reader.ReadAllAsync(cancel.Token))
            {
                if (e is StoppedEvent stop)
                {
                    return stop;
                }
                if (e is TerminatedEvent)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        throw new TimeoutException("the VM did not stop in time");
    }

    private int NextId() => Interlocked.Increment(ref _nextId);

    private void Publish(DebugEvent debugEvent) => _events.Writer.TryWrite(debugEvent);

    private void BeforeResume(StoppedEvent stop)
    {
        _inspector.Handles.Clear();
        UpdateHooks();
    }

    private void RunProgram(string entry, Value[] arguments)
    {
        var exited = RunToExit(entry, arguments);
        Publish(exited);
        Publish(new TerminatedEvent());
        _exited.TrySetResult(exited);
    }

    /// <summary>Runs the program to its end (going back in time happens inside the run: see DebugSession.Reverse.cs).</summary>
    private ExitedEvent RunToExit(string entry, Value[] arguments)
    {
        try
        {
            var result = Vm.Execute(entry, arguments, _cancellation.Token);
            Vm.Output.Flush();
            Publish(new OutputEvent("console", $"{entry} returned {ValueFormatter.Format(result)}\n"));
            return new ExitedEvent(0, result);
        }
        catch (VmException e)
        {
            Vm.Output.Flush();
            Publish(new OutputEvent(_terminating ? "console" : "stderr", (_terminating ? "terminated by the debugger" : e.ToString()) + "\n"));
            return new ExitedEvent(1, null);
        }
        catch (ProgramLoadException e)
        {
            Publish(new OutputEvent("stderr", e.Message + "\n"));
            return new ExitedEvent(1, null);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Publish(new OutputEvent("stderr", $"internal error: {e.Message}\n"));
            return new ExitedEvent(1, null);
        }
    }
}
