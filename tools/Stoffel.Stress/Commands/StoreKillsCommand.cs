using System.CommandLine;
using Stoffel.Stress.Store;

namespace Stoffel.Stress.Commands;

/// <summary><c>store-kills --kills N [--stoffel PATH] [--seed S] [--case K]</c>.</summary>
internal static class StoreKillsCommand
{
    public static Command Create(TextWriter stdout)
    {
        var kills = StressOptions.Count("--kills", "How many times to kill the writer", 50);
        var command = new Command("store-kills", "Kill (SIGKILL) `stoffel run --local-store` during store writes: every store file must read back, and no temporary file may outlive the next open.")
        {
            kills,
        };
        var common = StressOptions.AddTo(command, numberedCases: true, startsStoffel: true);
        command.SetAction(parsed => StressOptions.Finish(
            new StoreKiller(common.Stoffel(parsed)).Run(new StoreKillOptions { Kills = StressOptions.Int(parsed, kills), Seed = common.Seed(parsed), OnlyCase = common.Case(parsed) }),
            stdout));
        return command;
    }
}
