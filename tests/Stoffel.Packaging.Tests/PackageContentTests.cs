using System.Xml.Linq;

namespace Stoffel.Packaging.Tests;

/// <summary>What a consumer's package manager sees: licence, readme, symbols and the right dependencies.</summary>
[TestClass]
public sealed class PackageContentTests
{
    public static IEnumerable<object[]> Libraries => PackageFeed.Libraries.Select(id => new object[] { id });

    [TestMethod]
    [DynamicData(nameof(Libraries))]
    public void Each_package_carries_licence_readme_docs_and_symbols(string id)
    {
        var metadata = PackageFeed.Nuspec(id).Elements().Single(e => e.Name.LocalName == "metadata");
        string Field(string name) => metadata.Elements().Single(e => e.Name.LocalName == name).Value;

        Assert.AreEqual(PackageFeed.Version, Field("version"));
        Assert.AreEqual("MIT", Field("license"));
        Assert.AreEqual("README.md", Field("readme"));
        Assert.AreEqual("The Stoffel for .NET contributors", Field("authors"));
        Assert.IsFalse(string.IsNullOrWhiteSpace(Field("description")));
        var entries = PackageFeed.Entries(id);
        CollectionAssert.IsSubsetOf(new[] { "LICENSE", "README.md" }, entries);
        var assembly = id == "Stoffel.Cli" ? "stoffel" : id;
        Assert.IsTrue(entries.Any(e => e.EndsWith($"/{assembly}.dll", StringComparison.Ordinal)), string.Join(", ", entries));
        if (id != "Stoffel.Cli")
        {
            CollectionAssert.Contains(entries, $"lib/net10.0/{id}.xml", "XML docs for IntelliSense");
        }
        CollectionAssert.Contains(PackageFeed.Entries(id, "snupkg"), id == "Stoffel.Cli" ? "tools/net10.0/any/stoffel.pdb" : $"lib/net10.0/{id}.pdb");
    }

    [TestMethod]
    public void Library_packages_depend_on_each_other_at_the_same_version()
    {
        var hooks = PackageFeed.Nuspec("Stoffel.Hooks").Descendants().Where(e => e.Name.LocalName == "dependency").ToArray();

        Assert.AreEqual(PackageFeed.Version, hooks.Single(d => d.Attribute("id")!.Value == "Stoffel.Vm").Attribute("version")!.Value);
    }

    [TestMethod]
    public void The_template_package_is_a_dotnet_new_template_for_the_same_version()
    {
        var metadata = PackageFeed.Nuspec("Stoffel.Templates").Elements().Single(e => e.Name.LocalName == "metadata");
        var packageType = metadata.Descendants().Single(e => e.Name.LocalName == "packageType");
        var entries = PackageFeed.Entries("Stoffel.Templates");

        Assert.AreEqual("Template", packageType.Attribute("name")!.Value);
        CollectionAssert.IsSubsetOf(new[] { "content/stoffel-host/.template.config/template.json", "content/stoffel-host/Program.cs", "content/stoffel-host/StoffelHost.csproj", "LICENSE" }, entries);
        using var package = System.IO.Compression.ZipFile.OpenRead(PackageFeed.PackagePath("Stoffel.Templates"));
        using var template = System.Text.Json.JsonDocument.Parse(package.GetEntry("content/stoffel-host/.template.config/template.json")!.Open());
        Assert.AreEqual(PackageFeed.Version, template.RootElement.GetProperty("symbols").GetProperty("StoffelVersion").GetProperty("defaultValue").GetString());
    }
}
