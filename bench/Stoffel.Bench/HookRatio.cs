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
        var (plainTimes, hookedTimes) = Profile.Alternate(
            () => Programs.CallStoffel(plain, "fib", N), () => Programs.CallStoffel(hooked, "fib", N), rounds, seconds: 1);
        var (plainMedian, hookedMedian) = (Profile.Median(plainTimes), Profile.Median(hookedTimes));
        Console.WriteLine($"fib({N}), {rounds} rounds: plain {plainMedian:0.000} ms/run, no-op instruction hook {hookedMedian:0.000} ms/run, ratio {hookedMedian / plainMedian:0.00}");
        return 0;
    }
}
