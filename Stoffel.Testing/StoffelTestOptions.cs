using Stoffel.Stdlib;
using Stoffel.Vm.Runtime;

namespace Stoffel.Testing;

/// <summary>How test cases are discovered, named and run.</summary>
public sealed record StoffelTestOptions
{
    /// <summary>The defaults: names relative to the current directory, every stdlib module, a 10 s timeout per case, no instruction budget, no coverage.</summary>
    public static StoffelTestOptions Default { get; } = new();

    /// <summary>The timeout per case when none is given: long enough for any reasonable test, short enough that a hanging one does not stall a suite.</summary>
    public static TimeSpan DefaultTimeout => TimeSpan.FromSeconds(10);

    /// <summary>The directory case names and reported paths are relative to; null for the current directory.</summary>
    public string? BaseDirectory { get; init; }

    /// <summary>Instructions one case may run before it fails; null for no budget.</summary>
    public long? MaxInstructions { get; init; }

    /// <summary>Wall-clock time one case may run before it fails; null for no limit.</summary>
    public TimeSpan? Timeout { get; init; } = DefaultTimeout;

    /// <summary>The stdlib modules each case's VM gets.</summary>
    public StdlibModules StdlibModules { get; init; } = StdlibModules.All;

    /// <summary>
    /// Called for each case's fresh VM after the stdlib is registered and before the program is
    /// loaded: the place for a host to register its own foreign functions and objects. It runs
    /// on the thread that runs the case, possibly on several threads at once.
    /// </summary>
    public Action<VirtualMachine>? ConfigureVm { get; init; }

    /// <summary>Whether each case records coverage (<see cref="TestCaseResult.Coverage"/>, merged in <see cref="TestRunResult.Coverage"/>).</summary>
    public bool CollectCoverage { get; init; }

    /// <summary>The execution limits of one case's VM.</summary>
    internal ExecutionLimits Limits => ExecutionLimits.Default with { MaxInstructions = MaxInstructions, Timeout = Timeout };

    /// <summary>Checks the values a caller can get wrong.</summary>
    /// <exception cref="ArgumentException">A non-positive budget or timeout.</exception>
    internal void Validate()
    {
        if (MaxInstructions is <= 0)
        {
            throw new ArgumentException($"the instruction budget must be positive, got {MaxInstructions}");
        }
        if (Timeout is { } timeout && timeout <= TimeSpan.Zero)
        {
            throw new ArgumentException($"the timeout must be positive, got {timeout}");
        }
    }
}
