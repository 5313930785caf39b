using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.ExceptionServices;
using Stoffel.Vm.Hooks;

namespace Stoffel.Hooks.Profiling;

/// <summary>
/// Feeds a <see cref="CallTimeline"/> the VM's batches of program calls and returns as
/// <see cref="BatchedCallTimeline"/> does, but replays the larger ones on a thread of the .NET
/// thread pool while the VM runs on (<see cref="ProfilerOptions.BackgroundAggregation"/>): the
/// VM's thread only copies each batch, with the clock's reading, into a larger one it hands over
/// when full. Replays still happen one at a time and in the order the VM handed the batches
/// over, on whichever thread: every replay, and every call event that comes one by one, runs
/// under one lock, and before such an event the VM's thread replays, itself, what waits and what
/// it has not handed over yet, as <see cref="Drain"/> does for <see cref="Profiler.Finish"/>. So
/// the call tree is the one <see cref="BatchedCallTimeline"/> builds, and each of the VM's
/// batches is timed at the reading its hand-over took
/// (<see cref="CallTimeline.Replay(ReadOnlySpan{CallRecord}, ReadOnlySpan{string}, long)"/>). A
/// failure of the worker's replay is thrown on the VM's thread at its next call here, where the
/// VM reports it as the observer's. The VM's thread never waits for the worker to come (at most
/// for the batch it is replaying to end): when all <see cref="Batches"/> are in use (the worker
/// is behind, or the pool has no thread for it), it replays what waits itself.
/// </summary>
/// <remarks>
/// Why: on call-heavy code the replay is a third of the profiler's work (`--profile` closure:
/// 323 of 886 machine instructions per iteration, fib 137 of 467 per call), and a second core
/// is idle. What the two threads share costs the VM's thread a cache line's transfer between
/// cores for each line the other wrote, so it shares little and seldom: the worker is handed
/// <see cref="HandOverRecords"/> records at a time (one of the VM's batches at a time cost the
/// VM's thread more than the replay it saved: closure(25M) 1.19 → 1.37 s), and the clock is read
/// here, not through the timeline, whose lines the worker writes (a cache miss per batch,
/// 1.03 → 0.97 s). A worker that blocks as soon as it has nothing to do wakes too late for the
/// next hand-over (0.96 → 1.15 s); the pool's threads spin for a while first. A thread of the
/// pool rather than one of the profiler's own: a profiler of a short run starts no thread.
/// </remarks>
internal sealed class BackgroundCallTimeline : ICallRecordObserver, IThreadPoolWorkItem, IDisposable
{
    /// <summary>Records a hand-over holds at least (64 KB): a few of the VM's batches of call-heavy code.</summary>
    internal const int HandOverRecords = 4_096;

    /// <summary>
    /// A batch of the VM's shorter than this, with none being filled, the VM's thread replays
    /// itself (after what waits): its replay costs less than the clock's reading and the copy a
    /// hand-over takes (code that calls builtins more than functions hands over a few records per
    /// 1,024 instructions: `--profile` object(40M) 1.41x → 1.61x when every batch went over).
    /// </summary>
    internal const int MinimumHandOver = 64;

    /// <summary>Batches, made with the timeline (nothing is allocated per call): filling, waiting or being replayed; when none is spare, the VM's thread replays what waits.</summary>
    private const int Batches = 4;

    private readonly CallTimeline _timeline;
    private readonly TimeProvider _time; // read here, not through the timeline, whose lines the worker writes
    private readonly Lock _replaying = new(); // held by whichever thread replays a batch or takes an event
    private readonly ConcurrentQueue<Batch> _waiting = new();
    private readonly ConcurrentQueue<Batch> _spare = new();
    private Batch? _filling; // the VM's thread's: not handed over yet
    private string[] _names = []; // the VM's function names so far: its table only grows, and no name changes
    private int _nameCount;
    private int _scheduled; // 1 while this is queued to the thread pool or runs there (Execute)
    private volatile bool _stopping;
    private ExceptionDispatchInfo? _failure; // the worker's, thrown on the VM's thread

    /// <summary>Replays batches on the thread pool into <paramref name="timeline"/>, whose clock is <paramref name="time"/>.</summary>
    public BackgroundCallTimeline(CallTimeline timeline, TimeProvider time)
    {
        (_timeline, _time) = (timeline, time);
        for (var i = 0; i < Batches; i++)
        {
            _spare.Enqueue(new Batch());
        }
    }

    /// <inheritdoc/>
    public bool CountsInlineBuiltins => _timeline.CountsSuffice;

    /// <inheritdoc/>
    public void OnCall(string callee, int calleeDepth, long instructionsExecuted)
    {
        lock (_replaying)
        {
            CatchUp();
            _timeline.OnCall(callee, calleeDepth, instructionsExecuted);
        }
    }

    /// <inheritdoc/>
    public void OnReturn(string callee, int calleeDepth, long instructionsExecuted)
    {
        lock (_replaying)
        {
            CatchUp();
            _timeline.OnReturn(callee, calleeDepth, instructionsExecuted);
        }
    }

    /// <inheritdoc/>
    public void OnCallRecords(ReadOnlySpan<CallRecord> records, ReadOnlySpan<string> functionNames)
    {
        if (_stopping || (records.Length < MinimumHandOver && _filling is null))
        {
            lock (_replaying)
            {
                CatchUp();
                _timeline.Replay(records, functionNames);
            }
            return;
        }
        ThrowIfFailed();
        var batch = _filling ??= SpareBatch();
        batch.Append(records, NamesFor(functionNames), functionNames.Length, TimeWindow.Now(_time));
        if (batch.IsFull)
        {
            _filling = null;
            _waiting.Enqueue(batch); // a full fence: a worker that is leaving sees the batch, or this thread sees it gone (ScheduleWorker)
            ScheduleWorker();
        }
    }

    /// <summary>Stops handing batches over: later ones are replayed where they come. Safe from any thread; replays nothing itself (<see cref="Drain"/>).</summary>
    public void Dispose() => _stopping = true;

    /// <summary>
    /// Replays, on the calling thread, whatever waits or was not handed over: then the timeline
    /// holds every batch the VM handed over. Call it on the VM's thread, or when no run is in
    /// progress (<see cref="Profiler.Finish"/>).
    /// </summary>
    /// <exception cref="Exception">The worker's failure, if a replay on it failed: the timeline misses the batch and those after it.</exception>
    public void Drain()
    {
        lock (_replaying)
        {
            CatchUp();
        }
    }

    /// <summary>Replays (the lock held) what waits and what the VM's thread has not handed over, then throws the worker's failure, if it failed.</summary>
    private void CatchUp()
    {
        ReplayWaiting();
        ThrowIfFailed();
    }

    /// <summary>Throws the worker's failure, if it failed.</summary>
    private void ThrowIfFailed() => Volatile.Read(ref _failure)?.Throw();

    /// <summary>Replays (the lock held) the batches waiting, oldest first, then the one the VM's thread has not handed over.</summary>
    private void ReplayWaiting()
    {
        while (_waiting.TryDequeue(out var batch))
        {
            Replay(batch);
        }
        if (_filling is { } filling)
        {
            _filling = null;
            Replay(filling);
        }
    }

    /// <summary>Replays <paramref name="batch"/> (the lock held) and makes it spare; a failure is kept for the VM's thread, and later batches are skipped.</summary>
    private void Replay(Batch batch)
    {
        try
        {
            if (_failure is null)
            {
                batch.ReplayInto(_timeline);
            }
        }
        catch (Exception e)
        {
            Volatile.Write(ref _failure, ExceptionDispatchInfo.Capture(e));
        }
        finally
        {
            batch.Clear();
            _spare.Enqueue(batch);
        }
    }

    /// <summary>A batch to fill: a spare one, or one freed by replaying, here, what waits.</summary>
    private Batch SpareBatch()
    {
        if (_spare.TryDequeue(out var batch))
        {
            return batch;
        }
        lock (_replaying)
        {
            ReplayWaiting(); // the worker is behind: every batch is spare after this
        }
        _spare.TryDequeue(out batch);
        return batch!;
    }

    /// <summary>The names <paramref name="functionNames"/> holds, in an array of this timeline's: the new ones are added after those a waiting batch reads.</summary>
    private string[] NamesFor(ReadOnlySpan<string> functionNames)
    {
        if (functionNames.Length > _nameCount)
        {
            if (functionNames.Length > _names.Length)
            {
                var names = new string[Math.Max(functionNames.Length, _names.Length * 2)];
                _names.AsSpan(0, _nameCount).CopyTo(names); // a waiting batch keeps the array it has
                _names = names;
            }
            functionNames[_nameCount..].CopyTo(_names.AsSpan(_nameCount));
            _nameCount = functionNames.Length;
        }
        Debug.Assert(functionNames.IsEmpty || ReferenceEquals(functionNames[^1], _names[functionNames.Length - 1]), "the VM's function table only grows");
        return _names;
    }

    /// <summary>Queues the worker to the thread pool unless it is queued or running: at most one replays at a time, and it sees every batch queued before it leaves (<see cref="IThreadPoolWorkItem.Execute"/>).</summary>
    private void ScheduleWorker()
    {
        if (Volatile.Read(ref _scheduled) == 0 && Interlocked.CompareExchange(ref _scheduled, 1, 0) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
    }

    /// <summary>The worker, on a thread of the pool: replays the batches waiting, and leaves when there is none, unless one was queued while it was leaving.</summary>
    void IThreadPoolWorkItem.Execute()
    {
        do
        {
            while (TryReplayNext())
            {
            }
            Interlocked.Exchange(ref _scheduled, 0); // a full fence before the test: a batch queued after it schedules a worker of its own
        }
        while (!_waiting.IsEmpty && Interlocked.CompareExchange(ref _scheduled, 1, 0) == 0);
    }

    /// <summary>Replays the oldest waiting batch, if there is one.</summary>
    private bool TryReplayNext()
    {
        lock (_replaying)
        {
            if (!_waiting.TryDequeue(out var batch))
            {
                return false;
            }
            Replay(batch);
            return true;
        }
    }

    /// <summary>Copies of the VM's batches, each with the clock reading at its hand-over, and the function names they index.</summary>
    private sealed class Batch
    {
        private const int MaximumParts = 256; // a part per batch of the VM's: one every 1,024 VM instructions at least, 262,144 instructions in all

        private CallRecord[] _records = new CallRecord[HandOverRecords + 1_024]; // room for the VM's batch that fills it: 1,024 records at most (its buffer's capacity)
        private readonly (int End, long HandedOverAt)[] _parts = new (int, long)[MaximumParts];
        private int _partCount;
        private string[] _names = [];
        private int _nameCount;

        /// <summary>Records held.</summary>
        public int Count { get; private set; }

        /// <summary>True when the batch is to be handed over: <see cref="HandOverRecords"/> records, or as many of the VM's batches as it takes.</summary>
        public bool IsFull => Count >= HandOverRecords || _partCount == MaximumParts;

        /// <summary>Adds one of the VM's batches, handed over at the clock reading <paramref name="handedOverAt"/>, whose ids index the first <paramref name="nameCount"/> of <paramref name="names"/> (which hold, at their indexes, the names an earlier batch's ids indexed). Only while it is not <see cref="IsFull"/>.</summary>
        public void Append(ReadOnlySpan<CallRecord> records, string[] names, int nameCount, long handedOverAt)
        {
            Debug.Assert(!IsFull, "a full batch is handed over");
            if (records.Length > _records.Length - Count)
            {
                Array.Resize(ref _records, Count + records.Length); // not with the VM's batches of 1,024 records at most
            }
            records.CopyTo(_records.AsSpan(Count));
            Count += records.Length;
            _parts[_partCount++] = (Count, handedOverAt);
            (_names, _nameCount) = (names, nameCount);
        }

        /// <summary>Replays the VM's batches in order, each timed at its hand-over.</summary>
        public void ReplayInto(CallTimeline timeline)
        {
            var start = 0;
            foreach (var (end, handedOverAt) in _parts.AsSpan(0, _partCount))
            {
                timeline.Replay(_records.AsSpan(start, end - start), _names.AsSpan(0, _nameCount), handedOverAt);
                start = end;
            }
        }

        /// <summary>Empties the batch for reuse.</summary>
        public void Clear() => (Count, _partCount) = (0, 0);
    }
}
