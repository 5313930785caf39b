// stoffel-hookpath MODE FILE N: runs main(N) of the Stoffel assembly FILE, plain (MODE "plain")
// or with one no-op BeforeInstructionExecute hook (MODE "hook", which the VM runs in its tracing
// loop), and prints the result. bench/pathlength.sh --hook counts its machine instructions.
using Stoffel.Stdlib;
using Stoffel.Vm.Formats.Assembly;
using Stoffel.Vm.Hooks;
using Stoffel.Vm.Runtime;
using Stoffel.Vm.Values;

if (args.Length != 3 || args[0] is not ("plain" or "hook") || !long.TryParse(args[2], out var n))
{
    Console.Error.WriteLine("usage: stoffel-hookpath plain|hook FILE.stfa N");
    return 2;
}
var vm = new VirtualMachine();
StandardLibrary.Register(vm); // as `stoffel run` has it
vm.Load(StfaAssembler.Assemble(File.ReadAllText(args[1]), args[1]));
vm.Link();
if (args[0] == "hook")
{
    vm.Hooks.Register(HookEventMask.BeforeInstructionExecute, static (in HookEvent _, HookContext _) => { });
}
Console.WriteLine(vm.Execute("main", Value.FromI64(n)));
return 0;
