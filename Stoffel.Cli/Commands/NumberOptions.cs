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

    public static double? Seconds(ArgumentResult result) => Decimal(result, "a number of seconds");

    public static double? Milliseconds(ArgumentResult result) => Decimal(result, "a number of milliseconds");

    private static double? Decimal(ArgumentResult result, string expected)
    {
        var text = result.Tokens.Single().Value;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }
        result.AddError($"{OptionName(result)} takes {expected}, got '{text}'");
        return null;
    }

    private static string OptionName(ArgumentResult result) => (result.Parent as OptionResult)?.Option.Name ?? "the option";
}
