using BenchmarkDotNet.Attributes;

namespace Stoffel.Bench;

/// <summary>
/// A 10,000,000-iteration integer loop (sum += i * 3 % 7): 60 million instructions on the
/// Stoffel side and no calls, so this times the dispatch loop and the I64 fast paths. Both sides
/// run the same algorithm: bench/programs/loop.stfa and loop.lua.
/// </summary>
public class LoopBenchmark() : LuaComparisonBenchmark(ProgramCases.Loop)
{
    /// <summary>loop(10M) on the Stoffel VM.</summary>
    [Benchmark(Description = "Stoffel loop(10M)")]
    public long Stoffel() => RunStoffel();

    /// <summary>loop(10M) on Lua 5.4, the baseline.</summary>
    [Benchmark(Baseline = true, Description = "Lua 5.4 loop(10M)")]
    public long Lua() => RunLua();
}
