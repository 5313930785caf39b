using BenchmarkDotNet.Attributes;
using KeraLua;
using Stoffel.Vm.Runtime;

namespace Stoffel.Bench;

/// <summary>
/// A 10,000,000-iteration integer loop (sum += i * 3 % 7): 60 million instructions on the
/// Stoffel side and no calls, so this times the dispatch loop and the I64 fast paths. Both sides
/// run the same algorithm: bench/programs/loop.stfa and loop.lua.
/// </summary>
[Config(typeof(BenchConfig))]
public class LoopBenchmark
{
    private const long N = 10_000_000;
    private const long Expected = 30_000_000;

    private VirtualMachine _vm = null!;
    private Lua _lua = null!;

    [GlobalSetup]
    public void Setup()
    {
        _vm = Programs.LoadStoffel("loop.stfa");
        _lua = Programs.LoadLua("loop.lua");
        Programs.CheckSameResult(_vm, _lua, "loop", N, Expected);
    }

    [GlobalCleanup]
    public void Cleanup() => _lua.Dispose();

    [Benchmark(Description = "Stoffel loop(10M)")]
    public long Stoffel() => Programs.CallStoffel(_vm, "loop", N);

    [Benchmark(Baseline = true, Description = "Lua 5.4 loop(10M)")]
    public long Lua() => Programs.CallLua(_lua, "loop", N);
}
