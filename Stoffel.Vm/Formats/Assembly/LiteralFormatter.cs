using System.Globalization;
using System.Text;
using Stoffel.Vm.Values;

namespace Stoffel.Vm.Formats.Assembly;

/// <summary>
/// Writes constant values as <c>.stfa</c> literals (docs/assembly.md "Literals") that
/// <see cref="LiteralParser"/> reads back to the same kind and the same bits: <c>-7</c>,
/// <c>5u8</c>, <c>2.0</c>, <c>nan</c>, <c>"a\nb"</c>, <c>unit</c>. Unlike
/// <see cref="ValueFormatter"/> (upstream's print format), the output is meant to be parsed.
/// </summary>
public static class LiteralFormatter
{
    // Longer plain forms switch to exponent form (from about 1e24 up and 1e-23 down).
    private const int MaxPlainFloatLength = 24;

    /// <summary>Formats a constant-pool value as a literal.</summary>
    /// <param name="value">A Unit, Bool, integer, Float or String value.</param>
    /// <returns>The literal text.</returns>
    /// <exception cref="ArgumentException">The value is a table, closure or foreign object, which has no literal form.</exception>
    public static string Format(Value value) => value.Kind switch
    {
        ValueKind.Unit => "unit",
        ValueKind.Bool => value.AsBool ? "true" : "false",
        ValueKind.I64 => value.AsI64.ToString(CultureInfo.InvariantCulture),
        ValueKind.U64 => value.AsU64.ToString(CultureInfo.InvariantCulture) + value.Kind.LiteralSuffix(),
        ValueKind.I32 or ValueKind.I16 or ValueKind.I8 or ValueKind.U8 or ValueKind.U16 or ValueKind.U32 =>
            value.AsI64.ToString(CultureInfo.InvariantCulture) + value.Kind.LiteralSuffix(),
        ValueKind.Float => FormatFloat(value.Bits),
        ValueKind.String => Quote(value.AsString),
        _ => throw new ArgumentException($"a value of type {value.Kind.TypeName()} has no literal form", nameof(value)),
    };

    /// <summary>
    /// Quotes <paramref name="text"/> as a string literal: <c>\\ \" \n \t \r \0</c> for those
    /// characters, <c>\u{…}</c> for other control characters and line separators; everything
    /// else (including non-ASCII text) is written as is.
    /// </summary>
    /// <param name="text">Any text.</param>
    /// <returns>The literal, quotes included.</returns>
    public static string Quote(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '\\': builder.Append(@"\\"); break;
                case '"': builder.Append("\\\""); break;
                case '\n': builder.Append(@"\n"); break;
                case '\t': builder.Append(@"\t"); break;
                case '\r': builder.Append(@"\r"); break;
                case '\0': builder.Append(@"\0"); break;
                case var other when char.IsControl(other) || other is '\u2028' or '\u2029':
                    builder.Append(@"\u{").Append(((int)other).ToString("X", CultureInfo.InvariantCulture)).Append('}');
                    break;
                default: builder.Append(c); break;
            }
        }
        return builder.Append('"').ToString();
    }

    // Finite floats use the shortest round-trip digits and always show a point or an exponent,
    // so that they read back as Float rather than I64. Magnitudes whose plain form would be
    // long (1e300, 5e-324) use exponent form instead.
    private static string FormatFloat(long bits)
    {
        var number = BitConverter.Int64BitsToDouble(bits);
        if (double.IsNaN(number))
        {
            return bits switch
            {
                LiteralParser.QuietNanBits => "nan",
                LiteralParser.NegativeQuietNanBits => "-nan",
                _ => LiteralParser.NanBitsPrefix + unchecked((ulong)bits).ToString("x16", CultureInfo.InvariantCulture),
            };
        }
        if (double.IsInfinity(number))
        {
            return ValueFormatter.FormatFloat(number);
        }
        var digits = ValueFormatter.FormatFloat(number);
        if (digits.Length > MaxPlainFloatLength)
        {
            return number.ToString("R", CultureInfo.InvariantCulture).Replace("E+", "e", StringComparison.Ordinal).Replace('E', 'e');
        }
        return digits.Contains('.') ? digits : digits + ".0";
    }
}
