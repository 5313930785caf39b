using System.Diagnostics;

namespace Stoffel.Bench;

/// <summary>
/// The <c>profile</c> command: runs one Stoffel benchmark program repeatedly for a fixed time and
/// prints the mean per run, so a sampling profiler (<c>perf record</c> with
/// <c>DOTNET_PerfMapEnabled=1</c>) or <c>DOTNET_JitDisasm</c> sees only the VM.
/// </summary>
internal static class Profile
{
    public static int Run(string name, double seconds)
    {
        var (file, function, argument) = name switch
        {
            "fib" => ("fib.stfa", "fib", 25L),
            "loop" => ("loop.stfa", "loop", 10_000_000L),
            _ => throw new ArgumentException($"unknown benchmark '{name}' (fib or loop)", nameof(name)),
        };
        var vm = Programs.LoadStoffel(file);
        var result = Programs.CallStoffel(vm, function, argument);
        var instructions = vm.State.InstructionsExecuted;
        var runs = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            Programs.CallStoffel(vm, function, argument);
            runs++;
        }
        Console.WriteLine($"{function}({argument}) = {result} ({instructions:N0} instructions): {runs} runs, {clock.Elapsed.TotalMilliseconds / runs:0.000} ms/run");
        return 0;
    }
}
