namespace Stoffel.Hooks.Profiling;

/// <summary>How a <see cref="Profiler"/> measures.</summary>
public sealed record ProfilerOptions
{
    /// <summary>The clock; <see cref="TimeProvider.GetTimestamp"/> is read at every call and return. Inject a fake for deterministic tests.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>
    /// Also count instructions per function, per instruction and per source line. Costs one
    /// <c>BeforeInstructionExecute</c> event per instruction; without it the profiler listens
    /// only to calls and returns.
    /// </summary>
    public bool CountInstructions { get; init; }
}
