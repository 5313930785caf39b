// A minimal Stoffel host (docs/host-api.md): create a VM, install the standard library, add
// host functions and a host object, attach the profiler, load a script, run it and write a
// speedscope profile (open it at https://www.speedscope.app).
//
//   dotnet run --project examples/host [path/to/script.stfa] [profile.speedscope.json]
using Stoffel.Example.Host;
using Stoffel.Hooks.Profiling;
using Stoffel.Stdlib;
using Stoffel.Vm.Formats.Assembly;
using Stoffel.Vm.Programs;
using Stoffel.Vm.Runtime;

var scriptPath = args.Length > 0 ? args[0] : Path.Combine(AppContext.BaseDirectory, "script.stfa");
var profilePath = args.Length > 1 ? args[1] : "host.speedscope.json";

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

    // Instrumentation is a hook like any other: it subscribes to call and return events only.
    using var profiler = Profiler.Attach(vm);
    var result = vm.Execute("main", handle);
    ProfileFormats.WriteFile(profiler.Finish(), ProfileFormat.Speedscope, profilePath, Path.GetFileName(scriptPath));

    Console.WriteLine($"result: {result}");
    Console.WriteLine($"host balance: {account.Balance}");
    Console.Error.WriteLine($"wrote {profilePath}");
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
