using BenchmarkDotNet.Attributes;

namespace Stoffel.Bench;

/// <summary>
/// 1,000,000 calls of a two-argument leaf function from a flat loop (acc = add(acc, i)): call
/// and return without recursion's deep stack. Both sides run the same algorithm:
/// bench/programs/calls.stfa and calls.lua.
/// </summary>
public class CallsBenchmark() : LuaComparisonBenchmark(ProgramCases.Calls)
{
    /// <summary>calls(1M) on the Stoffel VM.</summary>
    [Benchmark(Description = "Stoffel calls(1M)")]
    public long Stoffel() => RunStoffel();

    /// <summary>calls(1M) on Lua 5.4, the baseline.</summary>
    [Benchmark(Baseline = true, Description = "Lua 5.4 calls(1M)")]
    public long Lua() => RunLua();
}
