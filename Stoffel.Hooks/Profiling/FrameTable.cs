namespace Stoffel.Hooks.Profiling;

/// <summary>
/// The functions a profile has seen, in the order it first saw them (their totals are sums over
/// the call tree, <see cref="CallTreeTotals"/>). Written on the VM thread; <see cref="Snapshot"/>
/// is safe from any thread (rows are published after they are complete).
/// </summary>
internal sealed class FrameTable(ProgramIndex programs)
{
    private readonly Dictionary<string, FrameRow> _byName = new(StringComparer.Ordinal);
    private volatile FrameRow[] _rows = new FrameRow[16];
    private volatile int _count;

    /// <summary>
    /// The row of the function called <paramref name="name"/>, added on first sight (VM thread
    /// only). Looked up once per call-tree node (<see cref="CallNode.Child"/>), not per event.
    /// </summary>
    public FrameRow Get(string name) => _byName.TryGetValue(name, out var row) ? row : Add(name);

    /// <summary>The rows so far, in the order they were first seen (their <see cref="FrameRow.Id"/>).</summary>
    public FrameRow[] Snapshot()
    {
        var count = _count;
        return _rows[..count];
    }

    private FrameRow Add(string name)
    {
        var function = programs.FindFunction(name);
        var file = function is null ? null : programs.ProgramOf(function)?.SourcePath;
        var line = function?.SourceLines?.FirstOrDefault(l => l > 0) ?? 0;
        var row = new FrameRow(_count, new ProfileFrame(name, file, line, function is null));
        _byName[name] = row;
        var rows = _rows;
        if (_count == rows.Length)
        {
            rows = [.. rows, .. new FrameRow[rows.Length]];
        }
        rows[_count] = row;
        _rows = rows;
        _count++;
        return row;
    }
}

/// <summary>A function a profile has seen: its row number (<see cref="ProfileNode.Frame"/>) and what viewers show of it.</summary>
internal sealed class FrameRow(int id, ProfileFrame frame)
{
    public readonly int Id = id;
    public readonly ProfileFrame Frame = frame;
}
