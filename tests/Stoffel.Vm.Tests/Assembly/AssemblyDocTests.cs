using System.Text;
using Stoffel.Vm.Instructions;

namespace Stoffel.Vm.Tests.Assembly;

[TestClass]
public sealed class AssemblyDocTests
{
    [TestMethod]
    public void The_mnemonic_table_in_docs_assembly_md_matches_the_opcode_table()
    {
        var doc = File.ReadAllText(FindDoc()).ReplaceLineEndings("\n");
        var table = RenderMnemonicTable();
        Assert.Contains(table, doc, "docs/assembly.md must contain this table, generated from OpcodeTable:\n" + table);
    }

    [TestMethod]
    public void The_generated_table_has_one_row_per_opcode_with_its_syntax()
    {
        var rows = RenderMnemonicTable().Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(2).ToArray();
        Assert.HasCount(OpcodeTable.All.Count, rows);
        Assert.AreEqual("| 0x19 | `STS sN, rA` | store to a spill slot |", rows[^1]);
        Assert.AreEqual("| 0x03 | `ADD rD, rA, rB` | checked add, float add or string concatenation |", rows[3]);
    }

    private static string RenderMnemonicTable()
    {
        var text = new StringBuilder("| Byte | Syntax | Meaning |\n|---|---|---|\n");
        foreach (var info in OpcodeTable.All)
        {
            text.Append($"| 0x{(byte)info.Opcode:X2} | `{info.Syntax}` | {info.Summary} |\n");
        }
        return text.ToString();
    }

    private static string FindDoc()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "docs", "assembly.md");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new FileNotFoundException("docs/assembly.md not found above " + AppContext.BaseDirectory);
    }
}
