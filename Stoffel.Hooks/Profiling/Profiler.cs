using Stoffel.Vm.Hooks;
using Stoffel.Vm.Runtime;

namespace Stoffel.Hooks.Profiling;

/// <summary>
/// Times every call (inclusive and exclusive time, call counts) and, optionally, counts
/// instructions per function, instruction and line. Listens to BeforeFunctionCall and
/// AfterFunctionCall, plus BeforeInstructionExecute only with
/// <see cref="ProfilerOptions.CountInstructions"/>. Export the result of <see cref="Finish"/>
/// with <see cref="SpeedscopeWriter"/>, <see cref="ChromeTraceWriter"/> or <see cref="ProfileSummary"/>.
/// </summary>
/// <example>
/// <code>
/// var profiler = Profiler.Attach(vm, new ProfilerOptions { CountInstructions = true });
/// try { vm.Execute("main"); } finally { profile = profiler.Finish(); }
/// using var file = File.Create("out.speedscope.json");
/// SpeedscopeWriter.Write(profile, file, "fib");
/// </code>
/// </example>
public sealed class Profiler : HookAttachment
{
    private readonly TimeProvider _time;
    private readonly long _start;
    private readonly ProgramIndex _programs;
    private readonly CallTimeline _timeline = new();
    private readonly InstructionCounter? _instructions;
    private readonly Dictionary<string, int> _frameIds = new(StringComparer.Ordinal);
    private readonly List<ProfileFrame> _frames = [];
    private Profile? _profile;

    private Profiler(VirtualMachine vm, ProfilerOptions options) : base(vm)
    {
        _time = options.Time;
        _start = _time.GetTimestamp();
        _programs = new ProgramIndex(vm);
        _instructions = options.CountInstructions ? new InstructionCounter() : null;
    }

    /// <summary>Starts profiling <paramref name="vm"/>; time zero is now.</summary>
    /// <param name="vm">The VM.</param>
    /// <param name="options">Clock and instruction counting; defaults to the system clock, calls only.</param>
    /// <returns>The profiler; call <see cref="Finish"/> after the run.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="vm"/> is null.</exception>
    public static Profiler Attach(VirtualMachine vm, ProfilerOptions? options = null)
    {
        var profiler = new Profiler(vm, options ?? new ProfilerOptions());
        profiler.Subscribe(HookEventMask.BeforeFunctionCall | HookEventMask.AfterFunctionCall, profiler.OnCall);
        if (profiler._instructions is { } counter)
        {
            profiler.Subscribe(HookEventMask.BeforeInstructionExecute, (in HookEvent e, HookContext _) => counter.Count(e.Function!, e.InstructionIndex));
        }
        return profiler;
    }

    /// <summary>
    /// Detaches and returns the profile. Calls still open (a VM error unwound them, or a run is
    /// still going) are closed now. Later calls return the same profile.
    /// </summary>
    /// <returns>The profile.</returns>
    public Profile Finish()
    {
        if (_profile is not null)
        {
            return _profile;
        }
        Dispose();
        _timeline.CloseAll(_time.GetTimestamp());
        return _profile = Build();
    }

    private void OnCall(in HookEvent e, HookContext context)
    {
        var now = _time.GetTimestamp();
        var frame = FrameOf(e.Name!);
        if (e.Kind == HookEventKind.BeforeFunctionCall)
        {
            _timeline.Call(frame, _frames[frame].IsForeign, CalleeDepth.BeforeCall(e), now);
        }
        else
        {
            _timeline.Return(frame, CalleeDepth.AfterCall(Vm, e), now);
        }
    }

    private int FrameOf(string name)
    {
        if (_frameIds.TryGetValue(name, out var id))
        {
            return id;
        }
        var function = _programs.FindFunction(name);
        var file = function is null ? null : _programs.ProgramOf(function)?.SourcePath;
        var line = function?.SourceLines?.FirstOrDefault(l => l > 0) ?? 0;
        _frames.Add(new ProfileFrame(name, file, line, function is null));
        return _frameIds[name] = _frames.Count - 1;
    }

    private long Nanoseconds(long ticks) => (long)((Int128)ticks * 1_000_000_000 / _time.TimestampFrequency);

    private Profile Build()
    {
        var instructions = InstructionProfiles();
        var perFunction = instructions.GroupBy(i => i.Function).ToDictionary(g => g.Key, g => g.Sum(i => i.Hits));
        var functions = _frames.Select((frame, i) =>
        {
            var totals = _timeline.TotalsOf(i);
            return new FunctionProfile(frame, totals.Calls, Nanoseconds(totals.Inclusive), Nanoseconds(totals.Exclusive), perFunction.GetValueOrDefault(frame.Name));
        }).ToArray();
        var events = _timeline.Events.Select(e => e with { At = Nanoseconds(e.At - _start) }).ToArray();
        return new Profile(_frames.ToArray(), events, Nanoseconds(_time.GetTimestamp() - _start), functions, instructions, _instructions?.Total ?? 0);
    }

    private InstructionProfile[] InstructionProfiles()
    {
        if (_instructions is null)
        {
            return [];
        }
        return _instructions.Functions
            .SelectMany(function =>
            {
                var file = _programs.ProgramOf(function)?.SourcePath;
                return _instructions.HitsOf(function)
                    .Select((hits, index) => new InstructionProfile(function.Name, file, index, function.SourceLineAt(index), hits));
            })
            .Where(i => i.Hits > 0)
            .ToArray();
    }
}
