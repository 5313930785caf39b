using System.CommandLine;
using Stoffel.Stress.Binaries;

namespace Stoffel.Stress.Commands;

/// <summary><c>binaries --count N [--jobs J] [--max-instructions N] [--save-failures DIR] [--seed S] [--case K]</c>.</summary>
internal static class BinariesCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var count = StressOptions.Count("--count", "How many mutated binaries", 100_000);
        var jobs = StressOptions.Count("--jobs", "Threads checking binaries at once", 1);
        var maxInstructions = StressOptions.Count("--max-instructions", "The instruction budget of each run", 100_000);
        var save = new Option<string?>("--save-failures") { Description = "Write each failing binary into this directory." };
        var command = new Command("binaries", "Mutated STFL binaries through the loader, the disassembler and a budgeted run: only clear errors or results are acceptable.")
        {
            count, jobs, maxInstructions, save,
        };
        var common = StressOptions.AddTo(command, numberedCases: true, startsStoffel: false);
        command.SetAction(parsed =>
        {
            var options = new BinaryFuzzOptions
            {
                Count = parsed.GetValue(count),
                Jobs = Math.Min(StressOptions.Int(parsed, jobs), 64),
                MaxInstructions = parsed.GetValue(maxInstructions),
                SaveFailuresTo = parsed.GetValue(save),
                Seed = common.Seed(parsed),
                OnlyCase = common.Case(parsed),
            };
            return StressOptions.Finish(BinaryFuzzer.Standard(options.MaxInstructions).Run(options, stderr), stdout);
        });
        return command;
    }
}
