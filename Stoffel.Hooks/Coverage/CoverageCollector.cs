using Stoffel.Vm.Formats.Assembly;
using Stoffel.Vm.Programs;
using Stoffel.Vm.Runtime;

namespace Stoffel.Hooks.Coverage;

/// <summary>
/// Records which instructions (and so which source lines) ran and how often each function was
/// called, with the VM's instruction counters (a counter increment per instruction, no hook
/// events: about 1.2x a plain run, bench/README.md). Write the result with
/// <see cref="LcovWriter"/>; merge the reports of several runs with <see cref="CoverageReport.Merge"/>.
/// </summary>
/// <example>
/// <code>
/// using var coverage = CoverageCollector.Attach(vm);
/// vm.Execute("main");
/// LcovWriter.WriteFile(coverage.Report(), "out.lcov");
/// </code>
/// </example>
public sealed class CoverageCollector : IDisposable
{
    private readonly VirtualMachine _vm;
    private readonly InstructionCounter _counter;

    private CoverageCollector(VirtualMachine vm)
    {
        _vm = vm;
        _counter = InstructionCounter.Attach(vm);
    }

    /// <summary>Starts recording coverage on <paramref name="vm"/>.</summary>
    /// <param name="vm">The VM.</param>
    /// <returns>The collector; dispose it to stop recording (the report stays readable).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="vm"/> is null.</exception>
    public static CoverageCollector Attach(VirtualMachine vm)
    {
        ArgumentNullException.ThrowIfNull(vm);
        return new CoverageCollector(vm);
    }

    /// <summary>The VM the collector is attached to.</summary>
    public VirtualMachine Vm => _vm;

    /// <summary>Stops recording; idempotent. Takes effect at the VM's next call, return or service point when a run is in progress on another thread.</summary>
    public void Dispose() => _counter.Dispose();

    /// <summary>
    /// Coverage of every function of every program loaded in the VM so far, run or not. A program
    /// without source gets its disassembly, and its lines refer to that text. Call it when no run
    /// is in progress (during a run, on another thread, counts are approximate).
    /// </summary>
    /// <returns>The report.</returns>
    public CoverageReport Report()
    {
        var counts = _counter.Counts().ToDictionary<FunctionCounts, CompiledFunction>(c => c.Function, ReferenceEqualityComparer.Instance);
        return new(_vm.Inspector.LoadedPrograms.Select(program => ProgramReport(program, counts)).ToArray());
    }

    private static ProgramCoverage ProgramReport(StoffelProgram program, Dictionary<CompiledFunction, FunctionCounts> counts)
    {
        string? disassembly = null;
        IReadOnlyList<int[]>? lineMaps = null;
        if (program.SourcePath is null)
        {
            disassembly = StfaDisassembler.Disassemble(program, out lineMaps);
        }
        var functions = program.Functions.Select(function =>
        {
            var lines = lineMaps?[function.Index] ?? Enumerable.Range(0, function.Instructions.Length).Select(function.SourceLineAt).ToArray();
            var ran = counts[function];
            return new FunctionCoverage(function.Name, ran.Calls, ran.InstructionHits, lines);
        }).ToArray();
        return new ProgramCoverage(program, program.SourcePath, disassembly, functions);
    }
}
