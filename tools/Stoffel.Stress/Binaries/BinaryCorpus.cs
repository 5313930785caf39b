using Stoffel.Vm.Formats;
using Stoffel.Vm.Formats.Assembly;
using Stoffel.Vm.Programs;

namespace Stoffel.Stress.Binaries;

/// <summary>
/// The well-formed binaries mutations start from: the upstream conformance binaries as the
/// upstream toolchain wrote them (v1 and v3, with the quirks real files have), each again as
/// <see cref="StflWriter"/> rewrites it (v3 files become v9, with type metadata and a manifest
/// trailer), and every <c>.stfa</c> program of the repository's examples and feature scripts,
/// assembled and written (v1, or v9 for spill slots).
/// </summary>
public sealed class BinaryCorpus
{
    private BinaryCorpus(IReadOnlyList<CorpusEntry> entries) => Entries = entries;

    /// <summary>The corpus copied next to the tool (<c>corpus/</c>: tests/conformance/upstream, examples, tests/scripts).</summary>
    public static string DefaultDirectory => Path.Combine(AppContext.BaseDirectory, "corpus");

    /// <summary>The binaries, in a fixed order (by name) so a seed means the same cases on every machine.</summary>
    public IReadOnlyList<CorpusEntry> Entries { get; }

    /// <summary>Reads every <c>*.stflb</c> and <c>*.stfa</c> in <paramref name="directory"/>.</summary>
    /// <exception cref="InvalidDataException">The directory holds no usable program.</exception>
    public static BinaryCorpus Load(string directory)
    {
        var entries = new List<CorpusEntry>();
        foreach (var path in Directory.EnumerateFiles(directory, "*.stflb").Order(StringComparer.Ordinal))
        {
            var bytes = File.ReadAllBytes(path);
            var name = Path.GetFileName(path);
            entries.Add(new CorpusEntry(name, bytes));
            entries.Add(new CorpusEntry($"{name} rewritten", StflWriter.Write(StflReader.Read(bytes))));
        }
        foreach (var path in Directory.EnumerateFiles(directory, "*.stfa").Order(StringComparer.Ordinal))
        {
            try
            {
                entries.Add(new CorpusEntry($"{Path.GetFileName(path)} assembled", StflWriter.Write(StfaAssembler.AssembleFile(path))));
            }
            catch (ProgramLoadException)
            {
                // A script written to fail assembly is no seed for binaries.
            }
        }
        if (entries.Count == 0)
        {
            throw new InvalidDataException($"no .stflb or .stfa program in {directory}");
        }
        return new BinaryCorpus(entries);
    }
}
