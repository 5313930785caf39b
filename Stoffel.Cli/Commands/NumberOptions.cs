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

    /// <summary>A positive size in bytes: a whole number with an optional binary suffix K, M or G (KiB, MiB, GiB; <c>512M</c>, <c>2G</c>).</summary>
    public static long? Bytes(ArgumentResult result)
    {
        var text = result.Tokens.Single().Value;
        var (digits, scale) = text.Length > 0 ? char.ToUpperInvariant(text[^1]) switch
        {
            'K' => (text[..^1], 1L << 10),
            'M' => (text[..^1], 1L << 20),
            'G' => (text[..^1], 1L << 30),
            _ => (text, 1L),
        } : (text, 1L);
        if (long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 && value <= long.MaxValue / scale)
        {
            return value * scale;
        }
        result.AddError($"{OptionName(result)} takes a positive number of bytes, optionally with K, M or G (512M, 2G), got '{text}'");
        return null;
    }

    private static string OptionName(ArgumentResult result) => (result.Parent as OptionResult)?.Option.Name ?? "the option";
}
