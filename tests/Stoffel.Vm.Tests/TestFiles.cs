namespace Stoffel.Vm.Tests;

/// <summary>
/// Locates the upstream conformance binaries in the repository's <c>tests/conformance/upstream</c>,
/// walking up from the test binaries to the repository root (wherever the clone sits).
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

    /// <summary>Absolute path of <c>tests/conformance/upstream</c>.</summary>
    public static string ConformanceUpstream => UpstreamDirectory.Value;

    /// <summary>Absolute path of a file in <c>tests/conformance/upstream</c>.</summary>
    public static string Upstream(string fileName) => Path.Combine(ConformanceUpstream, fileName);

    /// <summary>The bytes of a file in <c>tests/conformance/upstream</c>.</summary>
    public static byte[] UpstreamBytes(string fileName) => File.ReadAllBytes(Upstream(fileName));

    private static string FindUpstreamDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "tests", "conformance", "upstream");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new DirectoryNotFoundException(
            $"no directory above {AppContext.BaseDirectory} contains tests/conformance/upstream");
    }
}
