using System.Globalization;
using Stoffel.Vm.Hooks;
using Stoffel.Vm.Programs;
using Stoffel.Vm.Recording;
using Stoffel.Vm.Runtime;

namespace Stoffel.Debugger.Engine;

// Reverse execution on an execution recording (docs/debugger.md "Reverse execution"). The VM takes
// checkpoints as the run goes and logs host calls. Going back happens on the VM thread, inside the
// stop's hook: the session restores a checkpoint (VirtualMachine.Rewind) and replays from it with an
// every-instruction hook — a scan up to the stop finds the target (a Timeline; ReversePlanner says
// which stretch to scan), then a seek from the checkpoint before the target stops there, and the
// run goes on live from that point. Replays call no host function (the log answers) and restore
// the breakpoint hit counts each checkpoint saved, so hit conditions hold as they did.
public sealed partial class DebugSession
{
    private readonly ExecutionRecording? _recording;
    private volatile Replaying? _replay;
    private ReverseRequest? _rewind;
    private long _stopPosition;
    private volatile bool _reverseCancelled;
    private int _progressIds;

    /// <summary>The recording step back and reverse continue use, or null when the session does not record.</summary>
    public ExecutionRecording? Recording => _recording;

    /// <summary>
    /// True when <see cref="StepBack"/>, <see cref="ReverseContinue"/> and <see cref="RestartFrame"/>
    /// can run now: the session records (a launched program, or an attach with recording on), and
    /// the run is stopped after its first checkpoint.
    /// </summary>
    /// <param name="reason">Why not, or empty.</param>
    public bool CanReverse(out string reason)
    {
        reason = _recording is null ? "step back needs a recorded run: launch the program, or attach with recording on"
            : _gate.Current is null ? new NotStoppedException().Message
            : !ReferenceEquals(Vm.Recording, _recording) ? "the VM's recording was replaced or removed"
            : _recording.Checkpoints.Count == 0 ? "nothing of this run is recorded yet"
            : "";
        return reason.Length == 0;
    }

    /// <summary>
    /// Goes back to where a step would have stopped before the current stop: with
    /// <see cref="StepGranularity.Line"/> the latest start of a line in the current frame or a
    /// caller, with <see cref="StepGranularity.Instruction"/> the previous instruction; at the
    /// start of the recording it stays there. Stops with reason <see cref="StopReason.Step"/>.
    /// Returns false when the VM was not stopped.
    /// </summary>
    /// <exception cref="InvalidOperationException">Not possible here (<see cref="CanReverse"/> says why).</exception>
    public bool StepBack(StepGranularity granularity = StepGranularity.Line) => Rewind(ReverseKind.StepBack, granularity, null);

    /// <summary>
    /// Goes back to the latest earlier position where a line, function, instruction or data
    /// breakpoint would have stopped (conditions and hit counts as they evaluated then), or to the
    /// start of the recording (reason <see cref="StopReason.Entry"/>) when there is none. Publishes
    /// progress events while it scans much history; <see cref="CancelReverse"/> returns to the stop
    /// it started from. Returns false when the VM was not stopped.
    /// </summary>
    /// <exception cref="InvalidOperationException">Not possible here (<see cref="CanReverse"/> says why).</exception>
    public bool ReverseContinue() => Rewind(ReverseKind.Continue, StepGranularity.Line, null);

    /// <summary>
    /// Restarts frame <paramref name="frameId"/> (1 = innermost): goes back to the first
    /// instruction of that activation, with the registers, arguments and tables it started with
    /// (DAP restartFrame). Stops with reason <see cref="StopReason.Restart"/>. Returns false when
    /// the VM was not stopped.
    /// </summary>
    /// <exception cref="InvalidOperationException">Not possible here (<see cref="CanReverse"/> says why).</exception>
    /// <exception cref="EvaluationException">No such frame.</exception>
    public bool RestartFrame(int frameId)
    {
        var depth = _gate.Current?.Location.CallDepth ?? 0;
        if (frameId < 1 || frameId > depth)
        {
            throw new EvaluationException($"no frame {frameId} (there are {depth})");
        }
        return Rewind(ReverseKind.RestartFrame, StepGranularity.Line, depth - frameId + 1);
    }

    /// <summary>Cancels a reverse continue in progress: it returns to the stop it started from (reason <see cref="StopReason.Pause"/>). No-op otherwise.</summary>
    public void CancelReverse() => _reverseCancelled = true;

    private bool Rewind(ReverseKind kind, StepGranularity granularity, int? frameDepth)
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
            // An exception stop's position is the failing instruction's end: the scan runs to the
            // failure instead. A data breakpoint stops inside the writing instruction.
            var from = stop.Reason == StopReason.Exception ? long.MaxValue : _stopPosition;
            var inside = stop.Reason is StopReason.Exception or StopReason.DataBreakpoint ? stop.Location : null;
            _reverseCancelled = false;
            _rewind = new ReverseRequest(kind, granularity, from, frameDepth ?? stop.Location.CallDepth, inside);
            BeforeResume(stop);
        });
    }

    /// <summary>On the VM thread, in the stop's hook: plans the rewind and starts its first replay (leaving the hook by the VM's rewind exception).</summary>
    private void BeginRewind()
    {
        var request = Interlocked.Exchange(ref _rewind, null)!;
        var checkpoints = _recording!.Checkpoints;
        var hitsNow = CaptureHits();
        var stoppers = CountedBreakpoints().Where(b => b.Stops).ToArray();
        var planner = new ReversePlanner(request, checkpoints, index => MayStopBetween(stoppers,
            checkpoints[index].ToolState as IReadOnlyDictionary<int, long>,
            index + 1 < checkpoints.Count && checkpoints[index + 1].Position < request.From ? checkpoints[index + 1].ToolState as IReadOnlyDictionary<int, long> : hitsNow));
        string? progress = null;
        if (planner.CandidateCount > 1)
        {
            progress = "reverse-" + Interlocked.Increment(ref _progressIds).ToString(CultureInfo.InvariantCulture);
            Publish(new ProgressStartEvent(progress, "Reverse continue"));
        }
        Enter(new Replaying(planner, planner.First(), request, progress));
    }

    /// <summary>Makes <paramref name="replaying"/> the replay in progress and sends the run back to its checkpoint.</summary>
    private void Enter(Replaying replaying)
    {
        if (replaying.Phase is SeekPhase && replaying.Progress is { } progress)
        {
            Publish(new ProgressEndEvent(progress));
        }
        RestoreHits(replaying.Phase.From.ToolState as IReadOnlyDictionary<int, long>);
        _replay = replaying;
        UpdateHooks();
        Vm.Rewind(replaying.Phase.From);
    }

    /// <summary>A scan finished: on to the planner's next phase.</summary>
    private void FinishScan(Replaying replay)
    {
        var next = replay.Planner.Next(replay.Timeline!, _reverseCancelled);
        if (replay.Progress is { } progress && next is ScanPhase)
        {
            var done = 100.0 * replay.Planner.Scanned / Math.Max(1, replay.Planner.CandidateCount);
            Publish(new ProgressUpdateEvent(progress, $"scanned {replay.Planner.Scanned} of {replay.Planner.CandidateCount} stretches of history", done));
        }
        Enter(replay with { Phase = next, Timeline = null, AtStop = false, Armed = false });
    }

    /// <summary>The every-instruction hook while replaying: a scan observes until its end, a seek counts breakpoint hits until its target, then goes live and stops.</summary>
    private void OnReplayInstruction(Replaying replay, in HookEvent hookEvent, HookContext context)
    {
        var position = context.InstructionsExecuted;
        var function = hookEvent.Function!;
        var index = hookEvent.InstructionIndex;
        var stoppable = index < function.Instructions.Length; // not the implicit return
        if (replay.Phase is ScanPhase scan)
        {
            var timeline = replay.Timeline ??= scan.RunStart ? new Timeline() : new Timeline(scan.From.Frames, frame => _sources.LineOf(frame.Function, frame.InstructionIndex));
            // A stop inside an instruction (a data breakpoint) happened after that instruction began:
            // the instruction at the old stop's position belongs to the history, its write does not.
            var atStop = position == scan.Until && replay.Request.Inside is not null && scan.Until == replay.Request.From;
            if (position >= scan.Until && !atStop)
            {
                FinishScan(replay);
                return;
            }
            if (stoppable)
            {
                timeline.Observe(position, hookEvent.CallDepth, _sources.LineOf(function, index), index);
                if (replay.Request.Kind == ReverseKind.Continue && BreakpointHits(function, index, context.Inspector) is { } found && !atStop)
                {
                    timeline.RecordHit(position, found.Ids, false);
                }
            }
            replay.AtStop = atStop;
            return;
        }
        var seek = (SeekPhase)replay.Phase;
        if (seek.Inside && !replay.Armed && position >= seek.Target)
        {
            replay.Armed = true; // the data breakpoint stops inside this instruction (OnReplayWrite)
            return;
        }
        if (!stoppable)
        {
            return;
        }
        var hits = BreakpointHits(function, index, context.Inspector);
        if (position < seek.Target)
        {
            return;
        }
        var reason = seek.Reason == StopReason.Breakpoint ? hits?.Reason ?? StopReason.Step : seek.Reason is StopReason.DataBreakpoint ? StopReason.Step : seek.Reason;
        GoLive();
        var location = new StopLocation(function.Name, index, _sources.LineOf(function, index), hookEvent.CallDepth);
        StopHere(reason, null, reason is StopReason.Breakpoint or StopReason.FunctionBreakpoint or StopReason.InstructionBreakpoint ? hits!.Value.Ids : [], location);
    }

    /// <summary>A data breakpoint hit while replaying: history for a reverse-continue scan, the stop for an armed seek.</summary>
    private void OnReplayWrite(Replaying replay, long position, List<int> hits, string description, HookContext context)
    {
        if (replay.Phase is ScanPhase && replay.Request.Kind == ReverseKind.Continue && !replay.AtStop && replay.Timeline is { } timeline)
        {
            timeline.RecordHit(position, hits, true);
        }
        else if (replay.Phase is SeekPhase && replay.Armed)
        {
            GoLive();
            StopHere(StopReason.DataBreakpoint, description, hits, CurrentLocation(context), position);
        }
    }

    /// <summary>An error ended a scan of a failed run (an exception stop's history ends there).</summary>
    private void OnReplayError(Replaying replay)
    {
        if (replay.Phase is ScanPhase)
        {
            FinishScan(replay);
        }
    }

    private void GoLive()
    {
        _replay = null;
        UpdateHooks();
    }

    /// <summary>Every breakpoint's hit count, by id (what each checkpoint keeps).</summary>
    private Dictionary<int, long> CaptureHits() =>
        CountedBreakpoints().ToDictionary(breakpoint => breakpoint.Id, breakpoint => breakpoint.Hits);

    /// <summary>Sets the hit counts a checkpoint kept; a breakpoint made since counts from 0.</summary>
    private void RestoreHits(IReadOnlyDictionary<int, long>? hits)
    {
        foreach (var breakpoint in CountedBreakpoints())
        {
            breakpoint.Hits = hits?.GetValueOrDefault(breakpoint.Id) ?? 0;
        }
    }

    /// <summary>Whether one of <paramref name="stoppers"/> may have stopped between two hit-count snapshots: its count moved by a hit its hit condition accepts, or one of them does not know it.</summary>
    private static bool MayStopBetween(ICountedBreakpoint[] stoppers, IReadOnlyDictionary<int, long>? before, IReadOnlyDictionary<int, long>? after)
    {
        foreach (var breakpoint in stoppers)
        {
            if (before is null || after is null || !before.TryGetValue(breakpoint.Id, out var from) || !after.TryGetValue(breakpoint.Id, out var to))
            {
                return true;
            }
            if (to != from && (breakpoint.Hit is not { } hit || hit.MatchesAnyIn(from, to)))
            {
                return true;
            }
        }
        return false;
    }

    private IEnumerable<ICountedBreakpoint> CountedBreakpoints() => _breakpoints.Counted().Concat(_data.Counted());

    /// <summary>
    /// A replay in progress: its plan, the phase running (a scan building <see cref="Timeline"/>, or a
    /// seek), the command, and its progress id when it reports progress. <see cref="AtStop"/>: the
    /// scan is in the instruction a data-breakpoint stop interrupted; <see cref="Armed"/>: the seek
    /// reached its target and waits for the data breakpoint inside it.
    /// </summary>
    private sealed record Replaying(ReversePlanner Planner, ReversePhase Phase, ReverseRequest Request, string? Progress)
    {
        public Timeline? Timeline { get; set; }
        public bool AtStop { get; set; }
        public bool Armed { get; set; }
    }
}
