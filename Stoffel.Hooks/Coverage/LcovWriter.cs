using System.Globalization;

namespace Stoffel.Hooks.Coverage;

/// <summary>
/// Writes a <see cref="CoverageReport"/> as LCOV tracefile records, as genhtml and VS Code
/// coverage extensions read them: per program <c>TN:</c>, <c>SF:</c>, <c>FN:</c>/<c>FNDA:</c> per
/// function, <c>FNF:</c>/<c>FNH:</c>, <c>DA:line,hits</c> for every line holding an instruction,
/// <c>LF:</c>/<c>LH:</c> and <c>end_of_record</c>.
/// </summary>
public static class LcovWriter
{
    /// <summary>
    /// Writes <paramref name="report"/> to <paramref name="path"/>. A program without source gets
    /// its disassembly written next to it (<c>PATH.stfa</c>, then <c>PATH.2.stfa</c>, …), and its
    /// <c>SF:</c> names that file.
    /// </summary>
    /// <param name="report">The coverage.</param>
    /// <param name="path">The LCOV file (created or overwritten).</param>
    /// <param name="testName">The <c>TN:</c> value (may be empty).</param>
    /// <returns>Every file written, the LCOV file first.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="IOException">A file cannot be written.</exception>
    /// <exception cref="UnauthorizedAccessException">A file cannot be written.</exception>
    public static IReadOnlyList<string> WriteFile(CoverageReport report, string path, string testName = "")
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(testName);
        var fullPath = Path.GetFullPath(path);
        var written = new List<string> { fullPath };
        using var writer = new StreamWriter(fullPath) { NewLine = "\n" };
        foreach (var program in report.Programs)
        {
            var source = program.SourcePath;
            if (source is null)
            {
                source = written.Count == 1 ? fullPath + ".stfa" : $"{fullPath}.{written.Count}.stfa";
                File.WriteAllText(source, program.Disassembly);
                written.Add(source);
            }
            WriteRecord(writer, program, Path.GetFullPath(source), testName);
        }
        return written;
    }

    private static void WriteRecord(TextWriter writer, ProgramCoverage program, string sourceFile, string testName)
    {
        writer.WriteLine("TN:" + testName);
        writer.WriteLine("SF:" + sourceFile);
        foreach (var function in program.Functions)
        {
            writer.WriteLine(Invariant($"FN:{function.FirstLine},{function.Name}"));
        }
        foreach (var function in program.Functions)
        {
            writer.WriteLine(Invariant($"FNDA:{function.Calls},{function.Name}"));
        }
        writer.WriteLine(Invariant($"FNF:{program.Functions.Count}"));
        writer.WriteLine(Invariant($"FNH:{program.Functions.Count(f => f.Calls > 0)}"));
        // Functions may share a line (several on one line of a hand-written file): merge them.
        var lines = program.Functions.SelectMany(f => f.LineHits)
            .GroupBy(p => p.Key)
            .Select(g => (Line: g.Key, Hits: g.Max(p => p.Value)))
            .OrderBy(p => p.Line)
            .ToArray();
        foreach (var (line, hits) in lines)
        {
            writer.WriteLine(Invariant($"DA:{line},{hits}"));
        }
        writer.WriteLine(Invariant($"LF:{lines.Length}"));
        writer.WriteLine(Invariant($"LH:{lines.Count(p => p.Hits > 0)}"));
        writer.WriteLine("end_of_record");
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
