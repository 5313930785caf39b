namespace Stoffel.Hooks.Profiling;

/// <summary>
/// A finished profile (from <see cref="Profiler.Finish"/>): the aggregated call tree,
/// per-function totals, times in nanoseconds since the profiler attached and, when asked for,
/// hits per instruction and per source line and the per-call event log. Its size depends on the
/// number of distinct call stacks, not on how long the program ran (except the event log,
/// which is capped).
/// </summary>
/// <param name="Mode">Trace (every call) or sample (stack samples).</param>
/// <param name="Frames">Every function seen, indexed by <see cref="ProfileNode.Frame"/> and <see cref="ProfileEvent.Frame"/>.</param>
/// <param name="CallTree">The top-level calls (normally the one entry function), each with its callees.</param>
/// <param name="EndNanoseconds">When profiling finished, ns since attach.</param>
/// <param name="Functions">Per-function totals, in <see cref="Frames"/> order.</param>
/// <param name="Instructions">Instructions that ran, with hit counts (empty unless <see cref="ProfilerOptions.LineHits"/>).</param>
/// <param name="TotalInstructions">Instructions the VM executed while the profiler was attached.</param>
/// <param name="Samples">Stack samples taken (sample mode; 0 in trace mode).</param>
public sealed record Profile(
    ProfileMode Mode,
    IReadOnlyList<ProfileFrame> Frames,
    IReadOnlyList<ProfileNode> CallTree,
    long EndNanoseconds,
    IReadOnlyList<FunctionProfile> Functions,
    IReadOnlyList<InstructionProfile> Instructions,
    long TotalInstructions,
    long Samples)
{
    /// <summary>Open and close events in time order, every open with its close (empty unless <see cref="ProfilerOptions.EventLimit"/> is set).</summary>
    public IReadOnlyList<ProfileEvent> Events { get; init; } = [];

    /// <summary>True when the event log reached <see cref="ProfilerOptions.EventLimit"/> and stopped early.</summary>
    public bool EventsTruncated { get; init; }

    /// <summary>Hits per source line (instructions without a line are left out), ordered by file, then line.</summary>
    public IReadOnlyList<LineProfile> Lines { get; } = Instructions
        .Where(i => i.SourceLine > 0)
        .GroupBy(i => (i.File, i.SourceLine))
        .Select(g => new LineProfile(g.First().Function, g.Key.File, g.Key.SourceLine, g.Max(i => i.Hits)))
        .OrderBy(l => l.File, StringComparer.Ordinal).ThenBy(l => l.Line)
        .ToArray();
}

/// <summary>A function as profile viewers show it.</summary>
/// <param name="Name">The function name.</param>
/// <param name="File">The <c>.stfa</c> it came from, or null (binaries, foreign functions).</param>
/// <param name="Line">Source line of its first instruction, or 0.</param>
/// <param name="IsForeign">True for a foreign (builtin or host) function.</param>
public sealed record ProfileFrame(string Name, string? File, int Line, bool IsForeign);

/// <summary>
/// One distinct call stack of the aggregated call tree: every activation of a function reached
/// through the same chain of callers. Recursion nests (fib(30) is 30 nodes deep), it does not
/// multiply: the tree has as many nodes as there are distinct stacks.
/// </summary>
/// <param name="Frame">Index into <see cref="Profile.Frames"/>.</param>
/// <param name="Calls">Activations (trace mode; 0 in sample mode).</param>
/// <param name="InclusiveNanoseconds">Time in these activations, callees included (sample mode: estimated from samples).</param>
/// <param name="SelfNanoseconds">Time in these activations outside any callee.</param>
/// <param name="SelfInstructions">Instructions these activations executed themselves (trace mode).</param>
/// <param name="SelfSamples">Samples with this stack innermost (sample mode).</param>
/// <param name="Children">The callees, in first-call order.</param>
public sealed record ProfileNode(int Frame, long Calls, long InclusiveNanoseconds, long SelfNanoseconds, long SelfInstructions, long SelfSamples, IReadOnlyList<ProfileNode> Children);

/// <summary>Whether a <see cref="ProfileEvent"/> enters or leaves a frame.</summary>
public enum ProfileEventType
{
    /// <summary>A call started.</summary>
    Open,
    /// <summary>A call finished (returned, unwound by an error, still running when the profile finished, or open when the event log stopped).</summary>
    Close,
}

/// <summary>One event of the per-call log.</summary>
/// <param name="Type">Open or close.</param>
/// <param name="Frame">Index into <see cref="Profile.Frames"/>.</param>
/// <param name="At">Nanoseconds since the profiler attached.</param>
public readonly record struct ProfileEvent(ProfileEventType Type, int Frame, long At);

/// <summary>Totals for one function.</summary>
/// <param name="Frame">The function.</param>
/// <param name="Calls">Times it was called (trace mode; 0 in sample mode).</param>
/// <param name="InclusiveNanoseconds">Time with it on the stack, callees included; recursive activations are counted once (outermost).</param>
/// <param name="ExclusiveNanoseconds">Time it was the innermost frame; never more than <paramref name="InclusiveNanoseconds"/>.</param>
/// <param name="Instructions">Instructions it ran itself (0 for foreign functions; in sample mode 0 unless line hits were counted).</param>
/// <param name="Samples">Samples with it innermost (sample mode).</param>
public sealed record FunctionProfile(ProfileFrame Frame, long Calls, long InclusiveNanoseconds, long ExclusiveNanoseconds, long Instructions, long Samples = 0);

/// <summary>Hits of one instruction.</summary>
/// <param name="Function">The function name.</param>
/// <param name="File">Its <c>.stfa</c>, or null.</param>
/// <param name="InstructionIndex">Index in the function (the instruction count for the implicit return at the end).</param>
/// <param name="SourceLine">1-based source line, or 0.</param>
/// <param name="Hits">Times it ran.</param>
public sealed record InstructionProfile(string Function, string? File, int InstructionIndex, int SourceLine, long Hits);

/// <summary>Hits of one source line: the most any instruction on it ran.</summary>
/// <param name="Function">The function the line belongs to.</param>
/// <param name="File">The <c>.stfa</c>, or null.</param>
/// <param name="Line">1-based line.</param>
/// <param name="Hits">Times it ran.</param>
public sealed record LineProfile(string Function, string? File, int Line, long Hits);
