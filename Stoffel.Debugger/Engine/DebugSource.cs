using Stoffel.Vm.Formats.Assembly;
using Stoffel.Vm.Programs;

namespace Stoffel.Debugger.Engine;

/// <summary>
/// What the debugger shows for one loaded program: its <c>.stfa</c> file, or — for a binary,
/// which has no source — the disassembly text, addressed by <see cref="Reference"/>. Holds the
/// per-instruction line map of every function and each function's line span.
/// </summary>
public sealed class DebugSource
{
    private readonly Dictionary<CompiledFunction, int[]> _lines = new(ReferenceEqualityComparer.Instance);
    private readonly List<(CompiledFunction Function, int Start, int End)> _spans = [];

    internal DebugSource(StoffelProgram program, int reference)
    {
        Program = program;
        var hasSource = program.SourcePath is not null && program.Functions.All(f => f.SourceLines is not null);
        string? text;
        if (hasSource)
        {
            Path = System.IO.Path.GetFullPath(program.SourcePath!);
            Name = System.IO.Path.GetFileName(Path);
            foreach (var function in program.Functions)
            {
                _lines[function] = function.SourceLines!;
            }
            text = TryRead(Path);
        }
        else
        {
            Reference = reference;
            text = StfaDisassembler.Disassemble(program, out var maps);
            Text = text;
            Name = $"disassembly-{reference}.stfa";
            for (var i = 0; i < program.Functions.Count; i++)
            {
                _lines[program.Functions[i]] = maps[i];
            }
        }
        BuildSpans(text);
    }

    /// <summary>The program.</summary>
    public StoffelProgram Program { get; }

    /// <summary>The full path of the <c>.stfa</c> file, or null for a disassembly.</summary>
    public string? Path { get; }

    /// <summary>The source reference (&gt; 0) of a disassembly, or 0 for a file.</summary>
    public int Reference { get; }

    /// <summary>A short display name.</summary>
    public string Name { get; }

    /// <summary>The disassembly text, or null for a file.</summary>
    public string? Text { get; }

    /// <summary>The key that addresses this source.</summary>
    public SourceKey Key => Path is not null ? SourceKey.ForPath(Path) : SourceKey.ForReference(Reference);

    /// <summary>The line of instruction <paramref name="index"/> of <paramref name="function"/>, or 0.</summary>
    public int LineOf(CompiledFunction function, int index) =>
        _lines.TryGetValue(function, out var map) && (uint)index < (uint)map.Length ? map[index] : 0;

    /// <summary>True when <paramref name="function"/> belongs to this source.</summary>
    public bool Contains(CompiledFunction function) => _lines.ContainsKey(function);

    /// <summary>The lines from <paramref name="from"/> to <paramref name="to"/> (inclusive) where an instruction starts, in order.</summary>
    public IReadOnlyList<int> InstructionLines(int from, int to) =>
        _lines.Values.SelectMany(map => map).Where(line => line >= from && line <= to).Distinct().Order().ToArray();

    /// <summary>
    /// Binds a requested line: the function whose span holds it, and the instructions that start
    /// the first line at or after it that has an instruction in that function.
    /// </summary>
    internal LineResolution Resolve(int line)
    {
        foreach (var (function, start, end) in _spans)
        {
            if (line < start || line > end)
            {
                continue;
            }
            var map = _lines[function];
            var best = int.MaxValue;
            foreach (var l in map)
            {
                if (l >= line && l < best)
                {
                    best = l;
                }
            }
            if (best == int.MaxValue)
            {
                return new LineResolution(function, 0, [], $"no instruction at or after line {line} in function '{function.Name}'");
            }
            var sites = new List<int>();
            for (var i = 0; i < map.Length; i++)
            {
                if (map[i] == best && (i == 0 || map[i - 1] != best))
                {
                    sites.Add(i);
                }
            }
            var message = best == line ? null : $"moved from line {line} to line {best}, the next line with an instruction in '{function.Name}'";
            return new LineResolution(function, best, sites, message);
        }
        return new LineResolution(null, 0, [], $"line {line} is outside any function");
    }

    // A function spans from its `.function` line to its `.end` line when the text is known,
    // else from its first to its last instruction line.
    private void BuildSpans(string? text)
    {
        var headers = new List<int>();
        var ends = new List<int>();
        if (text is not null)
        {
            var lineNumber = 0;
            foreach (var raw in text.Split('\n'))
            {
                lineNumber++;
                var trimmed = raw.TrimStart();
                if (trimmed.StartsWith(".function", StringComparison.OrdinalIgnoreCase))
                {
                    headers.Add(lineNumber);
                }
                else if (trimmed.StartsWith(".end", StringComparison.OrdinalIgnoreCase))
                {
                    ends.Add(lineNumber);
                }
            }
        }
        foreach (var (function, map) in _lines)
        {
            var lines = map.Where(l => l > 0).ToArray();
            if (lines.Length == 0)
            {
                continue;
            }
            var (first, last) = (lines.Min(), lines.Max());
            var start = headers.Where(h => h <= first).DefaultIfEmpty(first).Max();
            var end = ends.Where(e => e >= last).DefaultIfEmpty(last).Min();
            _spans.Add((function, start, end));
        }
    }

    private static string? TryRead(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}

/// <summary>Where a requested line bound.</summary>
internal sealed record LineResolution(CompiledFunction? Function, int Line, IReadOnlyList<int> Sites, string? Message);
