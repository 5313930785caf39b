namespace Stoffel.Stress.Dap;

/// <summary>
/// What fuzzed <c>launch</c> and <c>setBreakpoints</c> requests name: the examples and conformance
/// binaries next to the tool (programs that print, fail, need MPC, recurse without end), a
/// program that loops forever, and paths that are no program at all (missing, a directory,
/// <c>/dev/zero</c>). <see cref="Dispose"/> removes the files it wrote.
/// </summary>
public sealed class DapTargets : IDisposable
{
    private readonly string _directory;

    private DapTargets(string directory, IReadOnlyList<string> programs)
    {
        _directory = directory;
        Programs = programs;
    }

    /// <summary>Paths to launch, good and bad.</summary>
    public IReadOnlyList<string> Programs { get; }

    /// <summary>Targets from the corpus in <paramref name="corpusDirectory"/>, plus a spinning program and bad paths in a new temporary directory.</summary>
    public static DapTargets Create(string corpusDirectory)
    {
        var directory = Directory.CreateTempSubdirectory("stoffel-stress-dap-").FullName;
        var spin = Path.Combine(directory, "spin.stfa");
        File.WriteAllText(spin, ".function main()\nspin:\n    JMP spin\n.end\n");
        string[] wanted = ["fib.stfa", "closures.stfa", "collections.stfa", "error.stfa", "hello.stfa", "unbounded_recursion.stfa", "fizzbuzz.stflb", "compound_assignment.stflb", "client_mul.stflb"];
        var programs = wanted.Select(name => Path.Combine(corpusDirectory, name)).Where(File.Exists).ToList();
        programs.Add(spin);
        programs.Add(Path.Combine(directory, "missing.stfa"));
        programs.Add(directory);
        if (File.Exists("/dev/zero"))
        {
            programs.Add("/dev/zero");
        }
        return new DapTargets(directory, programs);
    }

    /// <summary>Deletes the temporary directory.</summary>
    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the system's temporary-file cleanup.
        }
    }
}
