using System.CommandLine;
using Stoffel.Stress.Reporting;
using Stoffel.Stress.SharedProgram;

namespace Stoffel.Stress.Commands;

/// <summary><c>shared-program --threads T --runs R [--seed S] [--case K]</c>.</summary>
internal static class SharedProgramCommand
{
    public static Command Create(TextWriter stdout)
    {
        var threads = StressOptions.Count("--threads", "Threads running the shared program at once", 16);
        var runs = StressOptions.Count("--runs", "Runs per thread, each on a new VM", 1_000);
        var command = new Command("shared-program", "One loaded program run by many threads at once, each run on its own VM: every result must equal the program's result alone.")
        {
            threads, runs,
        };
        var common = StressOptions.AddTo(command, numberedCases: true, startsStoffel: false);
        command.SetAction(parsed => StressOptions.Finish(
            Run(new SharedProgramOptions
            {
                Threads = Math.Min(StressOptions.Int(parsed, threads), 1024),
                Runs = StressOptions.Int(parsed, runs),
                Seed = common.Seed(parsed),
                OnlyCase = common.Case(parsed),
            }),
            stdout));
        return command;
    }

    /// <summary>Runs the workload next to the tool.</summary>
    public static StressReport Run(SharedProgramOptions options) =>
        new SharedProgramRunner(SharedProgramRunner.Workload(), SharedProgramRunner.StandardVm).Run(options);
}
