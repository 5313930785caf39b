using System.Text;
using System.Text.RegularExpressions;
using Stoffel.Vm.Instructions;

namespace Stoffel.Vm.Tests.Semantics;

/// <summary>One operand-kind matrix of docs/semantics.md: a header row of column labels, then labelled rows of cells.</summary>
internal sealed record MarkdownMatrix(string Name, IReadOnlyList<string> Columns, IReadOnlyList<(string Label, IReadOnlyList<string> Cells)> Rows)
{
    /// <summary>Row label of NOT's single row.</summary>
    public const string UnaryRowLabel = "result";

    // A matrix sits between <!-- matrix NAME --> and <!-- /matrix -->.
    private static readonly Regex Block = new(@"<!-- matrix (?<name>\w+) -->\r?\n(?<body>.*?)<!-- /matrix -->", RegexOptions.Singleline);

    /// <summary>Every matrix in <paramref name="markdown"/>, in order.</summary>
    public static IReadOnlyList<MarkdownMatrix> ParseAll(string markdown) =>
        Block.Matches(markdown).Select(m => Parse(m.Groups["name"].Value, m.Groups["body"].Value)).ToList();

    /// <summary>Replaces the body of every matrix block with <paramref name="render"/>'s text for its name.</summary>
    public static string ReplaceAll(string markdown, Func<string, string> render) =>
        Block.Replace(markdown, m => $"<!-- matrix {m.Groups["name"].Value} -->\n{render(m.Groups["name"].Value)}<!-- /matrix -->");

    /// <summary>The matrix the oracle expects for <paramref name="opcode"/>.</summary>
    public static MarkdownMatrix Expected(Opcode opcode)
    {
        var columns = SemanticsOracle.AllKinds.Select(k => k.ToString()).ToList();
        IEnumerable<(string, IReadOnlyList<string>)> rows = opcode == Opcode.NOT
            ? [(UnaryRowLabel, SemanticsOracle.AllKinds.Select(SemanticsOracle.Not).ToList())]
            : SemanticsOracle.AllKinds.Select(left => (left.ToString(),
                (IReadOnlyList<string>)SemanticsOracle.AllKinds.Select(right => SemanticsOracle.Expected(opcode, left, right)).ToList()));
        return new MarkdownMatrix(opcode.ToString(), columns, rows.ToList());
    }

    /// <summary>Renders the matrix as an aligned markdown table (row labels bold), ending with a newline.</summary>
    public string Render()
    {
        var widths = Enumerable.Range(0, Columns.Count + 1).Select(i => i == 0
            ? Math.Max(Name.Length, Rows.Max(r => r.Label.Length + 4))
            : Math.Max(Columns[i - 1].Length, Rows.Max(r => r.Cells[i - 1].Length))).ToArray();
        var text = new StringBuilder();
        AppendRow(text, widths, [Name, .. Columns]);
        AppendRow(text, widths, widths.Select(w => new string('-', w)).ToArray());
        foreach (var (label, cells) in Rows)
        {
            AppendRow(text, widths, [$"**{label}**", .. cells]);
        }
        return text.ToString();
    }

    private static void AppendRow(StringBuilder text, int[] widths, string[] cells)
    {
        text.Append('|');
        for (var i = 0; i < cells.Length; i++)
        {
            text.Append(' ').Append(cells[i].PadRight(widths[i])).Append(" |");
        }
        text.Append('\n');
    }

    private static MarkdownMatrix Parse(string name, string body)
    {
        var lines = body.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith('|')).ToList();
        if (lines.Count < 2)
        {
            return new MarkdownMatrix(name, [], []);
        }
        var header = SplitRow(lines[0]);
        var rows = lines.Skip(2)
            .Select(SplitRow)
            .Select(cells => (cells[0], (IReadOnlyList<string>)cells.Skip(1).ToList()))
            .ToList();
        return new MarkdownMatrix(name, header.Skip(1).ToList(), rows);
    }

    private static List<string> SplitRow(string line) =>
        line.Trim('|').Split('|').Select(cell => cell.Trim().Trim('*', '`').Trim()).ToList();

    /// <summary>Every difference from <paramref name="expected"/>: shape, labels and cells ("row × column: doc says X, spec says Y").</summary>
    public IEnumerable<string> DifferencesFrom(MarkdownMatrix expected)
    {
        if (!Columns.SequenceEqual(expected.Columns))
        {
            yield return $"columns are [{string.Join(", ", Columns)}], expected [{string.Join(", ", expected.Columns)}]";
            yield break;
        }
        if (!Rows.Select(r => r.Label).SequenceEqual(expected.Rows.Select(r => r.Label)))
        {
            yield return $"rows are [{string.Join(", ", Rows.Select(r => r.Label))}], expected [{string.Join(", ", expected.Rows.Select(r => r.Label))}]";
            yield break;
        }
        for (var r = 0; r < Rows.Count; r++)
        {
            var (label, cells) = Rows[r];
            for (var c = 0; c < Columns.Count; c++)
            {
                var actual = c < cells.Count ? cells[c] : "(missing)";
                if (actual != expected.Rows[r].Cells[c])
                {
                    yield return $"{label} × {Columns[c]}: doc says '{actual}', spec says '{expected.Rows[r].Cells[c]}'";
                }
            }
            if (cells.Count > Columns.Count)
            {
                yield return $"{label}: {cells.Count - Columns.Count} cell(s) beyond the last column";
            }
        }
    }
}
