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
        var results = _session.SetLineBreakpoints(SourceKey.ForPath(Programs.PathOf("uncalled.stfa")), [new LineBreakpointSpec(6), new LineBreakpointSpec(8)]);
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
        var vm = Programs.LoadStoffel("fib.stfa");
        var uncalled = Programs.PathOf("uncalled.stfa");
        vm.Load(StfaAssembler.Assemble(File.ReadAllText(uncalled), uncalled));
        return vm;
    }
}
