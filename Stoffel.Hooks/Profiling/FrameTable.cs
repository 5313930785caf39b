using System.Runtime.CompilerServices;

namespace Stoffel.Hooks.Profiling;

/// <summary>
/// The functions a profile has seen, each with its running totals. Written on the VM thread;
/// <see cref="Snapshot"/> is safe from any thread (rows are published after they are complete,
/// and each total is a 64-bit field that is only ever replaced whole).
/// </summary>
internal sealed class FrameTable(ProgramIndex programs)
{
    private readonly Dictionary<string, FrameStats> _byName = new(StringComparer.Ordinal);
    private volatile FrameStats[] _rows = new FrameStats[16];
    private volatile int _count;
    private string? _lastName;
    private FrameStats? _last;

    /// <summary>The row of the function called <paramref name="name"/>, added on first sight (VM thread only).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public FrameStats Get(string name) =>
        // Call events carry the same name string each time: most lookups are the last one again.
        ReferenceEquals(name, _lastName) ? _last! : Find(name);

    private FrameStats Find(string name)
    {
        if (!_byName.TryGetValue(name, out var row))
        {
            row = Add(name);
        }
        _lastName = name;
        return _last = row;
    }

    /// <summary>The rows so far, in the order they were first seen (their <see cref="FrameStats.Id"/>).</summary>
    public FrameStats[] Snapshot()
    {
        var count = _count;
        return _rows[..count];
    }

    private FrameStats Add(string name)
    {
        var function = programs.FindFunction(name);
        var file = function is null ? null : programs.ProgramOf(function)?.SourcePath;
        var line = function?.SourceLines?.FirstOrDefault(l => l > 0) ?? 0;
        var row = new FrameStats(_count, new ProfileFrame(name, file, line, function is null));
        _byName[name] = row;
        var rows = _rows;
        if (_count == rows.Length)
        {
            rows = [.. rows, .. new FrameStats[rows.Length]];
        }
        rows[_count] = row;
        _rows = rows;
        _count++;
        return row;
    }
}

/// <summary>One function's running totals, raw clock ticks for times. Fields so readers on other threads can use <c>Volatile.Read</c>.</summary>
internal sealed class FrameStats(int id, ProfileFrame frame)
{
    public readonly int Id = id;
    public readonly ProfileFrame Frame = frame;
    public long Calls;
    /// <summary>Activations open now (trace mode), so a recursive function's time counts once.</summary>
    public long Active;
    public long Inclusive;
    public long Exclusive;
    public long Instructions;
    public long Samples;
    /// <summary>The last sample that counted this function's inclusive time (sample mode: once per sample).</summary>
    public long LastSample = -1;
}
