using System.Globalization;
using Stoffel.Vm.Hooks;
using Stoffel.Vm.Programs;
using Stoffel.Vm.Runtime;
using Stoffel.Vm.Values;

namespace Stoffel.Debugger.Engine;

// Reverse execution by deterministic replay (docs/debugger.md "Reverse execution"). Every stop
// records its position: the instructions executed before it. Going back unwinds the current run
// and replays the program from the start on fresh VMs with an every-instruction hook: a scan up
// to the current stop finds the target (a Timeline), then a seek replays to the target and stops
// there, and its VM runs on as the live run. Replays print nothing (the output up to the stop was
// shown) and count breakpoint hits again from zero, so hit conditions hold as they did.
public sealed partial class DebugSession
{
    /// <summary>The default <see cref="ReplayLimit"/>: 50 million instructions.</summary>
    public const long DefaultReplayLimit = 50_000_000;

    private readonly Func<VirtualMachine>? _createVm;
    private readonly TextWriter? _output;
    private readonly IReadOnlyList<StoffelProgram> _programs = [];
    private volatile Replaying? _replay;
    private ReverseRequest? _rewind;
    private long _stopPosition;

    /// <summary>The longest run, in instructions up to the current stop, that step back and reverse continue replay; beyond it they refuse.</summary>
    public long ReplayLimit { get; set; } = DefaultReplayLimit;

    /// <summary>
    /// True when <see cref="StepBack"/> and <see cref="ReverseContinue"/> can run now: the session
    /// was made with a VM factory, the program was started and is stopped within <see cref="ReplayLimit"/>.
    /// </summary>
    /// <param name="reason">Why not, or empty.</param>
    public bool CanReverse(out string reason)
    {
        reason = _createVm is null ? "step back needs a launched program (a session created with a VM factory)"
            : _thread is null ? "the program has not started"
            : _gate.Current is null ? new NotStoppedException().Message
            : Volatile.Read(ref _stopPosition) > ReplayLimit ? string.Create(CultureInfo.InvariantCulture,
                $"step back replays the run from its start and is limited to {ReplayLimit:N0} instructions; this stop is after {Volatile.Read(ref _stopPosition):N0}")
            : "";
        return reason.Length == 0;
    }

    /// <summary>
    /// Goes back to where a step would have stopped before the current stop: with
    /// <see cref="StepGranularity.Line"/> the latest start of a line in the current frame or a
    /// caller, with <see cref="StepGranularity.Instruction"/> the previous instruction; at the
    /// start of the run it stays there. Stops with reason <see cref="StopReason.Step"/>. Returns
    /// false when the VM was not stopped.
    /// </summary>
    /// <exception cref="InvalidOperationException">Not possible here (<see cref="CanReverse"/> says why).</exception>
    public bool StepBack(StepGranularity granularity = StepGranularity.Line) => Rewind(false, granularity);

    /// <summary>
    /// Goes back to the latest earlier position where a line or function breakpoint would have
    /// stopped (conditions and hit counts as they evaluated then), or to the start of the run
    /// (reason <see cref="StopReason.Entry"/>) when there is none. Returns false when the VM was not stopped.
    /// </summary>
    /// <exception cref="InvalidOperationException">Not possible here (<see cref="CanReverse"/> says why).</exception>
    public bool ReverseContinue() => Rewind(true, StepGranularity.Line);

    private bool Rewind(bool toBreakpoint, StepGranularity granularity)
    {
        if (_gate.Current is null)
        {
            return false;
        }
        if (!CanReverse(out var reason))
        {
            throw new InvalidOperationException(reason);
        }
        return _gate.Resume(ResumeCommand.Rewind, stop =>
        {
            // An exception stop's instruction count is not exact (the error left the dispatch loop):
            // the scan runs to the failure instead. A data breakpoint stops inside the writing instruction.
            var from = stop.Reason == StopReason.Exception ? long.MaxValue : _stopPosition;
            var inside = stop.Reason is StopReason.Exception or StopReason.DataBreakpoint ? stop.Location : null;
            _rewind = new ReverseRequest(toBreakpoint, granularity, from, stop.Location.CallDepth, inside);
            BeforeResume(stop);
        });
    }

    /// <summary>
    /// On the VM thread, after a rewind unwound the run: scans a replay up to the old stop for the
    /// target, then installs the seek replay that the run loop executes next. Returns the exit to
    /// report when it cannot go on (terminated, or the VM factory failed).
    /// </summary>
    private ExitedEvent? Replay(ReverseRequest request, string entry, Value[] arguments)
    {
        try
        {
            var timeline = new Timeline();
            if (request.From > 0)
            {
                Install(NewVm(), new Replaying(request.From, StopReason.Step, timeline, request.ToBreakpoint, request.Inside));
                try
                {
                    Vm.Execute(entry, arguments, _cancellation.Token);
                }
                catch (VmException)
                {
                    // The scan ends at the old stop, or where that run ended (an exception stop).
                }
            }
            if (_terminating)
            {
                Publish(new OutputEvent("console", "terminated by the debugger\n"));
                return new ExitedEvent(1, null);
            }
            var (target, reason) = request.ToBreakpoint
                ? timeline.LastHit is { } hit ? (hit, StopReason.Breakpoint) : (0L, StopReason.Entry)
                : (request.Granularity == StepGranularity.Instruction ? timeline.PreviousInstruction : timeline.PreviousLineStart(request.Depth), StopReason.Step);
            Install(NewVm(), new Replaying(target, reason, null, true, null));
            return null;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Publish(new OutputEvent("stderr", $"stepping back failed: {e.Message}\n"));
            return new ExitedEvent(1, null);
        }
    }

    /// <summary>A fresh VM for a replay, checked to run the same programs, printing nothing until it goes live.</summary>
    private VirtualMachine NewVm()
    {
        var vm = _createVm!() ?? throw new InvalidOperationException("the VM factory returned null");
        if (!vm.Inspector.LoadedPrograms.SequenceEqual(_programs, ReferenceEqualityComparer.Instance))
        {
            throw new InvalidOperationException("the VM factory must load the same StoffelProgram instances every time");
        }
        vm.Output = TextWriter.Null;
        return vm;
    }

    /// <summary>Makes <paramref name="vm"/> the session's VM (between runs: nothing is stopped) with a replay in progress.</summary>
    private void Install(VirtualMachine vm, Replaying replaying)
    {
        _gate.Rebind(vm.Inspector.SyncRoot);
        _breakpoints.ResetHits();
        _data.ResetHits();
        lock (_hookGate)
        {
            // The hooks registered on the old VM die with it.
            (_instructionHook, _instructionShape, _errorHook, _writeHook, _writeMask) = (null, null, null, null, HookEventMask.None);
            _inspector = new Inspector(vm, _sources);
            _replay = replaying;
            _vm = vm;
        }
        UpdateHooks();
    }

    /// <summary>The every-instruction hook while replaying: a scan observes, a seek counts breakpoint hits until its target, then goes live and stops.</summary>
    private void OnReplayInstruction(Replaying replay, in HookEvent hookEvent, HookContext context)
    {
        var position = context.InstructionsExecuted;
        var function = hookEvent.Function!;
        var index = hookEvent.InstructionIndex;
        var stoppable = index < function.Instructions.Length; // not the implicit return
        if (replay.Scan is { } timeline)
        {
            // A stop inside an instruction (a data breakpoint) happened after that instruction began:
            // it belongs to the history when it is the instruction at the old stop's position.
            var reached = position >= replay.Target;
            if (stoppable && (!reached || (position == replay.Target && replay.Inside is { } inside
                && inside.CallDepth == hookEvent.CallDepth && inside.InstructionIndex == index && inside.Function == function.Name)))
            {
                timeline.Observe(position, hookEvent.CallDepth, _sources.LineOf(function, index), index);
                if (replay.CountHits && BreakpointHits(function, index, context.Inspector) is { } found)
                {
                    timeline.RecordHit(position, found.Ids);
                }
            }
            if (reached)
            {
                throw new StoffelError(VmErrorKind.Cancelled, "the replay reached the current stop");
            }
            return;
        }
        if (!stoppable)
        {
            return;
        }
        var hits = BreakpointHits(function, index, context.Inspector);
        if (position < replay.Target)
        {
            return;
        }
        _replay = null;
        Vm.Output = _output!;
        UpdateHooks();
        var reason = replay.Reason == StopReason.Breakpoint ? hits?.Reason ?? StopReason.Step : replay.Reason;
        var location = new StopLocation(function.Name, index, _sources.LineOf(function, index), hookEvent.CallDepth);
        StopHere(reason, null, reason is StopReason.Breakpoint or StopReason.FunctionBreakpoint ? hits!.Value.Ids : [], location);
    }

    /// <summary>
    /// A step back or reverse continue from the stop at <paramref name="From"/> (instructions
    /// executed; <see cref="long.MaxValue"/> for the end of a failed run) at call depth
    /// <paramref name="Depth"/>; <paramref name="Inside"/> is the instruction a stop inside an instruction interrupted.
    /// </summary>
    private sealed record ReverseRequest(bool ToBreakpoint, StepGranularity Granularity, long From, int Depth, StopLocation? Inside);

    /// <summary>A replay in progress: a scan (with <paramref name="Scan"/>) up to <paramref name="Target"/>, or a seek that stops there for <paramref name="Reason"/>.</summary>
    private sealed record Replaying(long Target, StopReason Reason, Timeline? Scan, bool CountHits, StopLocation? Inside);
}
