namespace Stoffel.Vm.Tests;

/// <summary>
/// Locates shared test data: the upstream conformance binaries in <c>shared/conformance/upstream</c>.
/// The repository may sit at <c>/work/main</c>, in a worktree such as <c>/work/wt/NAME</c>, or in a
/// CI clone with <c>../shared</c> beside it, so the lookup walks up from the test binaries until
/// it finds a directory that contains <c>shared/conformance/upstream</c>.
/// </summary>
public static class TestFiles
{
    private static readonly Lazy<string> UpstreamDirectory = new(FindUpstreamDirectory);

    /// <summary>The five upstream conformance binaries, by file name.</summary>
    public static IReadOnlyList<string> ConformanceBinaries { get; } =
    [
        "fizzbuzz.stflb",
        "compound_assignment.stflb",
        "client_mul.stflb",
        "avss_keygen.v3.stflb",
        "threshold_ecdsa_p256.v3.stflb",
    ];

    /// <summary>Absolute path of <c>shared/conformance/upstream</c>.</summary>
    public static string ConformanceUpstream => UpstreamDirectory.Value;

    /// <summary>Absolute path of a file in <c>shared/conformance/upstream</c>.</summary>
    public static string Upstream(string fileName) => Path.Combine(ConformanceUpstream, fileName);

    /// <summary>The bytes of a file in <c>shared/conformance/upstream</c>.</summary>
    public static byte[] UpstreamBytes(string fileName) => File.ReadAllBytes(Upstream(fileName));

    private static string FindUpstreamDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "shared", "conformance", "upstream");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new DirectoryNotFoundException(
            $"no directory above {AppContext.BaseDirectory} contains shared/conformance/upstream");
    }
}
