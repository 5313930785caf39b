using Stoffel.Vm.Formats.Assembly;
using Stoffel.Vm.Hooks;
using Stoffel.Vm.Programs;
using Stoffel.Vm.Runtime;

namespace Stoffel.Hooks.Coverage;

/// <summary>
/// Records which instructions (and so which source lines) ran and how often each function was
/// called. Listens to BeforeInstructionExecute and BeforeFunctionCall. Write the result with
/// <see cref="LcovWriter"/>.
/// </summary>
/// <example>
/// <code>
/// using var coverage = CoverageCollector.Attach(vm);
/// vm.Execute("main");
/// LcovWriter.WriteFile(coverage.Report(), "out.lcov");
/// </code>
/// </example>
public sealed class CoverageCollector : HookAttachment
{
    private readonly InstructionCounter _instructions = new();
    private readonly Dictionary<string, long> _calls = new(StringComparer.Ordinal);

    private CoverageCollector(VirtualMachine vm) : base(vm)
    {
    }

    /// <summary>Starts recording coverage on <paramref name="vm"/>.</summary>
    /// <param name="vm">The VM.</param>
    /// <returns>The collector; dispose it to stop recording.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="vm"/> is null.</exception>
    public static CoverageCollector Attach(VirtualMachine vm)
    {
        var collector = new CoverageCollector(vm);
        collector.Subscribe(HookEventMask.BeforeInstructionExecute, collector.OnInstruction);
        collector.Subscribe(HookEventMask.BeforeFunctionCall, collector.OnCall);
        return collector;
    }

    /// <summary>
    /// Coverage of every function of every program loaded in the VM so far, run or not. A program
    /// without source gets its disassembly, and its lines refer to that text. Call it when no run
    /// is in progress.
    /// </summary>
    /// <returns>The report.</returns>
    public CoverageReport Report() => new(Vm.State.LoadedPrograms.Select(ProgramReport).ToArray());

    private void OnInstruction(in HookEvent e, HookContext context) => _instructions.Count(e.Function!, e.InstructionIndex);

    private void OnCall(in HookEvent e, HookContext context) => _calls[e.Name!] = _calls.GetValueOrDefault(e.Name!) + 1;

    private ProgramCoverage ProgramReport(StoffelProgram program)
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
            return new FunctionCoverage(function.Name, _calls.GetValueOrDefault(function.Name), _instructions.HitsOf(function), lines);
        }).ToArray();
        return new ProgramCoverage(program, program.SourcePath, disassembly, functions);
    }
}
