using System.Globalization;
using Stoffel.Stdlib;
using Stoffel.Stress.Reporting;
using Stoffel.Vm.Formats.Assembly;
using Stoffel.Vm.Programs;
using Stoffel.Vm.Runtime;
using Stoffel.Vm.Values;

namespace Stoffel.Stress.SharedProgram;

/// <summary>
/// The <c>shared-program</c> run: one <see cref="StoffelProgram"/>, loaded once, run by many
/// threads at once (started together), each run on a VM of its own (a program is immutable after
/// load and can be shared: docs/host-api.md "Threads"). Run <c>k</c> calls <c>main(n)</c> with <c>n</c>
/// from the seed, and must print and return exactly what a run of <c>main(n)</c> on this thread
/// alone did beforehand. A difference or any exception is a failure.
/// </summary>
/// <param name="program">The shared program; its <c>main(n)</c> takes one integer.</param>
/// <param name="createVm">Makes each run's VM, printing to the writer given.</param>
public sealed class SharedProgramRunner(StoffelProgram program, Func<TextWriter, VirtualMachine> createVm)
{
    private const int SmallestArgument = 8;
    private const int ArgumentChoices = 9;

    /// <summary>The tool's program: <c>SharedProgram/workload.stfa</c> next to it.</summary>
    public static StoffelProgram Workload() => StfaAssembler.AssembleFile(Path.Combine(AppContext.BaseDirectory, "SharedProgram", "workload.stfa"));

    /// <summary>A VM with the standard library, printing to <paramref name="output"/>.</summary>
    public static VirtualMachine StandardVm(TextWriter output)
    {
        var vm = new VirtualMachine { Output = output };
        StandardLibrary.Register(vm);
        return vm;
    }

    /// <summary>Runs <paramref name="options"/>' threads × runs.</summary>
    public StressReport Run(SharedProgramOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Threads, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Runs, 1);
        var run = new StressRun("shared-program", options.Seed, inThisProcess: true);
        var expected = Enumerable.Range(SmallestArgument, ArgumentChoices).ToDictionary(n => (long)n, n => RunOnce(n));
        long done = 0;
        if (options.OnlyCase is { } only)
        {
            Check(only, options, expected, run.Failures);
            done = 1;
        }
        else
        {
            using var start = new Barrier(options.Threads);
            var threads = Enumerable.Range(0, options.Threads).Select(thread => new Thread(() =>
            {
                start.SignalAndWait();
                for (var round = 0; round < options.Runs; round++)
                {
                    Check((long)thread * options.Runs + round, options, expected, run.Failures);
                    Interlocked.Increment(ref done);
                }
            }) { IsBackground = true, Name = $"shared-program {thread}" }).ToList();
            threads.ForEach(t => t.Start());
            threads.ForEach(t => t.Join());
        }
        return run.Report(
            done,
            "runs",
            string.Create(CultureInfo.InvariantCulture, $"--threads {options.Threads} --runs {options.Runs}"),
            [
                new("threads", options.OnlyCase is null ? options.Threads : 1),
                new("runs per thread, each on a new VM", options.OnlyCase is null ? options.Runs : 1),
                new("different arguments (expected results computed alone first)", expected.Count),
            ]);
    }

    private void Check(long caseIndex, SharedProgramOptions options, Dictionary<long, string> expected, FailureLog failures)
    {
        var n = SmallestArgument + CaseRandom.For(options.Seed, caseIndex).Next(ArgumentChoices);
        var where = string.Create(CultureInfo.InvariantCulture, $"thread {caseIndex / options.Runs}, run {caseIndex % options.Runs}: main({n})");
        try
        {
            var actual = RunOnce(n);
            if (actual != expected[n])
            {
                failures.Add(caseIndex, $"{where} gave {Quote(actual)} where it gave {Quote(expected[n])} alone");
            }
        }
        catch (Exception e)
        {
            failures.Add(caseIndex, $"{where} threw {Exceptions.Describe(e)}");
        }
    }

    /// <summary>What <c>main(n)</c> prints, then <c>=&gt; </c> and what it returns, on a new VM.</summary>
    private string RunOnce(long n)
    {
        var output = new StringWriter { NewLine = "\n" };
        var vm = createVm(output);
        vm.Load(program);
        var result = vm.Execute("main", Value.FromI64(n));
        return $"{output}=> {ValueFormatter.Format(result)}";
    }

    private static readonly System.Text.Json.JsonSerializerOptions Readable = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The text as a JSON string, escaped only where JSON must (line ends, quotes).</summary>
    private static string Quote(string text) => System.Text.Json.JsonSerializer.Serialize(text, Readable);
}
