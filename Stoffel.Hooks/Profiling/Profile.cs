namespace Stoffel.Hooks.Profiling;

/// <summary>
/// A finished profile (from <see cref="Profiler.Finish"/>): the call timeline as open/close
/// events in nanoseconds since the profiler attached, per-function totals and, when instructions
/// were counted, hits per instruction and per source line.
/// </summary>
/// <param name="Frames">Every function that was called, indexed by <see cref="ProfileEvent.Frame"/>.</param>
/// <param name="Events">Open and close events in time order; every open has its close.</param>
/// <param name="EndNanoseconds">When profiling finished, ns since attach.</param>
/// <param name="Functions">Per-function totals, in <see cref="Frames"/> order.</param>
/// <param name="Instructions">Instructions that ran, with hit counts (empty unless <see cref="ProfilerOptions.CountInstructions"/>).</param>
/// <param name="TotalInstructions">Instructions counted (0 unless <see cref="ProfilerOptions.CountInstructions"/>).</param>
public sealed record Profile(
    IReadOnlyList<ProfileFrame> Frames,
    IReadOnlyList<ProfileEvent> Events,
    long EndNanoseconds,
    IReadOnlyList<FunctionProfile> Functions,
    IReadOnlyList<InstructionProfile> Instructions,
    long TotalInstructions)
{
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

/// <summary>Whether a <see cref="ProfileEvent"/> enters or leaves a frame.</summary>
public enum ProfileEventType
{
    /// <summary>A call started.</summary>
    Open,
    /// <summary>A call finished (returned, unwound by an error, or still running when the profile finished).</summary>
    Close,
}

/// <summary>One timeline event.</summary>
/// <param name="Type">Open or close.</param>
/// <param name="Frame">Index into <see cref="Profile.Frames"/>.</param>
/// <param name="At">Nanoseconds since the profiler attached.</param>
public readonly record struct ProfileEvent(ProfileEventType Type, int Frame, long At);

/// <summary>Totals for one function.</summary>
/// <param name="Frame">The function.</param>
/// <param name="Calls">Times it was called.</param>
/// <param name="InclusiveNanoseconds">Time with it on the stack, callees included; recursive activations are counted once (outermost).</param>
/// <param name="ExclusiveNanoseconds">Time it was the innermost frame; never more than <paramref name="InclusiveNanoseconds"/>.</param>
/// <param name="Instructions">Instructions it ran (0 for foreign functions or without instruction counting).</param>
public sealed record FunctionProfile(ProfileFrame Frame, long Calls, long InclusiveNanoseconds, long ExclusiveNanoseconds, long Instructions);

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
