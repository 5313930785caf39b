// A Stoffel host: runs a script with the standard library, a typed foreign function and a
// foreign object; writes a speedscope profile on request; can open a debug port for VS Code.
//
//   dotnet run -- [script.stfa] [--profile out.speedscope.json] [--debug-port 4711]
//
// With --debug-port, attach from VS Code ("type": "stoffel", "request": "attach", "port": 4711),
// set breakpoints, then press Enter here to run.
using Stoffel.Debugger.Adapter;
using Stoffel.Hooks.Profiling;
using Stoffel.Stdlib;
using Stoffel.Vm.Formats;
using Stoffel.Vm.Programs;
using Stoffel.Vm.Runtime;
using StoffelHost;

var script = Path.Combine(AppContext.BaseDirectory, "script.stfa");
string? profilePath = null;
int? debugPort = null;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--profile" when i + 1 < args.Length:
            profilePath = args[++i];
            break;
        case "--debug-port" when i + 1 < args.Length && int.TryParse(args[i + 1], out var port):
            debugPort = port;
            i++;
            break;
        case var path when !path.StartsWith("--", StringComparison.Ordinal):
            script = path;
            break;
        default:
            Console.Error.WriteLine("usage: StoffelHost [script.stfa] [--profile out.speedscope.json] [--debug-port PORT]");
            return 2;
    }
}

var vm = new VirtualMachine { Limits = ExecutionLimits.Default with { Timeout = TimeSpan.FromSeconds(30) } };
StandardLibrary.Register(vm);

// A typed foreign function and a foreign object: the script passes the handle back to these.
var account = new Account("alice");
vm.RegisterFunction("deposit", (Account target, long amount) => target.Deposit(amount));
vm.RegisterFunction("owner", (Account target) => target.Owner);
var handle = vm.RegisterForeignObject(account);

try
{
    vm.Load(ProgramFile.Load(script));
    await using var debugServer = debugPort is { } p ? DebugServer.Listen(vm, p) : null;
    if (debugServer is not null)
    {
        Console.WriteLine($"debug port {debugServer.Port}: attach from VS Code, then press Enter to run");
        Console.ReadLine();
    }
    using var profiler = profilePath is null ? null : Profiler.Attach(vm);
    var result = vm.Execute("main", handle);
    if (profiler is not null)
    {
        ProfileFormats.WriteFile(profiler.Finish(), ProfileFormat.Speedscope, profilePath!, Path.GetFileName(script));
        Console.Error.WriteLine($"wrote {profilePath}");
    }
    Console.WriteLine($"result: {result}, host balance: {account.Balance}");
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
