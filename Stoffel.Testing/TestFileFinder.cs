namespace Stoffel.Testing;

/// <summary>
/// Expands the paths given to discovery into test files: a file is taken as it is (it must be
/// <c>.stfa</c> or <c>.stflb</c>); a directory is searched recursively for both, in ordinal
/// order, leaving out build output and tool folders (<c>bin</c>, <c>obj</c>,
/// <c>node_modules</c>, and names starting with a dot) and the folders of .NET projects (holding a
/// <c>*.csproj</c>): their scripts may need the host's foreign functions, and the project's own
/// tests run them. A folder given explicitly is always searched.
/// </summary>
internal static class TestFileFinder
{
    /// <summary>The extension of a source test file.</summary>
    public const string SourceExtension = ".stfa";

    /// <summary>The extension of a binary test file.</summary>
    public const string BinaryExtension = ".stflb";

    private static readonly string[] SkippedDirectories = ["bin", "obj", "node_modules"];

    /// <summary>The files under <paramref name="paths"/>, each once, with whether it was named explicitly.</summary>
    /// <param name="paths">Files and directories.</param>
    /// <param name="errors">Receives one line per missing path or wrong file type.</param>
    public static IReadOnlyList<(string Path, bool Explicit)> Find(IEnumerable<string> paths, List<string> errors)
    {
        var files = new List<(string, bool)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var given in paths)
        {
            var full = Path.GetFullPath(given);
            if (File.Exists(full))
            {
                if (!IsTestFile(full))
                {
                    errors.Add($"{given}: not a {SourceExtension} or {BinaryExtension} file");
                }
                else if (seen.Add(full))
                {
                    files.Add((full, true));
                }
            }
            else if (Directory.Exists(full))
            {
                files.AddRange(Search(full).Where(seen.Add).Select(file => (file, false)));
            }
            else
            {
                errors.Add($"{given}: no such file or directory");
            }
        }
        return files;
    }

    private static bool IsTestFile(string path) =>
        Path.GetExtension(path) is var extension
        && (extension.Equals(SourceExtension, StringComparison.OrdinalIgnoreCase) || extension.Equals(BinaryExtension, StringComparison.OrdinalIgnoreCase));

    private static IEnumerable<string> Search(string directory)
    {
        var files = Directory.EnumerateFiles(directory).Where(IsTestFile).Order(StringComparer.Ordinal);
        var subdirectories = Directory.EnumerateDirectories(directory)
            .Where(d => Path.GetFileName(d) is var name && !name.StartsWith('.') && !SkippedDirectories.Contains(name, StringComparer.OrdinalIgnoreCase))
            .Where(d => !Directory.EnumerateFiles(d, "*.csproj").Any())
            .Order(StringComparer.Ordinal)
            .SelectMany(Search);
        return files.Concat(subdirectories);
    }
}
