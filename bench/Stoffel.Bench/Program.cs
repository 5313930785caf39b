using BenchmarkDotNet.Running;
using Stoffel.Bench;

// dotnet run -c Release --project bench/Stoffel.Bench -- --filter '*'   (add --job short for a quick run)
// dotnet run -c Release --project bench/Stoffel.Bench -- profile fib|loop|calls|object|closure|array [SECONDS]
//   runs only the Stoffel side in a loop, outside BenchmarkDotNet, for perf or DOTNET_JitDisasm.
// dotnet run -c Release --project bench/Stoffel.Bench -- hook-ratio [ROUNDS]
//   the no-op instruction hook against the plain loop, alternating in one process.
// dotnet run -c Release --project bench/Stoffel.Bench -- lua-ratio fib|loop|calls|object|closure|array [ROUNDS]
//   one program against Lua 5.4, alternating in one process.
try
{
    if (args is ["profile", var name, ..])
    {
        return Profile.Run(name, args.Length > 2 ? double.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 10);
    }
    if (args is ["lua-ratio", var program, ..])
    {
        return LuaRatio.Run(program, args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 20);
    }
    if (args is ["hook-ratio", ..])
    {
        return HookRatio.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 12);
    }
}
catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
{
    Console.Error.WriteLine($"Stoffel.Bench: {e.Message}");
    return 2;
}
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
