using BenchmarkDotNet.Attributes;
using KeraLua;
using Stoffel.Vm.Runtime;

namespace Stoffel.Bench;

/// <summary>
/// Recursive fib(25): 242,785 calls, so this times call and return (PushFrame/PopFrame, argument
/// passing) more than arithmetic. Both sides run the same algorithm: bench/programs/fib.stfa and fib.lua.
/// </summary>
[Config(typeof(BenchConfig))]
public class FibBenchmark
{
    private const long N = 25;
    private const long Expected = 75025;

    private VirtualMachine _vm = null!;
    private Lua _lua = null!;

    [GlobalSetup]
    public void Setup()
    {
        _vm = Programs.LoadStoffel("fib.stfa");
        _lua = Programs.LoadLua("fib.lua");
        Programs.CheckSameResult(_vm, _lua, "fib", N, Expected);
    }

    [GlobalCleanup]
    public void Cleanup() => _lua.Dispose();

    [Benchmark(Description = "Stoffel fib(25)")]
    public long Stoffel() => Programs.CallStoffel(_vm, "fib", N);

    [Benchmark(Baseline = true, Description = "Lua 5.4 fib(25)")]
    public long Lua() => Programs.CallLua(_lua, "fib", N);
}
