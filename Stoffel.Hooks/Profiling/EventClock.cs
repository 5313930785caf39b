using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Stoffel.Hooks.Profiling;

/// <summary>
/// Timestamps for trace mode's call and return events without a clock read at each one (a
/// clock read costs about as much as the VM's whole call on some machines): the clock is read
/// at every <c>readEvery</c>-th event, at every foreign call and return (whose time no
/// instruction count reflects) and after a million instructions without a read; an event in
/// between gets the last reading plus the instructions executed since, at the time per
/// instruction measured over the last window. Timestamps never go backwards, so times add up
/// exactly to the time profiled; only how it splits between calls within one window is
/// estimated.
/// </summary>
/// <remarks>
/// The estimate is integer arithmetic (ticks per instruction in 1/65,536ths), and the system
/// clock is read with <see cref="Stopwatch.GetTimestamp"/> directly, what
/// <see cref="TimeProvider.System"/> does behind a virtual call.
/// </remarks>
internal sealed class EventClock(TimeProvider time, int readEvery, long start, long startInstructions)
{
    private const int RateShift = 16;
    // Bounds that keep instructions × rate below 2^62: a read at least every 2^20 instructions,
    // at most 2^26 ticks (67 ms) per instruction.
    private const long MaxEstimatedInstructions = 1 << 20;
    private const long MaxRate = 1L << (26 + RateShift);

    private readonly bool _system = ReferenceEquals(time, TimeProvider.System);
    private long _lastRead = start;
    private long _lastReadInstructions = startInstructions;
    private long _last = start;
    private long _rate;
    private int _sinceRead;

    /// <summary>The timestamp (raw ticks) of an event at VM instruction count <paramref name="instructions"/>; <paramref name="read"/> forces a clock read.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Now(long instructions, bool read)
    {
        var executed = instructions - _lastReadInstructions;
        var now = read || ++_sinceRead >= readEvery || (ulong)executed > MaxEstimatedInstructions
            ? Read(instructions, executed)
            : _lastRead + ((executed * _rate) >> RateShift);
        return _last = Math.Max(now, _last);
    }

    private long Read(long instructions, long executed)
    {
        var now = _system ? Stopwatch.GetTimestamp() : time.GetTimestamp();
        if (executed > 0)
        {
            _rate = (long)Math.Clamp((double)(now - _lastRead) * (1 << RateShift) / executed, 0, MaxRate);
        }
        _lastRead = now;
        _lastReadInstructions = instructions;
        _sinceRead = 0;
        return now;
    }
}
