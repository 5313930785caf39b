using Stoffel.Vm.Hooks;
using Stoffel.Vm.Runtime;

namespace Stoffel.Hooks.Profiling;

/// <summary>
/// Profiles a VM into an aggregated call tree and per-function totals, in one of two modes
/// (<see cref="ProfilerOptions.Mode"/>): <b>trace</b> observes every call and return (a call
/// observer, <see cref="HookManager.RegisterCallObserver"/>) and counts every call, its inclusive
/// and exclusive time and the instructions each function ran; <b>sample</b> reads the call stack every
/// <see cref="ProfilerOptions.SampleInterval"/> from a timer thread. Memory grows with the number
/// of distinct call stacks, not with the length of the run. Export the result of
/// <see cref="Finish"/> with <see cref="SpeedscopeWriter"/>, <see cref="ChromeTraceWriter"/> or
/// <see cref="ProfileSummary"/>; read <see cref="TopFunctions"/> from any thread while it runs.
/// </summary>
/// <example>
/// <code>
/// var profiler = Profiler.Attach(vm);
/// try { vm.Execute("main"); } finally { profile = profiler.Finish(); }
/// ProfileFormats.WriteFile(profile, ProfileFormat.Speedscope, "out.speedscope.json", "main");
/// </code>
/// </example>
public sealed class Profiler : HookAttachment
{
    private readonly ProfilerOptions _options;
    private readonly TimeProvider _time;
    private readonly long _start;
    private readonly long _startInstructions;
    private readonly ProgramIndex _programs;
    private readonly FrameTable _frames;
    private readonly CallNode _root = new(null);
    private readonly CallTimeline? _timeline;
    private BackgroundCallTimeline? _background;
    private readonly EventLog? _log;
    private readonly StackSampler? _sampler;
    private readonly InstructionCounter? _lineHits;
    private Profile? _profile;

    private Profiler(VirtualMachine vm, ProfilerOptions options) : base(vm)
    {
        _options = options;
        _time = options.Time;
        _start = _time.GetTimestamp();
        _startInstructions = vm.Inspector.InstructionsExecuted;
        _programs = new ProgramIndex(vm);
        _frames = new FrameTable(_programs);
        if (options.Mode == ProfileMode.Trace)
        {
            _log = options.EventLimit > 0 ? new EventLog(options.EventLimit) : null;
            _timeline = new CallTimeline(_root, _frames, new TimeWindow(_time, options.ClockReadEvery, _start, _startInstructions, _log), _log);
        }
        else
        {
            _sampler = new StackSampler(vm, _frames, _root, _time, options.SampleInterval);
        }
        _lineHits = options.LineHits ? InstructionCounter.Attach(vm) : null;
    }

    /// <summary>Starts profiling <paramref name="vm"/>; time zero is now.</summary>
    /// <param name="vm">The VM.</param>
    /// <param name="options">Mode, clock, line hits, event log; defaults to trace mode on the system clock.</param>
    /// <returns>The profiler; call <see cref="Finish"/> after the run.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="vm"/> is null.</exception>
    /// <exception cref="ArgumentException">Contradictory or out-of-range options (<see cref="ProfilerOptions.Validate"/>).</exception>
    public static Profiler Attach(VirtualMachine vm, ProfilerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(vm);
        options ??= new ProfilerOptions();
        options.Validate();
        var profiler = new Profiler(vm, options);
        if (profiler._sampler is { } sampler)
        {
            sampler.Start(profiler.Subscribe(HookEventMask.BeforeInstructionExecute, sampler.OnInstruction));
        }
        else
        {
            var timeline = profiler._timeline!;
            profiler.Observe(options.ClockReadEvery <= 1 ? timeline
                : options.BackgroundAggregation && Environment.ProcessorCount > 1 ? profiler._background = new BackgroundCallTimeline(timeline, options.Time)
                : new BatchedCallTimeline(timeline));
        }
        return profiler;
    }

    /// <summary>
    /// The <paramref name="count"/> functions with the most exclusive time so far, most first.
    /// Safe from any thread while the VM runs: each figure is one the profile held a moment ago
    /// (in trace mode a call's time counts once it returns; calls and instructions as they reach
    /// the profiler: with <see cref="ProfilerOptions.ClockReadEvery"/> above 1, program functions'
    /// calls of each other arrive in batches, at most 1,024 instructions late, and with
    /// <see cref="ProfilerOptions.BackgroundAggregation"/> up to some 4,096 calls and returns later).
    /// </summary>
    /// <param name="count">How many functions.</param>
    /// <returns>Up to <paramref name="count"/> functions.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is not positive.</exception>
    public IReadOnlyList<FunctionProfile> TopFunctions(int count = 10)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var rows = _frames.Snapshot();
        var totals = CallTreeTotals.Of(_root, rows.Length);
        return rows
            .Select(row => FunctionProfileOf(row, totals[row.Id], totals[row.Id].Instructions))
            .OrderByDescending(f => f.ExclusiveNanoseconds).ThenByDescending(f => f.Instructions).ThenBy(f => f.Frame.Name, StringComparer.Ordinal)
            .Take(count)
            .ToArray();
    }

    /// <summary>
    /// Detaches and returns the profile. Calls still open (a VM error unwound them, or a run is
    /// still going) are closed now. Later calls return the same profile. Call it on the thread
    /// that ran the VM, or when no run is in progress. With
    /// <see cref="ProfilerOptions.BackgroundAggregation"/> it first replays, on the calling thread,
    /// the batches of calls the worker has not replayed yet.
    /// </summary>
    /// <returns>The profile.</returns>
    public Profile Finish()
    {
        if (_profile is not null)
        {
            return _profile;
        }
        var instructions = Vm.Inspector.InstructionsExecuted;
        Dispose();
        _background?.Drain(); // the batches the pool has not replayed yet
        var now = _timeline?.Finish(instructions) ?? _time.GetTimestamp();
        return _profile = Build(now, instructions);
    }

    /// <inheritdoc/>
    protected override void Detached()
    {
        _sampler?.Dispose();
        _lineHits?.Dispose();
        _background?.Dispose(); // no more hand-overs; Finish replays what is left
    }

    private FunctionProfile FunctionProfileOf(FrameRow row, FunctionTotals totals, long instructions) =>
        new(row.Frame, totals.Calls, Nanoseconds(totals.Inclusive), Nanoseconds(totals.Exclusive), instructions, totals.Samples);

    private long Nanoseconds(long ticks) => (long)((Int128)ticks * 1_000_000_000 / _time.TimestampFrequency);

    private Profile Build(long now, long instructions)
    {
        var rows = _frames.Snapshot();
        var totals = CallTreeTotals.Of(_root, rows.Length);
        var lineHits = InstructionProfiles();
        var sampled = _options.Mode == ProfileMode.Sample;
        var perFunction = lineHits.GroupBy(i => i.Function).ToDictionary(g => g.Key, g => g.Sum(i => i.Hits));
        var functions = rows.Select(row => FunctionProfileOf(
            row,
            totals[row.Id],
            sampled ? perFunction.GetValueOrDefault(row.Frame.Name) : totals[row.Id].Instructions)).ToArray();
        return new Profile(
            _options.Mode,
            rows.Select(row => row.Frame).ToArray(),
            CallTreeOf(_root, rows.Length),
            Nanoseconds(now - _start),
            functions,
            lineHits,
            sampled ? instructions - _startInstructions : totals.Sum(t => t.Instructions),
            _sampler?.Count ?? 0)
        {
            Events = _log?.Events.Select(e => e with { At = Nanoseconds(e.At - _start) }).ToArray() ?? [],
            EventsTruncated = _log?.Stopped ?? false,
        };
    }

    /// <summary>The immutable tree under <paramref name="root"/>, built bottom-up (<see cref="CallTreeTotals.Walk"/>).</summary>
    private ProfileNode[] CallTreeOf(CallNode root, int frameCount)
    {
        var built = new Dictionary<CallNode, ProfileNode>(ReferenceEqualityComparer.Instance);
        ProfileNode[] ChildrenOf(CallNode node) => node.Children.ToArray().Where(built.ContainsKey).Select(c => built[c]).ToArray();
        CallTreeTotals.Walk(root, frameCount, (node, inclusive, _) =>
            built[node] = new ProfileNode(node.Frame!.Id, node.Calls, Nanoseconds(inclusive), Nanoseconds(node.Self), node.Instructions, node.Samples, ChildrenOf(node)));
        return ChildrenOf(root);
    }

    private InstructionProfile[] InstructionProfiles()
    {
        if (_lineHits is null)
        {
            return [];
        }
        return _lineHits.Counts()
            .SelectMany(counts =>
            {
                var file = _programs.ProgramOf(counts.Function)?.SourcePath;
                return counts.InstructionHits
                    .Select((hits, index) => new InstructionProfile(counts.Function.Name, file, index, counts.Function.SourceLineAt(index), hits));
            })
            .Where(i => i.Hits > 0)
            .ToArray();
    }
}
