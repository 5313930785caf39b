using Stoffel.Vm.Hooks;

namespace Stoffel.Bench;

/// <summary>
/// The <c>hook-ratio</c> command: the cost of a no-op <c>BeforeInstructionExecute</c> hook as a
/// ratio to the plain loop, measured where BenchmarkDotNet's per-process regimes cannot mislead
/// (bench/README.md, "Results"): two VMs in one process, one with the hook, running fib(20)
/// in alternating batches of one second, the order swapped every round; prints the median time
/// per run of each side and their ratio.
/// </summary>
internal static class HookRatio
{
    private const int N = 20;

    /// <summary>Alternates <paramref name="rounds"/> batches of each side.</summary>
    public static int Run(int rounds)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rounds, 1);
        var plain = Programs.LoadStoffel("fib.stfa");
        var hooked = Programs.LoadStoffel("fib.stfa");
        hooked.Hooks.Register(HookEventMask.BeforeInstructionExecute, static (in HookEvent _, HookContext _) => { });
        var times = new[] { new List<double>(), new List<double>() };
        for (var round = 0; round < rounds; round++)
        {
            for (var k = 0; k < 2; k++)
            {
                var side = (round + k) % 2;
                times[side].Add(Profile.RunFor(side == 0 ? plain : hooked, "fib", N, seconds: 1).MillisecondsPerRun);
            }
        }
        var (plainMedian, hookedMedian) = (Profile.Median(times[0]), Profile.Median(times[1]));
        Console.WriteLine($"fib({N}), {rounds} rounds: plain {plainMedian:0.000} ms/run, no-op instruction hook {hookedMedian:0.000} ms/run, ratio {hookedMedian / plainMedian:0.00}");
        return 0;
    }
}
