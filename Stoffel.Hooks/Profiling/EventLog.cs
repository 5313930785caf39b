namespace Stoffel.Hooks.Profiling;

/// <summary>
/// The optional per-call log (<see cref="ProfilerOptions.EventLimit"/>): open and close events up
/// to a cap. When an open would pass the cap, the log closes the calls open at that moment and
/// stops, so it stays balanced. Events are logged with the VM's instruction count and get their
/// time (raw clock ticks) when the <see cref="TimeWindow"/> they fall in closes.
/// </summary>
internal sealed class EventLog(int limit)
{
    private readonly List<ProfileEvent> _events = [];
    private int _stamped;

    /// <summary>The events; those after the last window's close still carry instruction counts.</summary>
    public IReadOnlyList<ProfileEvent> Events => _events;

    /// <summary>True once the log reached its cap and stopped.</summary>
    public bool Stopped { get; private set; }

    /// <summary>Logs a call's start at instruction count <paramref name="instructions"/>; <paramref name="open"/> is the logged frames open before it, outermost first.</summary>
    public void Open(int frame, long instructions, IEnumerable<int> open)
    {
        if (Stopped)
        {
            return;
        }
        if (_events.Count >= limit)
        {
            foreach (var id in open.Reverse())
            {
                _events.Add(new ProfileEvent(ProfileEventType.Close, id, instructions));
            }
            Stopped = true;
            return;
        }
        _events.Add(new ProfileEvent(ProfileEventType.Open, frame, instructions));
    }

    /// <summary>Logs a call's end at instruction count <paramref name="instructions"/>.</summary>
    public void Close(int frame, long instructions)
    {
        if (!Stopped)
        {
            _events.Add(new ProfileEvent(ProfileEventType.Close, frame, instructions));
        }
    }

    /// <summary>
    /// Turns the instruction counts of the events logged in a window that started at
    /// <paramref name="start"/> (raw ticks) and instruction count <paramref name="startInstructions"/>
    /// into times, at <paramref name="ticksPerInstruction"/>.
    /// </summary>
    public void Stamp(long start, long startInstructions, double ticksPerInstruction)
    {
        for (; _stamped < _events.Count; _stamped++)
        {
            var e = _events[_stamped];
            _events[_stamped] = e with { At = start + Math.Max(0, (long)((e.At - startInstructions) * ticksPerInstruction)) };
        }
    }
}
