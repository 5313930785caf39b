using BenchmarkDotNet.Attributes;
using Stoffel.Debugger.Engine;
using Stoffel.Vm.Formats.Assembly;
using Stoffel.Vm.Runtime;
using Stoffel.Vm.Values;

namespace Stoffel.Bench;

/// <summary>
/// What an attached debugger costs code it has no breakpoints in: fib(25) on a plain VM versus
/// fib(25) on a VM with a <see cref="DebugSession"/> attached and line breakpoints set in a
/// function that is never called. Breakpoints use a site-limited instruction hook, so the target
/// is at most 1.2x.
/// </summary>
public class DebuggerOverheadBenchmark
{
    private const string FileName = "debugger-overhead.stfa";

    private const string Source = """
        .function fib(n)
            MOV r3, r0
            LDI r1, 2
            CMP r3, r1
            JMPLT base
            LDI r1, 1
            SUB r2, r3, r1
            PUSHARG r2
            CALL fib
            MOV r4, r0
            LDI r1, 2
            SUB r2, r3, r1
            PUSHARG r2
            CALL fib
            ADD r0, r4, r0
            RET r0
        base:
            RET r3
        .end

        .function never_called(x)
            MOV r1, r0
            LDI r2, 1
            ADD r1, r1, r2
            RET r1
        .end
        """;

    private VirtualMachine _plain = null!;
    private VirtualMachine _debugged = null!;
    private DebugSession _session = null!;

    /// <summary>Builds both VMs and attaches the debugger to one.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _plain = Create();
        _debugged = Create();
        _session = new DebugSession(_debugged);
        var results = _session.SetLineBreakpoints(SourceKey.ForPath(FileName), [new LineBreakpointSpec(22), new LineBreakpointSpec(24)]);
        if (!results.All(r => r.Verified))
        {
            throw new InvalidOperationException("the breakpoints in never_called did not bind");
        }
    }

    /// <summary>Detaches the debugger.</summary>
    [GlobalCleanup]
    public void Cleanup() => _session.Dispose();

    /// <summary>fib(25) with no debugger.</summary>
    [Benchmark(Baseline = true)]
    public Value Plain() => _plain.Execute("fib", Value.FromI64(25));

    /// <summary>fib(25) with the debug engine attached and breakpoints elsewhere.</summary>
    [Benchmark]
    public Value DebuggerAttached() => _debugged.Execute("fib", Value.FromI64(25));

    private static VirtualMachine Create()
    {
        var vm = new VirtualMachine();
        vm.Load(StfaAssembler.Assemble(Source, FileName));
        return vm;
    }
}
