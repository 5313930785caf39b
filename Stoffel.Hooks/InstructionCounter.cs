using Stoffel.Vm.Hooks;
using Stoffel.Vm.Programs;
using Stoffel.Vm.Runtime;

namespace Stoffel.Hooks;

/// <summary>
/// Instruction and call counts per function over the time it is attached: what coverage and the
/// profiler's line hits both need. Turns on the VM's instruction counting
/// (<see cref="HookManager.RegisterInstructionCounting"/>, a counter increment per instruction, no
/// events) and subtracts the VM's cumulative counters as they stood at attach, so several
/// counters on one VM do not see each other's counts.
/// </summary>
internal sealed class InstructionCounter : IDisposable
{
    private readonly VirtualMachine _vm;
    private readonly Dictionary<CompiledFunction, FunctionCounts> _baseline;
    private HookId? _id;
    private IReadOnlyList<FunctionCounts>? _final;

    private InstructionCounter(VirtualMachine vm)
    {
        _vm = vm;
        _baseline = vm.Inspector.GetInstructionCounts().ToDictionary<FunctionCounts, CompiledFunction>(c => c.Function, ReferenceEqualityComparer.Instance);
        _id = vm.Hooks.RegisterInstructionCounting();
    }

    /// <summary>Starts counting on <paramref name="vm"/>.</summary>
    public static InstructionCounter Attach(VirtualMachine vm) => new(vm);

    /// <summary>
    /// Counts since attach (until <see cref="Dispose"/>, if it ran) for every function of every
    /// loaded program; functions loaded after attach count from zero.
    /// </summary>
    public IReadOnlyList<FunctionCounts> Counts() => _final ?? Since(_vm.Inspector.GetInstructionCounts());

    /// <summary>Stops counting; <see cref="Counts"/> keeps returning the counts up to now.</summary>
    public void Dispose()
    {
        if (_id is { } id)
        {
            _final = Counts();
            _vm.Hooks.Unregister(id);
            _id = null;
        }
    }

    private FunctionCounts[] Since(IReadOnlyList<FunctionCounts> now) => now.Select(counts =>
        _baseline.GetValueOrDefault(counts.Function) is { } before
            ? counts with
            {
                Calls = counts.Calls - before.Calls,
                InstructionHits = counts.InstructionHits.Select((hits, i) => hits - before.InstructionHits[i]).ToArray(),
            }
            : counts).ToArray();
}
