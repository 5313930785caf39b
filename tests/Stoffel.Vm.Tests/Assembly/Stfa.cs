using Stoffel.Vm.Formats.Assembly;
using Stoffel.Vm.Programs;

namespace Stoffel.Vm.Tests.Assembly;

/// <summary>Helpers shared by the assembly tests.</summary>
internal static class Stfa
{
    public const string FileName = "test.stfa";

    public static StoffelProgram Assemble(string source) => StfaAssembler.Assemble(source, FileName);

    /// <summary>Wraps instruction lines in <c>.function main()</c> … <c>.end</c>.</summary>
    public static StoffelProgram AssembleMain(params string[] lines) =>
        Assemble(".function main()\n" + string.Concat(lines.Select(l => "    " + l + "\n")) + ".end\n");

    /// <summary>Assembles <paramref name="source"/>, expecting exactly <paramref name="expected"/> errors.</summary>
    public static void AssertErrors(string source, params string[] expected)
    {
        var exception = Assert.ThrowsExactly<ProgramLoadException>(() => Assemble(source));
        CollectionAssert.AreEqual(expected, exception.Errors.ToArray(), "actual:\n" + string.Join("\n", exception.Errors));
    }

    /// <summary>Asserts two programs have the same functions, instructions, labels, constants and callees.</summary>
    public static void AssertSameProgram(StoffelProgram expected, StoffelProgram actual)
    {
        CollectionAssert.AreEqual(expected.Constants.ToArray(), actual.Constants.ToArray(), "constants");
        CollectionAssert.AreEqual(expected.Constants.Select(c => c.Kind).ToArray(), actual.Constants.Select(c => c.Kind).ToArray(), "constant kinds");
        CollectionAssert.AreEqual(expected.CalleeNames.ToArray(), actual.CalleeNames.ToArray(), "callee names");
        Assert.AreEqual(expected.FormatVersion, actual.FormatVersion, "format version");
        Assert.HasCount(expected.Functions.Count, actual.Functions);
        foreach (var (want, got) in expected.Functions.Zip(actual.Functions))
        {
            Assert.AreEqual(want.Name, got.Name);
            Assert.AreEqual(want.DeclaredRegisterCount, got.DeclaredRegisterCount, want.Name);
            CollectionAssert.AreEqual(want.Parameters.ToArray(), got.Parameters.ToArray(), want.Name);
            CollectionAssert.AreEqual(want.Upvalues.ToArray(), got.Upvalues.ToArray(), want.Name);
            Assert.AreEqual(want.Parent, got.Parent, want.Name);
            CollectionAssert.AreEqual(want.Labels.ToArray(), got.Labels.ToArray(), want.Name);
            CollectionAssert.AreEqual(want.Instructions, got.Instructions, want.Name);
        }
    }
}
