using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Numerics;
using System.Text;
using Stoffel.Vm.Values;

namespace Stoffel.Vm.Formats.Assembly;

/// <summary>
/// Reads the literal forms of the <c>.stfa</c> format (docs/assembly.md "Literals"): what
/// <c>LDI</c> accepts, and what the CLI's <c>--arg</c> and the debugger's evaluate accept. The
/// disassembler writes the same forms back with <see cref="LiteralFormatter"/>.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>42</c>, <c>-7</c>: I64. <c>42i32</c>, <c>7u8</c>: suffixes <c>i8 i16 i32 i64 u8 u16 u32 u64</c>; a value outside the kind's range is an error.</item>
/// <item><c>3.5</c>, <c>7.0</c>, <c>1e-3</c>, <c>3.5f64</c>, <c>7f64</c>: Float. <c>inf</c>, <c>-inf</c>; <c>nan</c> is the quiet NaN
/// <c>0x7FF8000000000000</c> (Rust's <c>f64::NAN</c>), <c>-nan</c> its negative twin (.NET's <see cref="double.NaN"/>),
/// and <c>nan_0x7ff8000000000001</c> a NaN with exactly those 64 bits.</item>
/// <item><c>true</c>, <c>false</c>, <c>unit</c>.</item>
/// <item><c>"text"</c> with escapes <c>\n \t \r \0 \" \\ \u{1F600}</c>.</item>
/// </list>
/// </remarks>
public static class LiteralParser
{
    /// <summary>The bits of <c>nan</c>: the positive quiet NaN upstream (Rust) produces.</summary>
    internal const long QuietNanBits = 0x7FF8000000000000;

    /// <summary>The bits of <c>-nan</c>: the negative quiet NaN .NET produces.</summary>
    internal const long NegativeQuietNanBits = unchecked((long)0xFFF8000000000000);

    /// <summary>Prefix of the bit-exact NaN form <c>nan_0x…</c>.</summary>
    internal const string NanBitsPrefix = "nan_0x";

    private static readonly (string Suffix, ValueKind Kind)[] Suffixes =
    [
        ("i8", ValueKind.I8), ("i16", ValueKind.I16), ("i32", ValueKind.I32), ("i64", ValueKind.I64),
        ("u8", ValueKind.U8), ("u16", ValueKind.U16), ("u32", ValueKind.U32), ("u64", ValueKind.U64),
        ("f64", ValueKind.Float),
    ];

    /// <summary>Parses one literal (the whole of <paramref name="text"/>, no surrounding spaces).</summary>
    /// <param name="text">The literal, e.g. <c>7u8</c> or <c>"a\tb"</c> (quotes included).</param>
    /// <param name="value">The value read, or Unit when parsing fails.</param>
    /// <param name="error">Null on success, else a message such as <c>300u8 is out of range for u8</c>.</param>
    /// <returns>True when <paramref name="text"/> is a valid literal.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    public static bool TryParseLiteral(string text, out Value value, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        value = Value.Unit;
        error = null;
        switch (text)
        {
            case "unit":
                return true;
            case "true" or "false":
                value = Value.FromBool(text == "true");
                return true;
            case "inf" or "-inf":
                value = Value.FromFloat(text == "inf" ? double.PositiveInfinity : double.NegativeInfinity);
                return true;
            case "nan" or "-nan":
                value = Value.FromIntegerBits(ValueKind.Float, text == "nan" ? QuietNanBits : NegativeQuietNanBits);
                return true;
        }
        if (text.StartsWith('"'))
        {
            return TryParseQuoted(text, out value, out error);
        }
        if (text.StartsWith(NanBitsPrefix, StringComparison.Ordinal))
        {
            return TryParseNanBits(text, out value, out error);
        }
        return TryParseNumber(text, out value, out error);
    }

    /// <summary>The message for text that is no literal at all.</summary>
    internal static string NotALiteral(string found) =>
        $"expected a literal (integer, float, true, false, unit or \"string\"), found '{found}'";

    /// <summary>
    /// Decodes the body of a quoted string (without its quotes). On failure <paramref name="errorIndex"/>
    /// is the index in <paramref name="body"/> where the problem starts.
    /// </summary>
    internal static bool TryUnescape(string body, out string text, [NotNullWhen(false)] out string? error, out int errorIndex)
    {
        var builder = new StringBuilder(body.Length);
        text = "";
        for (var i = 0; i < body.Length; i++)
        {
            var c = body[i];
            errorIndex = i;
            if (c == '"')
            {
                error = "a '\"' inside a string must be written \\\"";
                return false;
            }
            if (c != '\\')
            {
                builder.Append(c);
                continue;
            }
            if (i + 1 == body.Length)
            {
                error = "unterminated string";
                return false;
            }
            i++;
            switch (body[i])
            {
                case 'n': builder.Append('\n'); break;
                case 't': builder.Append('\t'); break;
                case 'r': builder.Append('\r'); break;
                case '0': builder.Append('\0'); break;
                case '"': builder.Append('"'); break;
                case '\\': builder.Append('\\'); break;
                case 'u':
                    if (!TryReadCodePoint(body, ref i, out var scalar))
                    {
                        error = "expected \\u{…} with 1 to 6 hex digits naming a Unicode scalar value";
                        return false;
                    }
                    builder.Append(char.ConvertFromUtf32(scalar));
                    break;
                default:
                    error = $"unknown escape '\\{body[i]}'";
                    return false;
            }
        }
        errorIndex = 0;
        error = null;
        text = builder.ToString();
        return true;
    }

    // On entry body[i] is the 'u' of \u{…}; on success i is left on the closing brace.
    private static bool TryReadCodePoint(string body, ref int i, out int scalar)
    {
        scalar = 0;
        var close = body.IndexOf('}', i);
        if (i + 1 >= body.Length || body[i + 1] != '{' || close < 0)
        {
            return false;
        }
        var digits = body[(i + 2)..close];
        if (digits.Length is < 1 or > 6
            || !int.TryParse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out scalar)
            || scalar > 0x10FFFF
            || scalar is >= 0xD800 and <= 0xDFFF)
        {
            return false;
        }
        i = close;
        return true;
    }

    private static bool TryParseQuoted(string text, out Value value, [NotNullWhen(false)] out string? error)
    {
        value = Value.Unit;
        if (text.Length < 2 || !text.EndsWith('"'))
        {
            error = "unterminated string";
            return false;
        }
        if (!TryUnescape(text[1..^1], out var decoded, out error, out _))
        {
            return false;
        }
        value = Value.FromString(decoded);
        return true;
    }

    private static bool TryParseNanBits(string text, out Value value, [NotNullWhen(false)] out string? error)
    {
        value = Value.Unit;
        var hex = text[NanBitsPrefix.Length..];
        if (hex.Length is < 1 or > 16
            || !ulong.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var bits)
            || !double.IsNaN(BitConverter.UInt64BitsToDouble(bits)))
        {
            error = $"{text} does not give the bits of a NaN";
            return false;
        }
        value = Value.FromIntegerBits(ValueKind.Float, unchecked((long)bits));
        error = null;
        return true;
    }

    private static bool TryParseNumber(string text, out Value value, [NotNullWhen(false)] out string? error)
    {
        value = Value.Unit;
        var (body, suffix, kind) = SplitSuffix(text);
        if (!IsNumber(body, out var fractional))
        {
            error = NotALiteral(text);
            return false;
        }
        if (fractional && kind is not (null or ValueKind.Float))
        {
            error = $"{text}: a fractional number cannot take the suffix {suffix}";
            return false;
        }
        if (fractional || kind == ValueKind.Float)
        {
            var number = double.Parse(body, NumberStyles.Float, CultureInfo.InvariantCulture);
            if (double.IsInfinity(number))
            {
                error = $"{text} is out of range for f64";
                return false;
            }
            value = Value.FromFloat(number);
            error = null;
            return true;
        }
        return TryMakeInteger(text, BigInteger.Parse(body, CultureInfo.InvariantCulture), kind ?? ValueKind.I64, out value, out error);
    }

    private static bool TryMakeInteger(string text, BigInteger number, ValueKind kind, out Value value, [NotNullWhen(false)] out string? error)
    {
        var width = kind.BitWidth();
        var (min, max) = kind.IsUnsigned()
            ? (BigInteger.Zero, (BigInteger.One << width) - 1)
            : (-(BigInteger.One << (width - 1)), (BigInteger.One << (width - 1)) - 1);
        if (number < min || number > max)
        {
            value = Value.Unit;
            error = $"{text} is out of range for {SuffixOf(kind)}";
            return false;
        }
        var bits = kind == ValueKind.U64 ? unchecked((long)(ulong)number) : (long)number;
        value = Value.FromIntegerBits(kind, bits);
        error = null;
        return true;
    }

    private static string SuffixOf(ValueKind kind) => Suffixes.First(s => s.Kind == kind).Suffix;

    // A suffix counts only right after a digit, so "1e-3" or "inf" never lose letters to it.
    private static (string Body, string? Suffix, ValueKind? Kind) SplitSuffix(string text)
    {
        foreach (var (suffix, kind) in Suffixes)
        {
            if (text.Length > suffix.Length
                && text.EndsWith(suffix, StringComparison.Ordinal)
                && char.IsAsciiDigit(text[^(suffix.Length + 1)]))
            {
                return (text[..^suffix.Length], suffix, kind);
            }
        }
        return (text, null, null);
    }

    // -?digits(.digits)?([eE][+-]?digits)?; fractional when it has a point or an exponent.
    private static bool IsNumber(string body, out bool fractional)
    {
        var i = body.StartsWith('-') ? 1 : 0;
        fractional = false;
        if (!SkipDigits(body, ref i))
        {
            return false;
        }
        if (i < body.Length && body[i] == '.')
        {
            i++;
            fractional = true;
            if (!SkipDigits(body, ref i))
            {
                return false;
            }
        }
        if (i < body.Length && body[i] is 'e' or 'E')
        {
            i++;
            fractional = true;
            if (i < body.Length && body[i] is '+' or '-')
            {
                i++;
            }
            if (!SkipDigits(body, ref i))
            {
                return false;
            }
        }
        return i == body.Length;
    }

    private static bool SkipDigits(string text, ref int i)
    {
        var start = i;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }
        return i > start;
    }
}
