using System.CommandLine;
using Stoffel.Stress.Binaries;
using Stoffel.Stress.Dap;
using Stoffel.Stress.Hostile;
using Stoffel.Stress.Reporting;
using Stoffel.Stress.SharedProgram;
using Stoffel.Stress.Store;

namespace Stoffel.Stress.Commands;

/// <summary><c>all [--seed S] [--stoffel PATH]</c>: every run with small sizes, about a minute and a half on two cores.</summary>
internal static class AllCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var command = new Command("all", "Every run with small sizes: 20,000 binaries, 5,000 DAP messages, 16 × 100 shared-program runs, 10 kills, each hostile case once.");
        var common = StressOptions.AddTo(command, numberedCases: false, startsStoffel: true);
        command.SetAction(parsed =>
        {
            var chosenSeed = common.Seed(parsed);
            var cli = common.Stoffel(parsed);
            var runs = new Func<StressReport>[]
            {
                () => BinaryFuzzer.Standard(100_000).Run(new BinaryFuzzOptions { Count = 20_000, Seed = chosenSeed }, stderr),
                () => DapCommand.Run(new DapFuzzOptions { Messages = 5_000, Seed = chosenSeed }, stderr),
                () => SharedProgramCommand.Run(new SharedProgramOptions { Threads = 16, Runs = 100, Seed = chosenSeed }),
                () => new StoreKiller(cli).Run(new StoreKillOptions { Kills = 10, Seed = chosenSeed }),
                () => new HostileRunner(cli, HostileCatalog.All).Run(new HostileOptions { Seed = chosenSeed }),
            };
            var passed = 0;
            foreach (var run in runs)
            {
                var report = run();
                ReportWriter.Write(report, stdout);
                passed += report.Passed ? 1 : 0;
            }
            stdout.WriteLine($"all: {passed} of {runs.Length} runs passed");
            return passed == runs.Length ? StressApplication.Passed : StressApplication.Failed;
        });
        return command;
    }
}
