namespace Stoffel.Vm.Runtime;

/// <summary>
/// Resource limits that keep a hostile or runaway program from hanging or exhausting the
/// process (docs/semantics.md "Where this project differs from or goes beyond upstream", "Limits").
/// Each limit, when hit, ends the run with a <see cref="VmException"/> of the named kind.
/// </summary>
public sealed record ExecutionLimits
{
    /// <summary>Defaults: no instruction budget, 100,000 frames, 4,000,000 live tables, 1 GiB of live heap, 16,777,216 array elements, 64 Mi string chars, no timeout.</summary>
    public static ExecutionLimits Default { get; } = new();

    /// <summary>Instructions one <c>Execute</c> may run (<see cref="VmErrorKind.InstructionLimitExceeded"/>); null = unlimited.</summary>
    public long? MaxInstructions { get; init; }

    /// <summary>Maximum activation records alive at once (<see cref="VmErrorKind.CallDepthExceeded"/>).</summary>
    public int MaxCallDepth { get; init; } = 100_000;

    /// <summary>
    /// Maximum live tables (objects and arrays the program can still reach; dropped ones do not
    /// count) — exceeding it is <see cref="VmErrorKind.MemoryLimitExceeded"/>.
    /// </summary>
    public int MaxObjects { get; init; } = 4_000_000;

    /// <summary>
    /// Maximum live heap in bytes, as <see cref="HeapUsage.ApproximateBytes"/> estimates it: the
    /// tables, fields, elements, closures and strings the program can still reach, and its call
    /// frames' registers and arguments (24 bytes a slot). A run is stopped with
    /// <see cref="VmErrorKind.MemoryLimitExceeded"/> at most about 1/32 of the limit past it, and
    /// before its frames alone would pass it. The default, 1 GiB, is far above what the benchmarks' largest program (10M array
    /// elements, about 250 MB) needs, and well below what kills a typical 2–4 GB container.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">(init) Not positive.</exception>
    public long MaxMemoryBytes
    {
        get => _maxMemoryBytes;
        init => _maxMemoryBytes = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "the memory limit must be positive");
    }

    private readonly long _maxMemoryBytes = 1L << 30;

    /// <summary>Maximum dense length of one array (<see cref="VmErrorKind.MemoryLimitExceeded"/>).</summary>
    public int MaxArrayLength { get; init; } = 16 * 1024 * 1024;

    /// <summary>Maximum length of one string in UTF-16 code units (<see cref="VmErrorKind.MemoryLimitExceeded"/>).</summary>
    public int MaxStringLength { get; init; } = 64 * 1024 * 1024;

    /// <summary>Wall-clock limit for one <c>Execute</c> (<see cref="VmErrorKind.Timeout"/>); null = none.</summary>
    public TimeSpan? Timeout { get; init; }
}
