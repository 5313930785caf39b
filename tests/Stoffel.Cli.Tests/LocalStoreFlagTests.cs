namespace Stoffel.Cli.Tests;

/// <summary><c>stoffel run --local-store PATH</c>: LocalStorage.* persists between runs.</summary>
[TestClass]
public sealed class LocalStoreFlagTests
{
    /// <summary>Stores 41 under "visits".</summary>
    internal const string Store = """
        .function main()
            LDI r1, "visits"
            PUSHARG r1
            LDI r1, 41
            PUSHARG r1
            CALL LocalStorage.store
        .end
        """;

    /// <summary>Loads "visits" and returns it plus one.</summary>
    internal const string Load = """
        .function main()
            LDI r1, "visits"
            PUSHARG r1
            CALL LocalStorage.load
            LDI r2, 1
            ADD r0, r0, r2
        .end
        """;

    [TestMethod]
    public void A_second_run_loads_what_the_first_stored()
    {
        var store = Path.Combine(Path.GetDirectoryName(Cli.TempFile("store.stfa", Store))!, "state.json");

        var first = Cli.Run("run", Cli.TempFile("store.stfa", Store), "--local-store", store);
        var second = Cli.RunProcess("run", Cli.TempFile("load.stfa", Load), "--local-store", store);

        Assert.AreEqual(0, first.ExitCode, first.ToString());
        Assert.AreEqual("true", first.LastLine);
        Assert.AreEqual(0, second.ExitCode, second.ToString());
        Assert.AreEqual("42", second.LastLine);
    }

    [TestMethod]
    public void Without_the_flag_the_store_lives_only_for_the_run()
    {
        var result = Cli.Run("run", Cli.TempFile("load.stfa", Load));

        Assert.AreEqual(ExitCodes.VmError, result.ExitCode, result.ToString());
        StringAssert.StartsWith(result.Stderr, "error: ADD cannot combine nil () and int64 1");
    }

    [TestMethod]
    public void A_corrupted_store_file_is_a_load_error()
    {
        var store = Cli.TempFile("state.json", "{broken");

        var result = Cli.Run("run", Cli.TempFile("load.stfa", Load), "--local-store", store);

        Assert.AreEqual(ExitCodes.LoadError, result.ExitCode, result.ToString());
        StringAssert.StartsWith(result.Stderr, $"error: local store '{store}' is corrupted: ");
    }
}
