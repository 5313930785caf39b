using Stoffel.Vm.Instructions;

namespace Stoffel.Vm.Tests.Semantics;

/// <summary>
/// Keeps docs/semantics.md in step with the spec oracle: every matrix in the doc is parsed and each
/// cell compared with <see cref="SemanticsOracle"/> (which <see cref="EveryCellTests"/> checks against
/// the implementation). To regenerate the matrices after a deliberate change, run the tests with
/// <c>STOFFEL_WRITE_SEMANTICS_DOC=1</c>.
/// </summary>
[TestClass]
public sealed class SemanticsDocTests
{
    private static readonly Opcode[] Tabulated = [.. SemanticsOracle.BinaryOpcodes, Opcode.NOT, Opcode.CMP];

    [TestMethod]
    public void DocHasExactlyOneMatrixPerInstruction()
    {
        var names = MarkdownMatrix.ParseAll(ReadDoc()).Select(m => m.Name).ToList();
        CollectionAssert.AreEquivalent(Tabulated.Select(o => o.ToString()).ToList(), names,
            "docs/semantics.md must hold exactly one '<!-- matrix OPCODE -->' block per instruction");
    }

    [TestMethod]
    [DataRow(Opcode.ADD)]
    [DataRow(Opcode.SUB)]
    [DataRow(Opcode.MUL)]
    [DataRow(Opcode.DIV)]
    [DataRow(Opcode.MOD)]
    [DataRow(Opcode.AND)]
    [DataRow(Opcode.OR)]
    [DataRow(Opcode.XOR)]
    [DataRow(Opcode.SHL)]
    [DataRow(Opcode.SHR)]
    [DataRow(Opcode.NOT)]
    [DataRow(Opcode.CMP)]
    public void DocMatrixMatchesSpecInEveryCell(Opcode opcode)
    {
        var expected = MarkdownMatrix.Expected(opcode);
        var matrix = MarkdownMatrix.ParseAll(ReadDoc()).SingleOrDefault(m => m.Name == opcode.ToString());
        Assert.IsNotNull(matrix, $"docs/semantics.md has no '<!-- matrix {opcode} -->' block; it should read:\n{expected.Render()}");
        var differences = matrix.DifferencesFrom(expected).ToList();
        Assert.IsEmpty(differences, $"docs/semantics.md {opcode} matrix differs from the spec:\n{string.Join("\n", differences)}\nExpected table:\n{expected.Render()}");
        var cellCount = matrix.Rows.Sum(r => r.Cells.Count);
        Assert.AreEqual(opcode == Opcode.NOT ? 16 : 256, cellCount, $"{opcode} matrix must cover every kind (pair)");
    }

    private static string ReadDoc()
    {
        var path = DocPath();
        if (Environment.GetEnvironmentVariable("STOFFEL_WRITE_SEMANTICS_DOC") == "1")
        {
            var rewritten = MarkdownMatrix.ReplaceAll(File.ReadAllText(path),
                name => MarkdownMatrix.Expected(Enum.Parse<Opcode>(name)).Render());
            lock (Tabulated)
            {
                File.WriteAllText(path, rewritten);
            }
        }
        return File.ReadAllText(path);
    }

    private static string DocPath()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "docs", "semantics.md");
            if (File.Exists(candidate) && File.Exists(Path.Combine(directory.FullName, "Stoffel.sln")))
            {
                return candidate;
            }
        }
        Assert.Fail($"docs/semantics.md not found above {AppContext.BaseDirectory}");
        return "";
    }
}
