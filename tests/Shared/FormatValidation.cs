namespace Stoffel.Tests.Shared;

/// <summary>Checks exported profiles with speedscope's own schema (tests/format-validation/validate-speedscope.js).</summary>
internal static class FormatValidation
{
    /// <summary>Fails unless the speedscope schema accepts <paramref name="file"/>.</summary>
    public static void AssertValidSpeedscope(string file)
    {
        ExternalTools.RequireNpmPackage("speedscope");
        var validation = ExternalTools.Run("node", ExternalTools.Validation, Path.Combine(ExternalTools.Validation, "validate-speedscope.js"), file);

        Assert.AreEqual(0, validation.ExitCode, validation.Output);
    }
}
