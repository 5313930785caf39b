using BenchmarkDotNet.Attributes;

namespace Stoffel.Bench;

/// <summary>
/// Recursive fib(25): 242,785 calls, so this times call and return (PushFrame/PopFrame, argument
/// passing) more than arithmetic. Both sides run the same algorithm: bench/programs/fib.stfa and fib.lua.
/// </summary>
public class FibBenchmark() : LuaComparisonBenchmark(ProgramCases.Fib)
{
    /// <summary>fib(25) on the Stoffel VM.</summary>
    [Benchmark(Description = "Stoffel fib(25)")]
    public long Stoffel() => RunStoffel();

    /// <summary>fib(25) on Lua 5.4, the baseline.</summary>
    [Benchmark(Baseline = true, Description = "Lua 5.4 fib(25)")]
    public long Lua() => RunLua();
}
