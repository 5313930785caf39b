using BenchmarkDotNet.Attributes;

namespace Stoffel.Bench;

/// <summary>
/// 200,000 calls of a counter closure through call_closure, each reading and writing its
/// captured <c>count</c> with get_upvalue/set_upvalue: closure calls and upvalue access. Both
/// sides run the same algorithm: bench/programs/closure.stfa and closure.lua.
/// </summary>
public class ClosureBenchmark() : LuaComparisonBenchmark(ProgramCases.Closure)
{
    /// <summary>closure(200K) on the Stoffel VM.</summary>
    [Benchmark(Description = "Stoffel closure(200K)")]
    public long Stoffel() => RunStoffel();

    /// <summary>closure(200K) on Lua 5.4, the baseline.</summary>
    [Benchmark(Baseline = true, Description = "Lua 5.4 closure(200K)")]
    public long Lua() => RunLua();
}
