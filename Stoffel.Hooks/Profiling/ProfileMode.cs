namespace Stoffel.Hooks.Profiling;

/// <summary>How a <see cref="Profiler"/> measures.</summary>
public enum ProfileMode
{
    /// <summary>
    /// Every call and return (call/return hooks): exact call counts, per-function instruction
    /// counts and inclusive/exclusive times, aggregated into a call tree. About 1.6–1.8x a plain
    /// run on call-heavy code and 1.3–2.3x on code full of builtin calls (bench/README.md, whole
    /// process), little on code with few calls.
    /// </summary>
    Trace,

    /// <summary>
    /// A timer thread asks the VM for its call stack every <see cref="ProfilerOptions.SampleInterval"/>
    /// (one instruction event per sample, nothing per call): times are estimates from the
    /// samples, there are no call counts, and the cost is close to a plain run.
    /// </summary>
    Sample,
}

/// <summary>Parsing <see cref="ProfileMode"/> names.</summary>
public static class ProfileModes
{
    /// <summary>Parses <c>trace</c> or <c>sample</c> (case-insensitive).</summary>
    /// <param name="name">The name.</param>
    /// <returns>The mode.</returns>
    /// <exception cref="ArgumentException">Any other name.</exception>
    public static ProfileMode Parse(string name) => name?.ToLowerInvariant() switch
    {
        "trace" => ProfileMode.Trace,
        "sample" => ProfileMode.Sample,
        _ => throw new ArgumentException($"unknown profile mode '{name}' (expected trace or sample)", nameof(name)),
    };
}
