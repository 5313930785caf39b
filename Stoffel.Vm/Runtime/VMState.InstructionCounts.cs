using System.Runtime.CompilerServices;

namespace Stoffel.Vm.Runtime;

// The counters HookManager.RegisterInstructionCounting turns on: the hooked loop and PushFrame
// increment them; hosts read copies.
public sealed partial class VMState
{
    /// <summary>
    /// The instruction and call counters of every function of every loaded program (load order,
    /// then file order), as copies: zeros for a function counting never reached. Counting runs
    /// while a <see cref="Hooks.HookManager.RegisterInstructionCounting"/> registration is enabled
    /// and accumulates over the VM's life. Exact when read between runs or from a hook; read from
    /// another thread during a run, each counter holds a value it had recently.
    /// </summary>
    /// <returns>One entry per program function.</returns>
    public IReadOnlyList<FunctionCounts> GetInstructionCounts() => _programs
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
