using Stoffel.Debugger.Adapter;
using Stoffel.Debugger.Engine;
using Stoffel.Debugger.Tests.Dap;
using Stoffel.Stdlib;
using Stoffel.Vm.Formats.Assembly;
using Stoffel.Vm.Runtime;

namespace Stoffel.Debugger.Tests;

/// <summary>Programs for the tests: the repository's examples and small scripts written to temp files.</summary>
internal static class TestPrograms
{
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    public static string RepositoryRoot { get; } = FindRoot();

    public static string Example(string name) => Path.Combine(RepositoryRoot, "examples", name);

    /// <summary>Writes <paramref name="source"/> to a temp .stfa file and returns its path.</summary>
    public static string WriteScript(string source)
    {
        var path = Path.Combine(Path.GetTempPath(), $"stoffel-dbg-{Guid.NewGuid():N}.stfa");
        File.WriteAllText(path, source);
        return path;
    }

    /// <summary>
    /// The VM a test launch runs on: the standard library with an in-memory store, and the
    /// launch's limits (as the CLI's factory maps them; the CLI's tests prove its own).
    /// </summary>
    public static VirtualMachine LaunchVm(LaunchVmOptions options)
    {
        var vm = new VirtualMachine
        {
            Limits = ExecutionLimits.Default with
            {
                MaxInstructions = options.MaxInstructions,
                Timeout = options.TimeoutSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
            },
        };
        StandardLibrary.Register(vm);
        return vm;
    }

    /// <summary>A launch-mode adapter over in-memory pipes with <see cref="LaunchVm"/>.</summary>
    public static InMemoryAdapter LaunchAdapter() => new(LaunchVm);

    public static DebugSession Session(string path, TextWriter? output = null)
    {
        var vm = new VirtualMachine();
        StandardLibrary.Register(vm);
        vm.Load(StfaAssembler.AssembleFile(path));
        var session = new DebugSession(vm);
        vm.Output = output ?? session.CreateOutputWriter();
        return session;
    }

    /// <summary>A launch-mode session: it records the run, so it can step back.</summary>
    public static DebugSession Launch(string path, TextWriter? output = null)
    {
        var program = StfaAssembler.AssembleFile(path);
        return new DebugSession(() =>
        {
            var vm = new VirtualMachine();
            StandardLibrary.Register(vm);
            vm.Load(program);
            return vm;
        }, output);
    }

    public static Task<StoppedEvent> NextStop(this DebugSession session) => session.WaitForStopAsync(Wait);

    public static async Task<ExitedEvent> Exit(this DebugSession session) => await session.Completion.WaitAsync(Wait);

    /// <summary>(function, line) of a stop.</summary>
    public static string Where(this StoppedEvent stop) => $"{stop.Location.Function}:{stop.Location.Line}";

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Stoffel.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Stoffel.sln not found above the test directory");
    }
}
