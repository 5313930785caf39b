using BenchmarkDotNet.Attributes;

namespace Stoffel.Bench;

/// <summary>
/// 200,000 iterations of set_field(o, "count", i) and get_field(o, "count"): two standard-library
/// calls and a string-keyed field store per iteration (Lua: o.count = i; acc = acc + o.count).
/// Both sides run the same algorithm: bench/programs/object.stfa and object.lua.
/// </summary>
public class ObjectBenchmark() : LuaComparisonBenchmark(ProgramCases.Object)
{
    /// <summary>object(200K) on the Stoffel VM.</summary>
    [Benchmark(Description = "Stoffel object(200K)")]
    public long Stoffel() => RunStoffel();

    /// <summary>object(200K) on Lua 5.4, the baseline.</summary>
    [Benchmark(Baseline = true, Description = "Lua 5.4 object(200K)")]
    public long Lua() => RunLua();
}
