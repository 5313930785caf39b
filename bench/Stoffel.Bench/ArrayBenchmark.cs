using BenchmarkDotNet.Attributes;

namespace Stoffel.Bench;

/// <summary>
/// 1,000,000 array_push calls onto create_array(), then 1,000,000 reads get_field(arr, i) (Lua:
/// t[#t + 1] = i, then t[i + 1]): growing an array and indexed reads. Both sides run the same
/// algorithm: bench/programs/array.stfa and array.lua.
/// </summary>
public class ArrayBenchmark() : LuaComparisonBenchmark(ProgramCases.Array)
{
    /// <summary>array(1M) on the Stoffel VM.</summary>
    [Benchmark(Description = "Stoffel array(1M)")]
    public long Stoffel() => RunStoffel();

    /// <summary>array(1M) on Lua 5.4, the baseline.</summary>
    [Benchmark(Baseline = true, Description = "Lua 5.4 array(1M)")]
    public long Lua() => RunLua();
}
