using Stoffel.Tests.Shared;

namespace Stoffel.Packaging.Tests;

/// <summary>
/// A host developer's first ten minutes: <c>dotnet new stoffel-host</c> from the packed template,
/// in a folder outside the repository (no project references, no central package versions),
/// restored from the local feed only, built and run — the script calls the host's typed foreign
/// functions on a foreign object, and the profiler writes a speedscope file.
/// </summary>
[TestClass]
public sealed class TemplateConsumerTests
{
    [TestMethod]
    public void A_project_made_by_dotnet_new_stoffel_host_builds_and_runs_against_the_packages()
    {
        var work = Directory.CreateTempSubdirectory("stoffel-consumer-").FullName;
        File.WriteAllText(Path.Combine(work, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="stoffel-local" value="{PackageFeed.Directory}" />
              </packageSources>
            </configuration>
            """);
        var hive = Path.Combine(work, "template-hive");
        Dotnet(work, work, "new", "install", PackageFeed.PackagePath("Stoffel.Templates"), "--debug:custom-hive", hive);
        Dotnet(work, work, "new", "stoffel-host", "-o", "MyHost", "--debug:custom-hive", hive);
        var profile = Path.Combine(work, "run.speedscope.json");

        var run = Dotnet(work, Path.Combine(work, "MyHost"), "run", "--", "script.stfa", "--profile", profile);

        CollectionAssert.AreEqual(new[] { "alice has 150", "result: 150, host balance: 150" }, run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries), run.Output);
        StringAssert.Contains(File.ReadAllText(Path.Combine(work, "MyHost", "MyHost.csproj")), $"Include=\"Stoffel.Vm\" Version=\"{PackageFeed.Version}\"");
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(profile));
        var frames = json.RootElement.GetProperty("shared").GetProperty("frames").EnumerateArray().Select(f => f.GetProperty("name").GetString()).ToArray();
        CollectionAssert.IsSubsetOf(new[] { "main", "deposit", "owner" }, frames, string.Join(", ", frames));
    }

    // Packages restore into a folder of this test's own, so a stale copy of the same version in
    // the machine's global cache can never stand in for the one just packed.
    private static ToolRun Dotnet(string work, string directory, params string[] arguments)
    {
        var start = ExternalTools.Start("dotnet", directory, arguments);
        start.Environment["NUGET_PACKAGES"] = Path.Combine(work, "packages");
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        var run = ExternalTools.Run(start, TimeSpan.FromMinutes(5));
        Assert.AreEqual(0, run.ExitCode, run.Output);
        return run;
    }
}
