using BenchmarkDotNet.Attributes;
using Stoffel.Vm.Runtime;

namespace Stoffel.Bench;

/// <summary>
/// The common part of the Stoffel-versus-Lua benchmarks: one program of bench/programs run
/// in-process on a Stoffel VM (standard library registered) and on Lua 5.4 through KeraLua.
/// Setup (assembling, loading and linking; running the Lua chunk) is not timed and first checks
/// that both sides return the known result. Each derived class declares its two [Benchmark]
/// methods, the Lua one as the baseline, so Ratio = Stoffel time / Lua time.
/// </summary>
[Config(typeof(BenchConfig))]
public abstract class LuaComparisonBenchmark
{
    private readonly ProgramCase _program;
    private VirtualMachine _vm = null!;
    private LuaProgram _lua = null!;

    private protected LuaComparisonBenchmark(ProgramCase program) => _program = program;

    /// <summary>Loads both implementations and checks they agree with the expected result.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _vm = Programs.LoadStoffel(_program.StoffelFile);
        _lua = Programs.LoadLua(_program.LuaFile);
        Programs.CheckSameResult(_vm, _lua, _program.Function, _program.N, _program.Expected);
    }

    /// <summary>Closes the Lua state.</summary>
    [GlobalCleanup]
    public void Cleanup() => _lua.Dispose();

    /// <summary>One run of the Stoffel implementation.</summary>
    protected long RunStoffel() => Programs.CallStoffel(_vm, _program.Function, _program.N);

    /// <summary>One run of the Lua implementation.</summary>
    protected long RunLua() => _lua.Call(_program.N);
}
