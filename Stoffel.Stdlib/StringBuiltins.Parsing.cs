using System.Globalization;
using System.Numerics;
using Stoffel.Vm.Runtime;
using Stoffel.Vm.Values;

namespace Stoffel.Stdlib;

// parse_int and parse_float: text to numbers, culture-independent, surrounding white space ignored.
internal static partial class StringBuiltins
{
    // parse_int(text): an optional sign and decimal digits → I64. Anything else is an error naming
    // the text; a number outside int64 is an IntegerOverflow.
    private static Value ParseInt(ForeignFunctionContext context)
    {
        context.ExpectArgumentCount(1);
        var text = Arguments.String(context, 0);
        if (!BigInteger.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            throw Arguments.Error(context, VmErrorKind.ForeignFunctionError, $"{ValueFormatter.QuoteForMessage(text)} is not an integer");
        }
        return number >= long.MinValue && number <= long.MaxValue
            ? Value.FromI64((long)number)
            : throw Arguments.Error(context, VmErrorKind.IntegerOverflow, $"{ValueFormatter.QuoteForMessage(text)} is out of range for int64");
    }

    // parse_float(text): decimal or exponent notation → Float; also inf, -inf and NaN as print
    // writes them (and .NET's Infinity). Too large a magnitude gives ±inf, as IEEE parsing does.
    private static Value ParseFloat(ForeignFunctionContext context)
    {
        context.ExpectArgumentCount(1);
        var text = Arguments.String(context, 0);
        var trimmed = text.Trim();
        var unsigned = trimmed.TrimStart('+', '-');
        if (unsigned.Equals("inf", StringComparison.OrdinalIgnoreCase) && trimmed.Length - unsigned.Length <= 1)
        {
            return Value.FromFloat(trimmed.StartsWith('-') ? double.NegativeInfinity : double.PositiveInfinity);
        }
        return double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? Value.FromFloat(number)
            : throw Arguments.Error(context, VmErrorKind.ForeignFunctionError, $"{ValueFormatter.QuoteForMessage(text)} is not a number");
    }
}
