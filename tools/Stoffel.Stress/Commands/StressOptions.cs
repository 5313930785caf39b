using System.CommandLine;
using System.Globalization;
using Stoffel.Stress.Processes;
using Stoffel.Stress.Reporting;

namespace Stoffel.Stress.Commands;

/// <summary>
/// The options subcommands share: <c>--seed</c> on each, <c>--case N</c> on runs of numbered
/// cases, <c>--stoffel</c> on those that start the CLI; and sizes that must be positive.
/// </summary>
internal sealed class StressOptions
{
    private readonly Option<int?> _seed = new("--seed") { Description = "The seed every case derives from (default: a new one, printed in the summary)." };
    private readonly Option<long?> _case = new("--case") { Description = "Replay only this case (the number a failure names), with the same --seed." };
    private readonly Option<string?> _stoffel = new("--stoffel")
    {
        Description = $"The stoffel CLI to start: a native executable, or a stoffel.dll to run with dotnet (default: ${StoffelCommand.EnvironmentVariable}, else the stoffel.dll next to this tool).",
    };

    private StressOptions()
    {
    }

    /// <summary>Adds <c>--seed</c>, and <c>--case</c> and <c>--stoffel</c> as asked, to <paramref name="command"/>.</summary>
    public static StressOptions AddTo(Command command, bool numberedCases, bool startsStoffel)
    {
        var options = new StressOptions();
        command.Options.Add(options._seed);
        if (numberedCases)
        {
            command.Options.Add(options._case);
        }
        if (startsStoffel)
        {
            command.Options.Add(options._stoffel);
        }
        return options;
    }

    /// <summary>A whole-number option that must be at least <paramref name="minimum"/>.</summary>
    public static Option<long> Count(string name, string description, long defaultValue, long minimum = 1) => new(name)
    {
        Description = string.Create(CultureInfo.InvariantCulture, $"{description} (default {defaultValue:N0})."),
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result =>
        {
            var text = result.Tokens.Single().Value;
            if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= minimum)
            {
                return value;
            }
            result.AddError(string.Create(CultureInfo.InvariantCulture, $"{name} takes a whole number of at least {minimum}, got '{text}'"));
            return 0;
        },
    };

    /// <summary><paramref name="parsed"/>'s <c>--count</c>-like value, at most <see cref="int.MaxValue"/>.</summary>
    public static int Int(ParseResult parsed, Option<long> option) => (int)Math.Min(parsed.GetValue(option), int.MaxValue);

    /// <summary>The seed given, or a new one.</summary>
    public int Seed(ParseResult parsed) => parsed.GetValue(_seed) ?? CaseRandom.NewSeed();

    /// <summary>The case to replay, or null.</summary>
    public long? Case(ParseResult parsed) => parsed.GetValue(_case);

    /// <summary>The CLI to start.</summary>
    public StoffelCommand Stoffel(ParseResult parsed) => StoffelCommand.Locate(parsed.GetValue(_stoffel));

    /// <summary>Writes the report and turns it into the exit code.</summary>
    public static int Finish(StressReport report, TextWriter stdout)
    {
        ReportWriter.Write(report, stdout);
        return report.Passed ? StressApplication.Passed : StressApplication.Failed;
    }
}
