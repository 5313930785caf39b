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
        var (runs, milliseconds) = RunFor(() => Programs.CallStoffel(vm, program.Function, program.N), seconds);
        Console.WriteLine($"{program.Function}({program.N}) = {result} ({instructions:N0} instructions): {runs} runs, {milliseconds:0.000} ms/run");
        return 0;
    }

    /// <summary>Calls <paramref name="run"/> again and again for <paramref name="seconds"/>: how many runs, and the mean wall time of one in milliseconds.</summary>
    public static (int Runs, double MillisecondsPerRun) RunFor(Func<long> run, double seconds)
    {
        var runs = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            run();
            runs++;
        }
        return (runs, clock.Elapsed.TotalMilliseconds / runs);
    }

    /// <summary>
    /// Runs <paramref name="first"/> and <paramref name="second"/> in <paramref name="rounds"/>
    /// rounds of one batch of <paramref name="seconds"/> each, the order swapped every round (a
    /// machine whose speed drifts moves both alike): each side's mean milliseconds per run, one
    /// entry per round, in round order.
    /// </summary>
    public static (List<double> First, List<double> Second) Alternate(Func<long> first, Func<long> second, int rounds, double seconds)
    {
        var times = (First: new List<double>(rounds), Second: new List<double>(rounds));
        for (var round = 0; round < rounds; round++)
        {
            for (var k = 0; k < 2; k++)
            {
                if ((round + k) % 2 == 0)
                {
                    times.First.Add(RunFor(first, seconds).MillisecondsPerRun);
                }
                else
                {
                    times.Second.Add(RunFor(second, seconds).MillisecondsPerRun);
                }
            }
        }
        return times;
    }

    /// <summary>The median of <paramref name="values"/> (the upper one of an even count); sorts them.</summary>
    public static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }
}
