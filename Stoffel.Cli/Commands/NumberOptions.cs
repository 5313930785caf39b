using System.CommandLine.Parsing;
using System.Globalization;

namespace Stoffel.Cli.Commands;

/// <summary>Parsers for numeric options that report a bad value in plain words (the library's default names .NET types).</summary>
internal static class NumberOptions
{
    public static long? WholeNumber(ArgumentResult result)
    {
        var text = result.Tokens.Single().Value;
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }
        result.AddError($"{OptionName(result)} takes a whole number, got '{text}'");
        return null;
    }

    public static double? Seconds(ArgumentResult result)
    {
        var text = result.Tokens.Single().Value;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }
        result.AddError($"{OptionName(result)} takes a number of seconds, got '{text}'");
        return null;
    }

    private static string OptionName(ArgumentResult result) => (result.Parent as OptionResult)?.Option.Name ?? "the option";
}
