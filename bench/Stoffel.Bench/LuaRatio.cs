namespace Stoffel.Bench;

/// <summary>
/// The <c>lua-ratio</c> command: one program of bench/programs on the Stoffel VM against Lua 5.4
/// (KeraLua), both in this process, in alternating batches of half a second with the order
/// swapped every round, as <see cref="HookRatio"/> does for the hook: a machine whose speed drifts
/// during a BenchmarkDotNet run (bench/README.md, "Results") moves both sides alike here. Prints
/// the median time per run of each side and the median of the rounds' ratios.
/// </summary>
internal static class LuaRatio
{
    /// <summary>Alternates <paramref name="rounds"/> batches of each side of the program called <paramref name="name"/>.</summary>
    public static int Run(string name, int rounds)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rounds, 1);
        var program = ProgramCases.Find(name);
        var vm = Programs.LoadStoffel(program.StoffelFile);
        using var lua = Programs.LoadLua(program.LuaFile);
        Programs.CheckSameResult(vm, lua, program.Function, program.N, program.Expected);
        var (stoffel, baseline) = Profile.Alternate(() => Programs.CallStoffel(vm, program.Function, program.N), () => lua.Call(program.N), rounds, seconds: 0.5);
        var ratios = stoffel.Zip(baseline, (s, l) => s / l).ToList();
        Console.WriteLine($"{program.Function}({program.N}), {rounds} rounds: Stoffel {Profile.Median(stoffel):0.000} ms/run, Lua 5.4 {Profile.Median(baseline):0.000} ms/run, ratio {Profile.Median(ratios):0.00} (rounds {ratios.Min():0.00}–{ratios.Max():0.00})");
        return 0;
    }
}
