using Stoffel.Vm.Programs;

namespace Stoffel.Hooks;

/// <summary>
/// Hit counts per instruction, per function: what coverage and the profiler's line hits both
/// record on <c>BeforeInstructionExecute</c>. Each array has one slot per instruction plus one
/// for the implicit <c>RET r0</c> a function runs when it falls off its end.
/// </summary>
internal sealed class InstructionCounter
{
    private readonly Dictionary<CompiledFunction, long[]> _hits = new(ReferenceEqualityComparer.Instance);
    private CompiledFunction? _lastFunction;
    private long[] _lastHits = [];

    /// <summary>Instructions counted so far.</summary>
    public long Total { get; private set; }

    /// <summary>Counts one execution of instruction <paramref name="index"/> of <paramref name="function"/>.</summary>
    public void Count(CompiledFunction function, int index)
    {
        // Consecutive instructions are nearly always in the same function: skip the lookup.
        if (!ReferenceEquals(function, _lastFunction))
        {
            if (!_hits.TryGetValue(function, out var hits))
            {
                _hits[function] = hits = new long[function.Instructions.Length + 1];
            }
            _lastFunction = function;
            _lastHits = hits;
        }
        _lastHits[index]++;
        Total++;
    }

    /// <summary>A copy of the counts of <paramref name="function"/> (zeros when it never ran).</summary>
    public long[] HitsOf(CompiledFunction function) =>
        _hits.TryGetValue(function, out var hits) ? (long[])hits.Clone() : new long[function.Instructions.Length + 1];

    /// <summary>Functions that ran at least one instruction.</summary>
    public IEnumerable<CompiledFunction> Functions => _hits.Keys;
}
