// stoffel-hookpath MODE FILE N: runs main(N) of the Stoffel assembly FILE, plain (MODE "plain"),
// with one no-op BeforeInstructionExecute hook (MODE "hook", a HookCallback delegate, which the VM
// runs in its tracing loop; MODE "struct-hook", the same as an IInstructionHook struct, whose copy
// of the tracing loop calls it directly), or with a debug session attached that has line breakpoints in a function nothing calls
// (MODE "debugger": uncalled.stfa, next to FILE, lines 6 and 8, as DebuggerOverheadBenchmark
// has it), and prints the result. bench/pathlength.sh --hook and --debugger count its machine
// instructions.
using Stoffel.Debugger.Engine;
using Stoffel.Stdlib;
using Stoffel.Vm.Formats.Assembly;
using Stoffel.Vm.Hooks;
using Stoffel.Vm.Runtime;
using Stoffel.Vm.Values;

if (args.Length != 3 || args[0] is not ("plain" or "hook" or "struct-hook" or "debugger") || !long.TryParse(args[2], out var n))
{
    Console.Error.WriteLine("usage: stoffel-hookpath plain|hook|struct-hook|debugger FILE.stfa N");
    return 2;
}
var vm = new VirtualMachine();
StandardLibrary.Register(vm); // as `stoffel run` has it
vm.Load(StfaAssembler.Assemble(File.ReadAllText(args[1]), args[1]));
var uncalled = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(args[1]))!, "uncalled.stfa");
if (args[0] == "debugger")
{
    vm.Load(StfaAssembler.Assemble(File.ReadAllText(uncalled), uncalled));
}
vm.Link();
using var session = args[0] == "debugger" ? new DebugSession(vm) : null;
if (session is not null
    && !session.SetLineBreakpoints(SourceKey.ForPath(uncalled), [new LineBreakpointSpec(6), new LineBreakpointSpec(8)]).All(r => r.Verified))
{
    Console.Error.WriteLine("stoffel-hookpath: the breakpoints in uncalled.stfa did not bind");
    return 1;
}
if (args[0] == "hook")
{
    vm.Hooks.Register(HookEventMask.BeforeInstructionExecute, static (in HookEvent _, HookContext _) => { });
}
if (args[0] == "struct-hook")
{
    vm.Hooks.RegisterInstructionHook(new NoOpHook());
}
Console.WriteLine(vm.Execute("main", Value.FromI64(n)));
return 0;

/// <summary>The no-op instruction hook as a struct (<see cref="IInstructionHook"/>).</summary>
internal readonly struct NoOpHook : IInstructionHook
{
    public void BeforeInstructionExecute(in HookEvent hookEvent, HookContext context)
    {
    }
}
