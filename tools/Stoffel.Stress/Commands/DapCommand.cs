using System.CommandLine;
using Stoffel.Stress.Binaries;
using Stoffel.Stress.Dap;
using Stoffel.Stress.Reporting;

namespace Stoffel.Stress.Commands;

/// <summary><c>dap --messages N [--seed S] [--case K]</c>.</summary>
internal static class DapCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var messages = StressOptions.Count("--messages", "How many DAP messages to send", 100_000);
        var command = new Command("dap", "Random DAP traffic (wrong types, out-of-order requests, broken framing, abrupt disconnects) against the in-process adapter; after each burst a well-formed request must be answered.")
        {
            messages,
        };
        var common = StressOptions.AddTo(command, numberedCases: true, startsStoffel: false);
        command.SetAction(parsed => StressOptions.Finish(
            Run(new DapFuzzOptions { Messages = parsed.GetValue(messages), Seed = common.Seed(parsed), OnlyCase = common.Case(parsed) }, stderr),
            stdout));
        return command;
    }

    /// <summary>Runs the standard fuzzer against the corpus next to the tool.</summary>
    public static StressReport Run(DapFuzzOptions options, TextWriter progress)
    {
        using var targets = DapTargets.Create(BinaryCorpus.DefaultDirectory);
        return DapFuzzer.Standard(targets).RunAsync(options, progress).GetAwaiter().GetResult();
    }
}
