namespace Stoffel.Bench;

/// <summary>
/// The in-process sizes of the six compared programs (tens of milliseconds per run; see
/// bench/README.md), shared by the benchmark classes and the <c>profile</c> command. The
/// whole-process sizes live in bench/compare.sh. Each benchmark's Description repeats its N:
/// change both together.
/// </summary>
internal static class ProgramCases
{
    /// <summary>Recursive fib(25): 242,785 calls.</summary>
    public static readonly ProgramCase Fib = new("fib", 25, 75_025);

    /// <summary>10,000,000 iterations of sum += i * 3 % 7.</summary>
    public static readonly ProgramCase Loop = new("loop", 10_000_000, 30_000_000);

    /// <summary>1,000,000 calls of add(acc, i): 0 + 1 + ... + 999,999.</summary>
    public static readonly ProgramCase Calls = new("calls", 1_000_000, 499_999_500_000);

    /// <summary>200,000 iterations of one set_field and one get_field: 0 + 1 + ... + 199,999.</summary>
    public static readonly ProgramCase Object = new("object", 200_000, 19_999_900_000);

    /// <summary>200,000 calls of a counter closure through call_closure, counting from 0.</summary>
    public static readonly ProgramCase Closure = new("closure", 200_000, 200_000);

    /// <summary>1,000,000 array_push calls, then 1,000,000 indexed reads: 0 + 1 + ... + 999,999.</summary>
    public static readonly ProgramCase Array = new("array", 1_000_000, 499_999_500_000);

    /// <summary>All six, in the README's order.</summary>
    public static IReadOnlyList<ProgramCase> All { get; } = [Fib, Loop, Calls, Object, Closure, Array];

    /// <summary>The program called <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No program has that name.</exception>
    public static ProgramCase Find(string name) =>
        All.FirstOrDefault(program => program.Name == name)
        ?? throw new ArgumentException($"unknown benchmark '{name}' ({string.Join(", ", All.Select(program => program.Name))})", nameof(name));
}
