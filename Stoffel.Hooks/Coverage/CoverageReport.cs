using Stoffel.Vm.Programs;

namespace Stoffel.Hooks.Coverage;

/// <summary>What ran, per loaded program (from <see cref="CoverageCollector.Report"/>).</summary>
/// <param name="Programs">One entry per program loaded in the VM, in load order.</param>
public sealed record CoverageReport(IReadOnlyList<ProgramCoverage> Programs)
{
    /// <summary>
    /// Adds up the coverage of several runs (e.g. one VM per test): programs are matched by
    /// source path (a binary without source by its <see cref="StoffelProgram"/> instance) and
    /// their functions by name; calls and instruction hits are summed. Programs only some reports
    /// have are kept as they are.
    /// </summary>
    /// <param name="reports">The reports, in any order.</param>
    /// <returns>One report, programs in order of first appearance.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reports"/> is null.</exception>
    /// <exception cref="ArgumentException">Two reports have different code under the same source path.</exception>
    public static CoverageReport Merge(IEnumerable<CoverageReport> reports)
    {
        ArgumentNullException.ThrowIfNull(reports);
        var merged = new List<ProgramCoverage>();
        var index = new Dictionary<object, int>();
        foreach (var program in reports.SelectMany(r => r.Programs))
        {
            var key = (object?)program.SourcePath ?? program.Program;
            if (index.TryGetValue(key, out var at))
            {
                merged[at] = Sum(merged[at], program);
            }
            else
            {
                index[key] = merged.Count;
                merged.Add(program);
            }
        }
        return new CoverageReport(merged);
    }

    private static ProgramCoverage Sum(ProgramCoverage left, ProgramCoverage right)
    {
        var rightFunctions = right.Functions.ToDictionary(f => f.Name, StringComparer.Ordinal);
        var functions = left.Functions.Select(function =>
        {
            if (rightFunctions.GetValueOrDefault(function.Name) is not { } other)
            {
                return function;
            }
            if (other.InstructionHits.Count != function.InstructionHits.Count)
            {
                throw new ArgumentException($"{left.SourcePath ?? "a binary"}: function '{function.Name}' has different code in the reports being merged");
            }
            // A new record, not `with`: LineHits is computed from the hits at construction.
            return new FunctionCoverage(
                function.Name,
                function.Calls + other.Calls,
                function.InstructionHits.Zip(other.InstructionHits, (a, b) => a + b).ToArray(),
                function.InstructionLines);
        }).ToArray();
        return left with { Functions = functions };
    }
}

/// <summary>Coverage of one program.</summary>
/// <param name="Program">The program.</param>
/// <param name="SourcePath">The <c>.stfa</c> it was assembled from, or null for a binary.</param>
/// <param name="Disassembly">For a binary: its disassembly, which the line numbers refer to; null when <paramref name="SourcePath"/> is set.</param>
/// <param name="Functions">Every function of the program, in file order.</param>
public sealed record ProgramCoverage(StoffelProgram Program, string? SourcePath, string? Disassembly, IReadOnlyList<FunctionCoverage> Functions);

/// <summary>Coverage of one function.</summary>
/// <param name="Name">The function name.</param>
/// <param name="Calls">Times it was called.</param>
/// <param name="InstructionHits">Runs per instruction; one extra last slot for the implicit return at the end.</param>
/// <param name="InstructionLines">1-based line per instruction in the source (or the disassembly), 0 when unknown.</param>
public sealed record FunctionCoverage(string Name, long Calls, IReadOnlyList<long> InstructionHits, IReadOnlyList<int> InstructionLines)
{
    /// <summary>Hits per line that holds an instruction (the most any instruction on it ran), ordered by line.</summary>
    public IReadOnlyList<KeyValuePair<int, long>> LineHits { get; } = InstructionLines
        .Select((line, index) => (line, hits: InstructionHits[index]))
        .Where(p => p.line > 0)
        .GroupBy(p => p.line)
        .Select(g => new KeyValuePair<int, long>(g.Key, g.Max(p => p.hits)))
        .OrderBy(p => p.Key)
        .ToArray();

    /// <summary>The line of its first instruction with a line, or 0 for an empty function.</summary>
    public int FirstLine => LineHits.Count > 0 ? LineHits[0].Key : 0;
}
