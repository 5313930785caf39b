using Stoffel.Vm.Hooks;

namespace Stoffel.Hooks.Profiling;

/// <summary>
/// Feeds a <see cref="CallTimeline"/> the VM's batches of program calls and returns
/// (<see cref="ICallRecordObserver"/>) as well as its other call events one by one: the profiler's
/// observer when it reads the clock less often than at every event
/// (<see cref="ProfilerOptions.ClockReadEvery"/> above 1), so that a batch costs it one clock read
/// at most. At every event, batches would put the hand-over time on their events.
/// </summary>
internal sealed class BatchedCallTimeline(CallTimeline timeline) : ICallRecordObserver
{
    /// <inheritdoc/>
    public void OnCall(string callee, int calleeDepth, long instructionsExecuted) => timeline.OnCall(callee, calleeDepth, instructionsExecuted);

    /// <inheritdoc/>
    public void OnReturn(string callee, int calleeDepth, long instructionsExecuted) => timeline.OnReturn(callee, calleeDepth, instructionsExecuted);

    /// <summary>True when the timeline keeps no event log: a builtin run inline is then only counted (<see cref="CallTimeline.Count"/>), while the log would give each call its events.</summary>
    public bool CountsInlineBuiltins => timeline.CountsSuffice;

    /// <inheritdoc/>
    public void OnCallRecords(ReadOnlySpan<CallRecord> records, ReadOnlySpan<string> functionNames) => timeline.Replay(records, functionNames);
}
