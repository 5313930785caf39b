using BenchmarkDotNet.Running;
using Stoffel.Bench;

// dotnet run -c Release --project bench/Stoffel.Bench -- --filter '*'   (add --job short for a quick run)
// dotnet run -c Release --project bench/Stoffel.Bench -- profile fib|loop|calls|object|closure|array [SECONDS]
//   runs only the Stoffel side in a loop, outside BenchmarkDotNet, for perf or DOTNET_JitDisasm.
if (args is ["profile", var name, ..])
{
    return Profile.Run(name, args.Length > 2 ? double.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 10);
}
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
