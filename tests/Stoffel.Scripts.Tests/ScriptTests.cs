using Stoffel.Stdlib;
using Stoffel.Vm.Formats.Assembly;
using Stoffel.Vm.Runtime;
using Stoffel.Vm.Values;

namespace Stoffel.Scripts.Tests;

/// <summary>Runs every script in tests/scripts and examples/ and checks its stated expectations.</summary>
[TestClass]
public sealed class ScriptTests
{
    public static IEnumerable<object[]> Scripts() =>
        new[] { "scripts", "examples" }
            .SelectMany(folder => Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, folder), "*.stfa"))
            .Order(StringComparer.Ordinal)
            .Select(path => new object[] { Path.GetRelativePath(AppContext.BaseDirectory, path) });

    [TestMethod]
    [DynamicData(nameof(Scripts))]
    public void Script_meets_its_expectations(string relativePath)
    {
        var path = Path.Combine(AppContext.BaseDirectory, relativePath);
        var source = File.ReadAllText(path);
        var expected = ScriptExpectations.Parse(source);
        var output = new StringWriter { NewLine = "\n" };
        var vm = new VirtualMachine { Output = output };
        StandardLibrary.Register(vm);
        vm.Load(StfaAssembler.Assemble(source, path));
        var arguments = expected.Arguments.Select(ParseLiteral).ToArray();

        Value result = default;
        VmException? failure = null;
        try
        {
            result = vm.Execute(expected.Entry, arguments, CancellationToken.None);
        }
        catch (VmException e)
        {
            failure = e;
        }

        CollectionAssert.AreEqual(expected.Output.ToArray(), output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries), $"output of {relativePath}");
        if (expected.Error is null)
        {
            Assert.IsNull(failure, $"{relativePath} failed: {failure}");
            Assert.AreEqual(expected.Result ?? "()", ValueFormatter.Format(result), $"result of {relativePath}");
            return;
        }
        Assert.IsNotNull(failure, $"{relativePath} should fail with '{expected.Error}' but returned {result}");
        Assert.Contains(expected.Error, failure.Message, $"error of {relativePath}");
        if (expected.ErrorLine is { } line)
        {
            Assert.AreEqual(line, failure.SourceLine, $"error line of {relativePath}: {failure}");
        }
    }

    private static Value ParseLiteral(string text) =>
        LiteralParser.TryParseLiteral(text, out var value, out var error) ? value : throw new FormatException(error);
}
