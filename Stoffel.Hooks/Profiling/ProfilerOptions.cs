namespace Stoffel.Hooks.Profiling;

/// <summary>How a <see cref="Profiler"/> measures. Checked by <see cref="Profiler.Attach"/>.</summary>
public sealed record ProfilerOptions
{
    /// <summary>The cap <c>stoffel run --profile-events</c> uses: 1,000,000 open/close events (a speedscope file of about 40 MB).</summary>
    public const int DefaultEventLimit = 1_000_000;

    /// <summary>Trace every call (the default) or sample the call stack.</summary>
    public ProfileMode Mode { get; init; } = ProfileMode.Trace;

    /// <summary>The clock; read every <see cref="ClockReadEvery"/> calls and returns (trace mode) or at each sample. Inject a fake for deterministic tests.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>
    /// Also count hits per instruction and per source line (<see cref="Profile.Instructions"/>,
    /// <see cref="Profile.Lines"/>), with the VM's instruction counters: every function runs in
    /// the hooked loop, about 1.2x on top of the profile. Off by default.
    /// </summary>
    public bool LineHits { get; init; }

    /// <summary>
    /// Trace mode only: also keep a log of every call's open and close event, up to this many
    /// events (then the log stops, closing the calls open at that moment, and
    /// <see cref="Profile.EventsTruncated"/> is set; the aggregated profile still covers the whole
    /// run). 0, the default, keeps no log: memory then depends on distinct call stacks only.
    /// </summary>
    public int EventLimit { get; init; }

    /// <summary>
    /// Trace mode only: read the clock at every this-many call and return events, and whenever a
    /// foreign function (or no function) comes on top or leaves it, whose time no instruction
    /// count shows. The time between two reads goes to the functions that ran instructions in
    /// between, in proportion to them (calls and instruction counts stay exact, and the times add
    /// up to the time profiled). 64 by default: on call-heavy code a read every few microseconds;
    /// 1 reads the clock at every event, which on call-heavy code costs about as much again as the
    /// rest of the profiler. Above 1, the profiler takes program functions' calls of each other in
    /// the VM's batches (<see cref="Stoffel.Vm.Hooks.ICallRecordObserver"/>, at least one every
    /// 1,024 instructions) and reads the clock at most once per batch, when due: a window then
    /// spans whole batches.
    /// </summary>
    public int ClockReadEvery { get; init; } = 64;

    /// <summary>
    /// Trace mode with <see cref="ClockReadEvery"/> above 1: fold the VM's batches of calls into
    /// the call tree on a thread of the .NET thread pool while the VM runs on, when the machine
    /// has more than one processor (otherwise, and when false, on the VM's thread). The profile is
    /// the same either way: calls and instructions exactly, and each batch's time read on the VM's
    /// thread when it is handed over (so the clock is read at each of the VM's batches that goes
    /// to the pool, where aggregation on the VM's thread reads it only when due: a custom
    /// <see cref="Time"/> sees more reads). True by default: on
    /// call-heavy code it takes about a third of the profiler's work off the VM's thread, for
    /// about as much CPU time again on another core (docs/hooks.md, "In the background").
    /// </summary>
    public bool BackgroundAggregation { get; init; } = true;

    /// <summary>Sample mode only: time between samples; 10 ms (100 Hz, as pprof) by default, from 0.1 ms to an hour.</summary>
    public TimeSpan SampleInterval { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>Throws when the options contradict each other or are out of range.</summary>
    /// <exception cref="ArgumentException">An event log in sample mode, a negative event limit, a clock read interval under 1, or a sample interval under 0.1 ms or over an hour.</exception>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Time);
        if (ClockReadEvery < 1)
        {
            throw new ArgumentException($"the clock must be read at least every event (1), got {ClockReadEvery}", nameof(ClockReadEvery));
        }
        if (EventLimit < 0)
        {
            throw new ArgumentException($"the event limit must not be negative, got {EventLimit}", nameof(EventLimit));
        }
        if (Mode == ProfileMode.Sample && EventLimit > 0)
        {
            throw new ArgumentException("an event log needs trace mode: sample mode does not see calls", nameof(EventLimit));
        }
        if (SampleInterval < TimeSpan.FromMilliseconds(0.1) || SampleInterval > TimeSpan.FromHours(1))
        {
            throw new ArgumentException($"the sample interval must be between 0.1 ms and an hour, got {SampleInterval.TotalMilliseconds} ms", nameof(SampleInterval));
        }
    }
}
