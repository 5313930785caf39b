using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Stoffel.Stress.Dap;

namespace Stoffel.Stress.Hostile;

/// <summary>
/// The hostile inputs of issue 8 (and their outcomes), each as a user meets it: programs that drop
/// millions of objects, flood one object with fields, ask for huge capacities in a loop, recurse
/// with frames of 65,535 registers, or build 16M elements in one builtin call; endless or silent
/// program files; a stray byte before a DAP frame and a DAP launch of an endless file. The memory
/// bounds are the limit plus the runtime's own footprint; the time bounds include start-up.
/// </summary>
public static class HostileCatalog
{
    private const long MiB = 1024 * 1024;

    /// <summary>Where the hostile programs are, next to the tool.</summary>
    public static string ProgramsDirectory => Path.Combine(AppContext.BaseDirectory, "Hostile", "programs");

    /// <summary>Every case, in the order they run.</summary>
    public static IReadOnlyList<HostileCase> All { get; } = Create();

    /// <summary>The case named <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No case has that name.</exception>
    public static HostileCase Find(string name) =>
        All.FirstOrDefault(c => c.Name == name) ?? throw new ArgumentException($"no hostile case '{name}'; the cases: {string.Join(", ", All.Select(c => c.Name))}", nameof(name));

    private static string Program(string name) => Path.Combine(ProgramsDirectory, name);

    private static List<HostileCase> Create()
    {
        var fifo = Path.Combine(Path.GetTempPath(), $"stoffel-stress-{Environment.ProcessId}.fifo");
        return
        [
            InFlatMemory("dropped-objects", "5,000,000 objects made and dropped: exit 0 in bounded memory (all kept would be about 1.5 GB)", "dropped_objects.stfa", "5000000"),
            StoppedByMemoryLimit("field-flood", "one object gains a field per round: a clear memory-limit error (exit 1) below the 128 MiB limit", "field_flood.stfa", 128, "11, instruction 7"),
            InFlatMemory("capacity-hints", "create_array(16000000) in a loop, each dropped: the hint is clamped, exit 0 in flat memory", "capacity_hints.stfa", "200000"),
            StoppedByMemoryLimit("capacity-hints-kept", "create_array(16000000) in a loop, each kept: a clear memory-limit error (exit 1) below the 256 MiB limit", "capacity_hints_kept.stfa", 256, "9, instruction 4"),
            new ProgramCase("big-frames", "recursion of a function declaring 65,535 registers: the frames count against the memory limit, a clear error (exit 1) below the 64 MiB limit", ["run", Program("big_frames.stfa"), "--max-memory", "64M"], 1)
            {
                StderrStart = "error: call frames need 25.5 MiB (1,114,095 registers and arguments), and growing the stack to hold them would pass the memory limit of 64 MiB\n  at main (big_frames.stfa:5, instruction 0)",
                LongestTime = TimeSpan.FromSeconds(10),
                LargestPeak = (64 + 100) * MiB,
            },
            new ProgramCase("timeout-array-repeat", "--timeout 2 stops array_repeat building 16M elements inside the builtin: exit 1 within 4 s of the start", ["run", Program("repeat_forever.stfa"), "--timeout", "2"], 1)
            {
                StderrStart = "error: execution timed out after 2 s\n  at main (repeat_forever.stfa:13, instruction 9)",
                LongestTime = TimeSpan.FromSeconds(4),
                LargestPeak = 1024 * MiB + 256 * MiB,
            },
            new ProgramCase("budget-array-repeat", "--max-instructions 1000000 counts array_repeat's work: exit 1 at the builtin", ["run", Program("repeat_forever.stfa"), "--max-instructions", "1000000"], 1)
            {
                StderrStart = "error: instruction limit of 1000000 reached\n  at main (repeat_forever.stfa:13, instruction 9)",
                LongestTime = TimeSpan.FromSeconds(5),
                LargestPeak = 256 * MiB,
            },
            EndlessFile("run"),
            EndlessFile("disasm"),
            new ProgramCase("run-fifo", "stoffel run on a FIFO nothing writes to: exit 2 at the 10 s read deadline, not a hang", ["run", fifo], 2)
            {
                Needs = "/usr/bin/mkfifo",
                Setup = () => Fifo.Make(fifo),
                StderrStart = $"{fifo}: cannot read the file: it did not arrive within 10 s",
                LongestTime = TimeSpan.FromSeconds(14),
                LargestPeak = 150 * MiB,
            },
            new DapCase("dap-stray-byte", "stoffel dap: a stray byte before a frame, and a frame with a bad Content-Length, cost no later request its answer", StrayBytesAsync),
            new DapCase("dap-launch-dev-zero", "stoffel dap: a launch of /dev/zero fails with a clear message and the adapter goes on answering", LaunchDevZeroAsync)
            {
                Needs = "/dev/zero",
            },
        ];
    }

    /// <summary><c>run PROGRAM --arg N</c>: exit 0 printing N, the peak below 150 MiB.</summary>
    private static ProgramCase InFlatMemory(string name, string expectation, string program, string argument) =>
        new(name, expectation, ["run", Program(program), "--arg", argument], 0) { LastLine = argument, LongestTime = TimeSpan.FromSeconds(30), LargestPeak = 150 * MiB };

    /// <summary><c>run PROGRAM --max-memory LIMIT</c>: the memory-limit error at <paramref name="where"/> (exit 1), the peak below the limit plus 100 MiB of runtime.</summary>
    private static ProgramCase StoppedByMemoryLimit(string name, string expectation, string program, int limitMiB, string where) =>
        new(name, expectation, ["run", Program(program), "--max-memory", $"{limitMiB}M"], 1)
        {
            StderrStart = $"error: memory limit of {limitMiB} MiB reached: the program's live tables, strings and call frames hold about",
            StderrContains = $"at main ({program}:{where})",
            LongestTime = TimeSpan.FromSeconds(30),
            LargestPeak = (limitMiB + 100) * MiB,
        };

    /// <summary><c>COMMAND /dev/zero</c>: exit 2 with the size-cap message within 5 s, the peak below 320 MiB.</summary>
    private static ProgramCase EndlessFile(string command) =>
        new($"{command}-dev-zero", $"stoffel {command} /dev/zero: exit 2 with a clear message, no memory exhausted", [command, "/dev/zero"], 2)
        {
            Needs = "/dev/zero",
            StderrStart = "/dev/zero: larger than the 64 MiB a program file may be\n",
            LongestTime = TimeSpan.FromSeconds(5),
            LargestPeak = 320 * MiB,
        };

    private static async Task<IReadOnlyList<string>> StrayBytesAsync(DapWire wire)
    {
        var initialize = await wire.AskAsync("initialize", new JsonObject { ["adapterID"] = "stoffel" }, DapCase.Wait, before: "x"u8.ToArray()).ConfigureAwait(false);
        var badLength = Encoding.ASCII.GetBytes("Content-Length: abc\r\n\r\n{\"seq\":50,\"type\":\"request\",\"command\":\"threads\"}");
        List<string?> problems = [DapCase.Check("initialize after a stray byte", initialize)];
        for (var i = 0; i < 5; i++)
        {
            var threads = await wire.AskAsync("threads", null, DapCase.Wait, before: i == 0 ? badLength : "\n"u8.ToArray()).ConfigureAwait(false);
            problems.Add(DapCase.Check($"threads #{i + 1} after a bad frame and a stray byte", threads));
        }
        return [.. problems.OfType<string>()];
    }

    private static async Task<IReadOnlyList<string>> LaunchDevZeroAsync(DapWire wire)
    {
        var initialize = await wire.AskAsync("initialize", new JsonObject { ["adapterID"] = "stoffel" }, DapCase.Wait).ConfigureAwait(false);
        var launch = await wire.AskAsync("launch", new JsonObject { ["program"] = "/dev/zero" }, DapCase.Wait).ConfigureAwait(false);
        var threads = await wire.AskAsync("threads", null, DapCase.Wait).ConfigureAwait(false);
        List<string?> problems =
        [
            DapCase.Check("initialize", initialize),
            DapCase.Check("launch /dev/zero", launch, error: "/dev/zero: larger than the 64 MiB a program file may be"),
            DapCase.Check("threads after the failed launch", threads),
        ];
        return [.. problems.OfType<string>()];
    }

    /// <summary>A FIFO made with <c>mkfifo</c>, deleted when disposed.</summary>
    private sealed class Fifo(string path) : IDisposable
    {
        public static Fifo Make(string path)
        {
            File.Delete(path);
            using var mkfifo = Process.Start("mkfifo", [path]);
            mkfifo.WaitForExit();
            return new Fifo(path);
        }

        public void Dispose() => File.Delete(path);
    }
}
