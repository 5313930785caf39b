namespace Stoffel.Hooks.Profiling;

/// <summary>
/// The optional per-call log (<see cref="ProfilerOptions.EventLimit"/>): open and close events
/// in raw clock ticks, up to a cap. When an open would pass the cap, the log closes the calls
/// open at that moment and stops, so it stays balanced.
/// </summary>
internal sealed class EventLog(int limit)
{
    private readonly List<ProfileEvent> _events = [];

    public IReadOnlyList<ProfileEvent> Events => _events;

    /// <summary>When the log stopped at its cap (raw ticks), or null while it records.</summary>
    public long? StoppedAt { get; private set; }

    /// <summary>Logs a call's start; <paramref name="open"/> is the logged frames open before it, outermost first.</summary>
    public void Open(int frame, long at, IEnumerable<int> open)
    {
        if (StoppedAt is not null)
        {
            return;
        }
        if (_events.Count >= limit)
        {
            foreach (var id in open.Reverse())
            {
                _events.Add(new ProfileEvent(ProfileEventType.Close, id, at));
            }
            StoppedAt = at;
            return;
        }
        _events.Add(new ProfileEvent(ProfileEventType.Open, frame, at));
    }

    /// <summary>Logs a call's end.</summary>
    public void Close(int frame, long at)
    {
        if (StoppedAt is null)
        {
            _events.Add(new ProfileEvent(ProfileEventType.Close, frame, at));
        }
    }
}
