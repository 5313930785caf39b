using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;

namespace Stoffel.Bench;

/// <summary>
/// Shared by every benchmark class: allocation columns, and a default job with fixed warmup and
/// iteration counts (each operation takes milliseconds, so 10 measured iterations give tight
/// intervals in well under a minute per benchmark). The job is marked default, so a command-line
/// <c>--job short</c> (or any other job) replaces it instead of running beside it.
/// </summary>
public sealed class BenchConfig : ManualConfig
{
    public BenchConfig()
    {
        AddDiagnoser(MemoryDiagnoser.Default);
        AddJob(Job.Default.WithWarmupCount(3).WithIterationCount(10).AsDefault());
    }
}
