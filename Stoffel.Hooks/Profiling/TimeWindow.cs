using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Stoffel.Hooks.Profiling;

/// <summary>
/// Trace mode's time without a clock read per event (a clock read costs about as much as the
/// VM's whole call on some machines). The clock is read at chosen events (<see cref="CallTimeline"/>
/// reads it every <c>ClockReadEvery</c>-th event and whenever a foreign function, or no function,
/// is on top, whose time no instruction count reflects); the time between two reads, a window,
/// goes to the call-tree nodes that executed instructions in it, in proportion to their
/// instructions, or all to the node on top when none ran. The windows add up exactly to the
/// time profiled; only how a window splits between nodes is estimated. The event log's entries
/// carry instruction counts until the window closes, and then the times interpolated from them.
/// </summary>
/// <remarks>
/// The system clock is read with <see cref="Stopwatch.GetTimestamp"/> directly, what
/// <see cref="TimeProvider.System"/> does behind a virtual call.
/// </remarks>
internal sealed class TimeWindow(TimeProvider time, int readEvery, long start, long startInstructions, EventLog? log)
{
    private CallNode[] _touched = new CallNode[64];
    private int _touchedCount;
    private long _instructions;
    private long _start = start;
    private long _startInstructions = startInstructions;
    private int _sinceRead;

    /// <summary>The last clock reading (raw ticks): where the current window starts.</summary>
    public long LastRead => _start;

    /// <summary>
    /// A reading taken earlier (raw ticks) that <see cref="Read"/> gives instead of the clock's
    /// while set, or null (the default) for the clock's own: a batch of calls replayed on another
    /// thread than the VM's after it was handed over is timed as if replayed at the hand-over,
    /// whose reading the VM's thread took (<see cref="BackgroundCallTimeline"/>).
    /// </summary>
    public long? HeldReading { get; set; }

    /// <summary>Counts an event; true when the clock is due for a read (every <c>readEvery</c>-th event).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Due() => ++_sinceRead >= readEvery;

    /// <summary>Counts <paramref name="events"/> events at once (a batch); true when the clock is due for a read.</summary>
    public bool Due(int events) => (_sinceRead += events) >= readEvery;

    /// <summary><paramref name="node"/> executed <paramref name="instructions"/> more in this window.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(CallNode node, long instructions)
    {
        if (node.WindowInstructions == 0)
        {
            Touch(node);
        }
        node.WindowInstructions += instructions;
        _instructions += instructions;
    }

    private void Touch(CallNode node)
    {
        if (_touchedCount == _touched.Length)
        {
            Array.Resize(ref _touched, _touchedCount * 2);
        }
        _touched[_touchedCount++] = node;
    }

    /// <summary>
    /// Reads the clock and closes the window at the VM's instruction count
    /// <paramref name="instructions"/>: its time goes to the nodes that ran instructions in it, or
    /// to <paramref name="top"/>, the node on top throughout, when none did.
    /// </summary>
    /// <returns>The reading (raw ticks).</returns>
    public long Read(CallNode top, long instructions)
    {
        var now = Math.Max(HeldReading ?? Now(time), _start); // never backwards
        var elapsed = now - _start;
        if (_instructions > 0)
        {
            Distribute(elapsed);
        }
        else
        {
            top.Self += elapsed;
        }
        log?.Stamp(_start, _startInstructions, _instructions > 0 ? (double)elapsed / _instructions : 0);
        (_start, _startInstructions, _instructions, _sinceRead) = (now, instructions, 0, 0);
        return now;
    }

    /// <summary><paramref name="time"/>'s reading now (raw ticks): the system clock's read directly.</summary>
    public static long Now(TimeProvider time) => ReferenceEquals(time, TimeProvider.System) ? Stopwatch.GetTimestamp() : time.GetTimestamp();

    private void Distribute(long elapsed)
    {
        var perInstruction = (double)elapsed / _instructions;
        var given = 0L;
        for (var i = 0; i < _touchedCount; i++)
        {
            var node = _touched[i];
            var share = i == _touchedCount - 1 ? elapsed - given : (long)(node.WindowInstructions * perInstruction); // the last takes the rounding
            node.Self += share;
            given += share;
            node.WindowInstructions = 0;
        }
        Array.Clear(_touched, 0, _touchedCount);
        _touchedCount = 0;
    }
}
