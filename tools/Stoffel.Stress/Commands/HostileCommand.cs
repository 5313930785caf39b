using System.CommandLine;
using Stoffel.Stress.Hostile;

namespace Stoffel.Stress.Commands;

/// <summary><c>hostile [--rounds N] [--stoffel PATH] [--seed S] [--case NAME]</c>.</summary>
internal static class HostileCommand
{
    public static Command Create(TextWriter stdout)
    {
        var names = HostileCatalog.All.Select(c => c.Name).ToArray();
        var only = new Option<string?>("--case") { Description = $"Run only this case: {string.Join(", ", names)}." };
        only.AcceptOnlyFromAmong(names);
        var rounds = StressOptions.Count("--rounds", "How many times to run every case", 1);
        var command = new Command("hostile", "Each hostile program and input of issue 8 as a stoffel process, held to its expected exit code, message, time and peak memory.")
        {
            rounds, only,
        };
        var common = StressOptions.AddTo(command, numberedCases: false, startsStoffel: true);
        command.SetAction(parsed => StressOptions.Finish(
            new HostileRunner(common.Stoffel(parsed), HostileCatalog.All).Run(new HostileOptions
            {
                Rounds = StressOptions.Int(parsed, rounds),
                Seed = common.Seed(parsed),
                OnlyCase = parsed.GetValue(only),
            }),
            stdout));
        return command;
    }
}
