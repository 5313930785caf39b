using System.Runtime.CompilerServices;

namespace Stoffel.Hooks.Profiling;

/// <summary>
/// Timestamps for trace mode's call and return events without a clock read at each one (a
/// clock read costs about as much as the VM's whole call on some machines): the clock is read
/// at every <c>readEvery</c>-th event and at every foreign call and return (whose time no
/// instruction count reflects); an event in between gets the last reading plus the instructions
/// executed since, at the time per instruction measured over the last window. Timestamps never
/// go backwards, so times add up exactly to the time profiled; only how it splits between calls
/// within one window is estimated.
/// </summary>
internal sealed class EventClock(TimeProvider time, int readEvery, long start)
{
    private long _lastRead = start;
    private long _lastReadInstructions = -1;
    private long _last = start;
    private double _ticksPerInstruction;
    private int _sinceRead;

    /// <summary>The timestamp (raw ticks) of an event at VM instruction count <paramref name="instructions"/>; <paramref name="read"/> forces a clock read.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Now(long instructions, bool read)
    {
        long now;
        if (read || ++_sinceRead >= readEvery)
        {
            now = time.GetTimestamp();
            var executed = instructions - _lastReadInstructions;
            if (_lastReadInstructions >= 0 && executed > 0)
            {
                _ticksPerInstruction = (double)(now - _lastRead) / executed;
            }
            _lastRead = now;
            _lastReadInstructions = instructions;
            _sinceRead = 0;
        }
        else
        {
            now = _lastRead + (long)((instructions - _lastReadInstructions) * _ticksPerInstruction);
        }
        return _last = Math.Max(now, _last);
    }
}
