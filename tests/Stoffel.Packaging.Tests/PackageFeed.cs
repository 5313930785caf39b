using System.IO.Compression;
using System.Xml.Linq;
using Stoffel.Tests.Shared;

namespace Stoffel.Packaging.Tests;

/// <summary>
/// Every package the repository makes, packed once per test run into a local folder feed from
/// the Release build that <c>dotnet test -c Release</c> has just made (<c>dotnet pack --no-build</c>).
/// </summary>
internal static class PackageFeed
{
    private static readonly Lazy<string> Folder = new(Pack);

    /// <summary>The packages every host-facing library ships as, plus the CLI tool.</summary>
    public static readonly string[] Libraries = ["Stoffel.Vm", "Stoffel.Stdlib", "Stoffel.Hooks", "Stoffel.Debugger", "Stoffel.LanguageServer", "Stoffel.Testing", "Stoffel.Cli"];

    /// <summary>The feed folder (made on first use).</summary>
    public static string Directory => Folder.Value;

    /// <summary>The repository root: the folder above the tests holding Stoffel.sln.</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>The version every package carries (Directory.Build.props' VersionPrefix).</summary>
    public static string Version { get; } = XDocument.Load(Path.Combine(RepositoryRoot, "Directory.Build.props"))
        .Descendants("VersionPrefix").Single().Value;

    /// <summary>Path of the <c>.nupkg</c> (or, with <paramref name="extension"/> <c>snupkg</c>, the symbols package) of <paramref name="id"/>.</summary>
    public static string PackagePath(string id, string extension = "nupkg") => Path.Combine(Directory, $"{id}.{Version}.{extension}");

    /// <summary>The nuspec of a package, read from inside it.</summary>
    public static XElement Nuspec(string id)
    {
        using var package = ZipFile.OpenRead(PackagePath(id));
        using var stream = package.GetEntry($"{id}.nuspec")!.Open();
        return XDocument.Load(stream).Root!;
    }

    /// <summary>The names of the files inside a package.</summary>
    public static string[] Entries(string id, string extension = "nupkg")
    {
        using var package = ZipFile.OpenRead(PackagePath(id, extension));
        return package.Entries.Select(e => e.FullName).ToArray();
    }

    private static string Pack()
    {
        var feed = System.IO.Directory.CreateTempSubdirectory("stoffel-feed-").FullName;
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";
        var pack = ExternalTools.Run(
            ExternalTools.Start("dotnet", RepositoryRoot, "pack", "Stoffel.sln", "-c", configuration, "--no-build", "-o", feed),
            TimeSpan.FromMinutes(5));
        Assert.AreEqual(0, pack.ExitCode, pack.Output);
        return feed;
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Stoffel.sln")))
            {
                return directory.FullName;
            }
        }
        throw new DirectoryNotFoundException("Stoffel.sln not found above " + AppContext.BaseDirectory);
    }
}
