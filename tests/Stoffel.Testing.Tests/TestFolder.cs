namespace Stoffel.Testing.Tests;

/// <summary>A fresh folder under the test's output directory (inside the repository) holding the files a test writes.</summary>
internal sealed class TestFolder
{
    public TestFolder() => Path = Directory.CreateDirectory(System.IO.Path.Combine(AppContext.BaseDirectory, "work", Guid.NewGuid().ToString("N"))).FullName;

    public string Path { get; }

    /// <summary>Writes <paramref name="content"/> to <paramref name="name"/> in the folder; returns the full path.</summary>
    public string Write(string name, string content)
    {
        var file = System.IO.Path.Combine(Path, name);
        File.WriteAllText(file, content);
        return file;
    }

    /// <summary>Discovers the folder's cases, named relative to it.</summary>
    public StoffelTestSuite Discover(StoffelTestOptions? options = null) =>
        StoffelTestSuite.Discover(Path, (options ?? StoffelTestOptions.Default) with { BaseDirectory = Path });
}
