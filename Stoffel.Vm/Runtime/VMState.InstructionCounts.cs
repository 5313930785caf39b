using System.Runtime.CompilerServices;

namespace Stoffel.Vm.Runtime;

// The counters HookManager.RegisterInstructionCounting turns on: the hooked loop and PushFrame
// increment them; hosts read copies.
internal sealed partial class VMState
{
    /// <inheritdoc cref="VmInspector.GetInstructionCounts"/>
    public IReadOnlyList<FunctionCounts> GetInstructionCounts() => Functions.Programs
        .SelectMany(program => program.Functions)
        .Select(function =>
        {
            var hits = new long[function.Code.Length];
            var calls = 0L;
            if (function.Counts is { } counts)
            {
                Array.Copy(counts, hits, hits.Length);
                calls = Volatile.Read(ref counts[^1]);
            }
            return new FunctionCounts(function.Source, calls, hits);
        })
        .ToArray();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long[] CountsOf(RuntimeFunction function) => function.Counts ??= new long[function.Code.Length + 1];
}
