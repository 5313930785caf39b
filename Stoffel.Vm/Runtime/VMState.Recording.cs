using System.Diagnostics;
using System.Runtime.ExceptionServices;
using Stoffel.Vm.Recording;
using Stoffel.Vm.Values;

namespace Stoffel.Vm.Runtime;

// Execution recording (docs/debugger.md, "Reverse execution"): checkpoints taken between slices of
// the outermost run, rewinds to them, and recorded host calls.
internal sealed partial class VMState
{
    private volatile ExecutionRecording? _recording;
    private long _outermostRuns;

    /// <summary>The recording attached, or null (see <see cref="VirtualMachine.Recording"/>).</summary>
    internal ExecutionRecording? Recording
    {
        get => _recording;
        set => _recording = value;
    }

    /// <summary>Sends the run back to <paramref name="checkpoint"/> (<see cref="VirtualMachine.Rewind"/>).</summary>
    internal void Rewind(Checkpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        if (_recording is not { } recording || !recording.Owns(checkpoint))
        {
            throw new InvalidOperationException("the checkpoint is not one of the attached recording's current run");
        }
        if (!HookRunning || _nestedRuns != 1)
        {
            throw new InvalidOperationException(HookRunning
                ? "a run can be rewound only from its outermost level, not from a nested run a foreign function started"
                : "Rewind must be called from a hook callback on the VM thread");
        }
        throw new RewindSignal(recording, checkpoint);
    }

    /// <summary>Starts the count of outermost runs: a recording starts afresh with each one.</summary>
    private void BeginOutermostRun() => _outermostRuns++;

    /// <summary>Takes a checkpoint when the attached recording wants one now (between slices of the outermost run).</summary>
    private void RecordCheckpointIfDue()
    {
        if (_recording is not { } recording || _nestedRuns != 1 || !recording.IsDue(_outermostRuns, _completedInstructions))
        {
            return;
        }
        var start = Stopwatch.GetTimestamp();
        var tables = new List<FrozenTable>();
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<object>();
        void Reach(object? target)
        {
            if (target is not null && seen.Add(target))
            {
                pending.Push(target);
            }
        }
        foreach (ref readonly var value in Calls.Values.AsSpan(0, Calls.ValueTop))
        {
            Reach(FrozenTable.TargetOf(value));
        }
        foreach (ref readonly var value in Calls.Arguments.AsSpan(0, Calls.ArgumentTop))
        {
            Reach(FrozenTable.TargetOf(value));
        }
        for (var i = 0; i < Calls.FrameCount; i++)
        {
            Reach(Calls.Frames[i].Upvalues?.Cells);
        }
        long copiedBytes = 0;
        while (pending.TryPop(out var target))
        {
            var frozen = recording.Share(target, ref copiedBytes);
            tables.Add(frozen);
            foreach (var child in frozen.Children)
            {
                Reach(child);
            }
        }
        var checkpoint = new Checkpoint(_outermostRuns, _completedInstructions, Calls.Frames.AsSpan(0, Calls.FrameCount).ToArray(),
            Calls.Values.AsSpan(0, Calls.ValueTop).ToArray(), Calls.Arguments.AsSpan(0, Calls.ArgumentTop).ToArray(), tables.ToArray(), Objects.CurrentCounters,
            recording.IsCurrentRun(_outermostRuns) ? recording.HostCallCursor : 0, recording.CaptureToolState?.Invoke(), copiedBytes);
        recording.Add(_outermostRuns, checkpoint, start);
    }

    /// <summary>Puts the run back to the checkpoint a <see cref="Rewind"/> asked for, between slices.</summary>
    private void Restore(RewindSignal rewind)
    {
        var (recording, checkpoint) = (rewind.Recording, rewind.Checkpoint);
        foreach (var table in checkpoint.Tables)
        {
            recording.Restore(table);
        }
        Calls.Restore(checkpoint.ActivationRecords, checkpoint.Stack, checkpoint.Arguments);
        ReloadAfterHook = true; // the records and registers are the checkpoint's now, wherever they live
        Objects.CurrentCounters = checkpoint.StoreCounters;
        recording.HostCallCursor = checkpoint.HostCallCursor;
        _completedInstructions = checkpoint.Position;
        (_sliceSize, _countdown) = (0, 0);
        _result = default;
    }

    /// <summary>The attached recording when a call of <paramref name="target"/> goes through its log now, else null.</summary>
    private ExecutionRecording? RecordingFor(CallTarget target) =>
        !target.Replayable && _nestedRuns == 1 && _recording is { } recording && recording.IsCurrentRun(_outermostRuns) ? recording : null;

    /// <summary>
    /// Calls a recorded foreign function (a host function, <c>print</c>, <c>LocalStorage.*</c>): replays
    /// the logged call while the run is within the log, else calls it and logs what it did — its
    /// result or error, the tables it created, the argument tables it changed and the instructions
    /// of the nested runs it started.
    /// </summary>
    private Value InvokeRecorded(ExecutionRecording recording, CallTarget target, ReadOnlySpan<Value> arguments)
    {
        if (recording.NextLogged(target.Name) is { } logged)
        {
            _completedInstructions += logged.InstructionsInside;
            return logged.Replay(Objects);
        }
        var before = Objects.CurrentCounters;
        var instructionsBefore = InstructionsExecuted;
        var argumentTables = new List<(object Table, FrozenTable Contents)>();
        long ignored = 0;
        foreach (ref readonly var argument in arguments)
        {
            if (FrozenTable.TargetOf(argument) is { } table and not Value[])
            {
                argumentTables.Add((table, recording.Share(table, ref ignored)));
            }
        }
        Value result = default;
        Exception? thrown = null;
        try
        {
            result = InvokeHost(target, arguments);
        }
        catch (Exception e) when (e is StoffelError or VmException)
        {
            thrown = e;
        }
        var changed = new List<FrozenTable>();
        foreach (var (table, contents) in argumentTables)
        {
            if (!contents.IsCurrent)
            {
                changed.Add(recording.Share(table, ref ignored));
            }
        }
        changed.AddRange(CreatedTables(recording, result, before.NextId));
        var error = thrown switch
        {
            StoffelError e => e,
            VmException e => new StoffelError(e.Kind, e.Message),
            _ => null,
        };
        recording.Append(new HostCall(target.Name, result, error, changed.ToArray(), Objects.CurrentCounters, InstructionsExecuted - instructionsBefore));
        if (thrown is not null)
        {
            ExceptionDispatchInfo.Throw(thrown);
        }
        return result;
    }

    /// <summary>Copies of the tables reachable from <paramref name="result"/> that a host call created (ids from <paramref name="firstNewId"/>).</summary>
    private static List<FrozenTable> CreatedTables(ExecutionRecording recording, in Value result, long firstNewId)
    {
        var created = new List<FrozenTable>();
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<object>();
        if (FrozenTable.TargetOf(result) is { } root)
        {
            pending.Push(root);
        }
        long ignored = 0;
        while (pending.TryPop(out var target))
        {
            var isNew = target switch
            {
                StoffelArray array => array.Id >= firstNewId,
                StoffelObject table => table.Id >= firstNewId,
                _ => true, // a closure made by the call
            };
            if (!isNew || !seen.Add(target))
            {
                continue;
            }
            var frozen = recording.Share(target, ref ignored);
            created.Add(frozen);
            foreach (var child in frozen.Children)
            {
                pending.Push(child);
            }
        }
        return created;
    }
}

/// <summary>Thrown by <see cref="VirtualMachine.Rewind"/> out of the hook; the outermost run catches it and continues from the checkpoint.</summary>
internal sealed class RewindSignal(ExecutionRecording recording, Checkpoint checkpoint) : Exception("the run is being rewound to a checkpoint")
{
    public ExecutionRecording Recording { get; } = recording;

    public Checkpoint Checkpoint { get; } = checkpoint;
}
