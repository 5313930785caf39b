// A minimal Stoffel host (docs/host-api.md): create a VM, install the standard library, add
// host functions and a host object, load a script and run it.
//
//   dotnet run --project examples/host [path/to/script.stfa]
using Stoffel.Example.Host;
using Stoffel.Stdlib;
using Stoffel.Vm.Formats.Assembly;
using Stoffel.Vm.Programs;
using Stoffel.Vm.Runtime;

var scriptPath = args.Length > 0 ? args[0] : Path.Combine(AppContext.BaseDirectory, "script.stfa");

var vm = new VirtualMachine { Limits = ExecutionLimits.Default with { MaxInstructions = 1_000_000 } };
StandardLibrary.Register(vm, StdlibModules.All & ~StdlibModules.Storage); // everything but file access

// Typed foreign functions: kinds are checked and converted for us.
vm.RegisterFunction("hypot", (double x, double y) => Math.Sqrt(x * x + y * y));
vm.RegisterFunction("deposit", (Account account, long amount) => account.Deposit(amount));
vm.RegisterFunction("owner", (Account account) => account.Owner);

// A foreign object: the script receives Foreign(id) and passes it back to the functions above.
var account = new Account("alice");
var handle = vm.RegisterForeignObject(account);

try
{
    vm.Load(StfaAssembler.AssembleFile(scriptPath));

    // Instrumentation goes here: attach hooks from Stoffel.Hooks (e.g. a profiler that writes a
    // speedscope file after the run) to vm.Hooks before Execute.

    var result = vm.Execute("main", handle);
    Console.WriteLine($"result: {result}");
    Console.WriteLine($"host balance: {account.Balance}");
    return 0;
}
catch (ProgramLoadException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}
catch (VmException e)
{
    Console.Error.WriteLine(e); // the message and the Stoffel stack trace
    return 1;
}
