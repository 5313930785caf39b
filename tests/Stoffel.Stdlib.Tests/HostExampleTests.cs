using System.Reflection;
using Stoffel.Tests.Shared;

namespace Stoffel.Stdlib.Tests;

/// <summary>
/// The sample host in examples/host builds and runs: it is started as its own process, the way a
/// user runs it. The test project builds it through a ProjectReference that does not reference
/// its assembly, and asks MSBuild for its output path at build time (see the .csproj), so the test
/// finds the dll whatever the configuration or output directory.
/// </summary>
[TestClass]
public sealed class HostExampleTests
{
    private static string HostDll => typeof(HostExampleTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "HostExampleDll").Value!;

    [TestMethod]
    public void TheSampleHostRunsItsScriptWithTypedFunctionsAndAForeignObjectAndWritesAProfile()
    {
        Assert.IsTrue(File.Exists(HostDll), $"the sample host was not built: {HostDll}");
        var profile = Path.Combine(Directory.CreateTempSubdirectory("stoffel-host-").FullName, "host.speedscope.json");
        var host = ExternalTools.Run("dotnet", null, HostDll, Path.Combine(Path.GetDirectoryName(HostDll)!, "script.stfa"), profile);

        Assert.AreEqual(0, host.ExitCode, host.Stderr);
        CollectionAssert.AreEqual(
            new[] { "5f64", "alice has 150", "result: done", "host balance: 150" },
            host.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(profile));
        Assert.AreEqual("https://www.speedscope.app/file-format-schema.json", json.RootElement.GetProperty("$schema").GetString());
        var frames = json.RootElement.GetProperty("shared").GetProperty("frames").EnumerateArray().Select(f => f.GetProperty("name").GetString()).ToArray();
        CollectionAssert.IsSubsetOf(new[] { "main", "hypot", "deposit" }, frames, string.Join(", ", frames));
    }
}
