using BenchmarkDotNet.Attributes;

namespace Stoffel.Bench;

/// <summary>
/// 20,000 array_push calls onto create_array(), then 20,000 reads get_field(arr, i) (Lua:
/// t[#t + 1] = i, then t[i + 1]): growing an array and indexed reads. The size is small because
/// array_push copies the array today, which makes this quadratic (ProgramCases.Array). Both
/// sides run the same algorithm: bench/programs/array.stfa and array.lua.
/// </summary>
public class ArrayBenchmark() : LuaComparisonBenchmark(ProgramCases.Array)
{
    /// <summary>array(20K) on the Stoffel VM.</summary>
    [Benchmark(Description = "Stoffel array(20K)")]
    public long Stoffel() => RunStoffel();

    /// <summary>array(20K) on Lua 5.4, the baseline.</summary>
    [Benchmark(Baseline = true, Description = "Lua 5.4 array(20K)")]
    public long Lua() => RunLua();
}
