using System.Diagnostics;
using System.Runtime.CompilerServices;
using Stoffel.Vm.Runtime;

namespace Stoffel.Vm.Recording;

/// <summary>
/// Records a VM's run so a tool can go back in time, the way rr and UndoDB do: a
/// <see cref="Checkpoint"/> at the run's start and then every <see cref="Interval"/> instructions,
/// and a log of the calls to recorded foreign functions (every host function; of the standard
/// library, <c>print</c> and <c>LocalStorage.*</c>). <see cref="VirtualMachine.Rewind"/> restores a
/// checkpoint; running on from it replays the logged host calls (their results, the tables they
/// made or changed, nothing printed or stored twice) until it passes the end of the log, then
/// calls the host again and logs anew. Attach with <see cref="VirtualMachine.Recording"/>.
/// </summary>
/// <remarks>
/// <para>Each outermost run starts a new recording (the last run's checkpoints and log are
/// dropped); a recording attached during a run starts at the run's next service point (within
/// 1,024 instructions). Checkpoints are taken only between instructions of the outermost run,
/// never inside a nested run a foreign function started.</para>
/// <para>Cost: a checkpoint copies frames and registers and the tables reachable from them that
/// changed since the last checkpoint (unchanged tables are shared). <see cref="Interval"/> adapts
/// so checkpoints take about 2% of the run, and is at least <see cref="MinimumInterval"/>. When
/// checkpoints and log pass <see cref="MemoryBudgetBytes"/>, every other older checkpoint is
/// dropped (the first and the latest 16 are kept), so old history gets sparser; when that is not
/// enough, the oldest history goes (the first checkpoint and the host calls before the next).
/// A host-call log that grows past the budget makes the next checkpoint due at once, so the
/// history before it can go.</para>
/// <para>All members are safe from any thread; checkpoints are taken on the VM thread.</para>
/// </remarks>
public sealed class ExecutionRecording
{
    /// <summary>The default <see cref="MemoryBudgetBytes"/>: 256 MiB.</summary>
    public const long DefaultMemoryBudgetBytes = 256L * 1024 * 1024;

    /// <summary>The fewest instructions between two checkpoints: 100,000.</summary>
    public const long MinimumInterval = 100_000;

    private const long MaximumInterval = 50_000_000;
    private const int KeptRecent = 16;
    private const long CostFactor = 50; // run time between checkpoints per unit of checkpoint time: about 2%

    private readonly object _lock = new();
    private readonly List<Checkpoint> _checkpoints = [];
    private readonly List<HostCall> _hostCalls = [];
    private readonly ConditionalWeakTable<object, FrozenTable> _latest = new();
    private readonly long[] _recentCosts = new long[8];
    private Checkpoint[]? _snapshot;
    private long _checkpointBytes;
    private long _hostCallBytes;
    private long _run = -1;
    private int _cursor;
    private int _logBase; // host calls dropped from the log's start with the oldest history
    private long _nextPosition;
    private long _lastTimestamp;

    /// <summary>Creates a recording that keeps checkpoints and log within <paramref name="memoryBudgetBytes"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="memoryBudgetBytes"/> is under 1 MiB.</exception>
    public ExecutionRecording(long memoryBudgetBytes = DefaultMemoryBudgetBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(memoryBudgetBytes, 1L << 20);
        MemoryBudgetBytes = memoryBudgetBytes;
    }

    /// <summary>The memory checkpoints and log may hold, in bytes (approximate, as <see cref="MemoryBytes"/> counts).</summary>
    public long MemoryBudgetBytes { get; }

    /// <summary>Approximate bytes held now by the checkpoints (distinct table copies counted once) and the host-call log.</summary>
    public long MemoryBytes
    {
        get
        {
            lock (_lock)
            {
                return _checkpointBytes + _hostCallBytes;
            }
        }
    }

    /// <summary>Instructions between checkpoints now (adaptive; at least <see cref="MinimumInterval"/>).</summary>
    public long Interval { get; private set; } = MinimumInterval;

    /// <summary>The checkpoints of the current run, oldest first (a snapshot: later checkpoints do not appear in it).</summary>
    public IReadOnlyList<Checkpoint> Checkpoints
    {
        get
        {
            lock (_lock)
            {
                return _snapshot ??= _checkpoints.ToArray(); // one copy per change, not per read: a long run has many
            }
        }
    }

    /// <summary>Host calls in the log (those of the current run the recording still reaches back to).</summary>
    public int HostCallCount
    {
        get
        {
            lock (_lock)
            {
                return _hostCalls.Count;
            }
        }
    }

    /// <summary>
    /// Called on the VM thread at every checkpoint; what it returns is kept as the checkpoint's
    /// <see cref="Checkpoint.ToolState"/> (a debugger keeps its breakpoint hit counts there).
    /// </summary>
    public Func<object?>? CaptureToolState { get; set; }

    /// <summary>The latest checkpoint at or before <paramref name="position"/> (instructions executed), or null when none is.</summary>
    public Checkpoint? LatestAtOrBefore(long position)
    {
        lock (_lock)
        {
            var index = IndexAtOrBefore(position);
            return index < 0 ? null : _checkpoints[index];
        }
    }

    /// <summary>
    /// The state was changed by hand at <paramref name="position"/> (a debugger's setVariable), so
    /// the recorded future no longer follows: drops the checkpoints after it and the host calls not
    /// replayed yet. The run records afresh from here.
    /// </summary>
    public void DiscardAfter(long position)
    {
        lock (_lock)
        {
            var keep = IndexAtOrBefore(position) + 1;
            _checkpoints.RemoveRange(keep, _checkpoints.Count - keep);
            _snapshot = null;
            _hostCalls.RemoveRange(_cursor - _logBase, _hostCalls.Count - (_cursor - _logBase));
            _nextPosition = Math.Max(position, _checkpoints.Count == 0 ? 0 : _checkpoints[^1].Position + Interval);
            Recount();
        }
    }

    /// <summary>Whether <paramref name="checkpoint"/> belongs to this recording's current run.</summary>
    internal bool Owns(Checkpoint checkpoint)
    {
        lock (_lock)
        {
            var index = IndexAtOrBefore(checkpoint.Position);
            return checkpoint.Run == _run && index >= 0 && ReferenceEquals(_checkpoints[index], checkpoint);
        }
    }

    /// <summary>Whether the recording is recording run <paramref name="run"/> (it took that run's first checkpoint).</summary>
    internal bool IsCurrentRun(long run) => run == _run;

    /// <summary>Whether run <paramref name="run"/> needs a checkpoint at <paramref name="position"/>: its first, or <see cref="Interval"/> after the last.</summary>
    internal bool IsDue(long run, long position) => run != _run || position >= _nextPosition;

    /// <summary>The copy of <paramref name="target"/>'s contents: the last one while the target is unchanged, else a new one (whose bytes add to <paramref name="copiedBytes"/>).</summary>
    internal FrozenTable Share(object target, ref long copiedBytes)
    {
        if (_latest.TryGetValue(target, out var latest) && latest.IsCurrent)
        {
            return latest;
        }
        var frozen = FrozenTable.Freeze(target);
        _latest.AddOrUpdate(target, frozen);
        copiedBytes += frozen.Bytes;
        return frozen;
    }

    /// <summary>Restores <paramref name="frozen"/> into its target unless the target holds it already.</summary>
    internal void Restore(FrozenTable frozen)
    {
        if (!frozen.IsCurrent)
        {
            frozen.Restore();
        }
        _latest.AddOrUpdate(frozen.Target, frozen);
    }

    /// <summary>Adds a checkpoint of run <paramref name="run"/> (a new run drops the last one's), adapts the interval to what it cost, and keeps the budget.</summary>
    internal void Add(long run, Checkpoint checkpoint, long startTimestamp)
    {
        var now = Stopwatch.GetTimestamp();
        lock (_lock)
        {
            if (run != _run)
            {
                _run = run;
                _checkpoints.Clear();
                _snapshot = null;
                _hostCalls.Clear();
                (_cursor, _logBase, _checkpointBytes, _hostCallBytes) = (0, 0, 0, 0);
                Array.Clear(_recentCosts);
                Interval = MinimumInterval;
            }
            else if (_checkpoints.Count > 0 && _lastTimestamp != 0)
            {
                // The cheapest of the last few checkpoints is the cost: a slow one was most likely
                // preempted or collected, and one spike must not space checkpoints out for long.
                // The first ones also pay for compiling the checkpoint code: adapt from the third on.
                _recentCosts[_checkpoints.Count % _recentCosts.Length] = now - startTimestamp;
                if (_checkpoints.Count >= 2)
                {
                    var costTicks = _recentCosts.Where(cost => cost > 0).Min();
                    var instructions = checkpoint.Position - _checkpoints[^1].Position;
                    var runTicks = Math.Max(1, startTimestamp - _lastTimestamp);
                    Interval = Math.Clamp((long)((double)instructions / runTicks * costTicks * CostFactor), MinimumInterval, MaximumInterval);
                }
            }
            _checkpoints.Add(checkpoint);
            _snapshot = null;
            _checkpointBytes += checkpoint.Bytes;
            _lastTimestamp = Stopwatch.GetTimestamp();
            _nextPosition = checkpoint.Position + Interval;
            if (_checkpointBytes + _hostCallBytes > MemoryBudgetBytes)
            {
                Thin();
            }
        }
    }

    /// <summary>The log position: host calls before it have been made (or replayed) in the current run.</summary>
    internal int HostCallCursor
    {
        get => _cursor;
        set => _cursor = value;
    }

    /// <summary>
    /// The next logged call when it is a call of <paramref name="name"/> (advancing past it), else
    /// null; a call of another function means the run took another path (its state was changed):
    /// the log from here is dropped and the call is made live.
    /// </summary>
    internal HostCall? NextLogged(string name)
    {
        lock (_lock)
        {
            var index = _cursor - _logBase;
            if (index >= _hostCalls.Count)
            {
                return null;
            }
            var call = _hostCalls[index];
            if (call.Name == name)
            {
                _cursor++;
                return call;
            }
            _hostCallBytes -= _hostCalls.Skip(index).Sum(logged => logged.Bytes);
            _hostCalls.RemoveRange(index, _hostCalls.Count - index);
            return null;
        }
    }

    /// <summary>Logs a live host call at the end of the log.</summary>
    internal void Append(HostCall call)
    {
        lock (_lock)
        {
            _hostCalls.Add(call);
            _cursor = _logBase + _hostCalls.Count;
            _hostCallBytes += call.Bytes;
            if (_checkpointBytes + _hostCallBytes > MemoryBudgetBytes)
            {
                // The log since the latest checkpoint can go only with the history before a newer
                // one: take one at the next slice's end, and the budget is kept there.
                _nextPosition = 0;
            }
        }
    }

    private int IndexAtOrBefore(long position)
    {
        var (low, high) = (0, _checkpoints.Count - 1);
        while (low <= high)
        {
            var middle = (low + high) / 2;
            if (_checkpoints[middle].Position <= position)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }
        return high;
    }

    // First drops every other checkpoint between the first and the latest KeptRecent (old history
    // gets sparser); when that is not enough, the oldest history goes: the first checkpoint and the
    // host calls before the next one. A single checkpoint over the budget stays, taken half as often.
    private void Thin()
    {
        while (_checkpointBytes + _hostCallBytes > MemoryBudgetBytes)
        {
            var last = _checkpoints.Count - KeptRecent - 1; // the last index that may go
            if (last >= 2)
            {
                for (var i = last - (last % 2 == 0 ? 1 : 0); i >= 1; i -= 2)
                {
                    _checkpoints.RemoveAt(i);
                }
            }
            else if (_checkpoints.Count > 1)
            {
                _checkpoints.RemoveAt(0);
                var dropped = _checkpoints[0].HostCallCursor - _logBase;
                _hostCalls.RemoveRange(0, dropped);
                _logBase += dropped;
            }
            else
            {
                Interval = Math.Min(Interval * 2, MaximumInterval);
                _nextPosition = _checkpoints[^1].Position + Interval;
                return;
            }
            Recount();
        }
    }

    private void Recount()
    {
        _snapshot = null; // every change to the list ends in a recount
        var tables = new HashSet<FrozenTable>(ReferenceEqualityComparer.Instance);
        long bytes = 0;
        foreach (var checkpoint in _checkpoints)
        {
            bytes += checkpoint.OwnBytes;
            foreach (var table in checkpoint.Tables)
            {
                if (tables.Add(table))
                {
                    bytes += table.Bytes;
                }
            }
        }
        _checkpointBytes = bytes;
        _hostCallBytes = _hostCalls.Sum(call => call.Bytes);
    }
}
