using System.Diagnostics;

namespace Stoffel.Bench;

/// <summary>
/// The <c>profile</c> command: runs one Stoffel benchmark program (any of
/// <see cref="ProgramCases.All"/>, at its in-process size) repeatedly for a fixed time and
/// prints the mean per run, so a sampling profiler (<c>perf record</c> with
/// <c>DOTNET_PerfMapEnabled=1</c>) or <c>DOTNET_JitDisasm</c> sees only the VM.
/// </summary>
internal static class Profile
{
    /// <summary>Profiles the program called <paramref name="name"/> for <paramref name="seconds"/>.</summary>
    public static int Run(string name, double seconds)
    {
        var program = ProgramCases.Find(name);
        var vm = Programs.LoadStoffel(program.StoffelFile);
        var result = Programs.CallStoffel(vm, program.Function, program.N);
        var instructions = vm.Inspector.InstructionsExecuted;
        var runs = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            Programs.CallStoffel(vm, program.Function, program.N);
            runs++;
        }
        Console.WriteLine($"{program.Function}({program.N}) = {result} ({instructions:N0} instructions): {runs} runs, {clock.Elapsed.TotalMilliseconds / runs:0.000} ms/run");
        return 0;
    }
}
