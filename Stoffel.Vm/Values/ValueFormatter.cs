using System.Globalization;
using System.Text;

namespace Stoffel.Vm.Values;

/// <summary>
/// Upstream's display format for values, used by <c>print</c>, <c>to_string</c> and the CLI's
/// result line (docs/semantics.md "Value kinds"): <c>42</c>, <c>5u8</c>, <c>5i32</c>, <c>1.5f64</c>,
/// <c>2f64</c>, <c>true</c>, <c>()</c>, strings raw, <c>[1, 2]</c>, <c>{k: v}</c>,
/// <c>Function(name)</c>.
/// </summary>
public static class ValueFormatter
{
    /// <summary>Tables nested deeper than this print as a summary (<c>[...N elements]</c>).</summary>
    public const int MaxDepth = 3;

    /// <summary>At most this many elements or fields print before <c>...(N more)</c>.</summary>
    public const int MaxEntries = 16;

    /// <summary>Formats <paramref name="value"/> as <c>print</c> writes it.</summary>
    public static string Format(Value value)
    {
        if (value.Kind == ValueKind.String)
        {
            return value.AsString;
        }
        var builder = new StringBuilder();
        Append(builder, value, 0, new HashSet<object>(ReferenceEqualityComparer.Instance));
        return builder.ToString();
    }

    /// <summary>
    /// A value as error messages name it: its type name and printed form (<c>int64 5</c>,
    /// <c>uint8 5u8</c>, <c>nil ()</c>), strings quoted and cut after 40 characters
    /// (<c>string "ab"</c>), tables, closures and foreign objects by type name only.
    /// </summary>
    public static string Describe(Value value) => value.Kind switch
    {
        ValueKind.String => $"string {QuoteForMessage(value.AsString)}",
        ValueKind.Array or ValueKind.Object or ValueKind.Foreign or ValueKind.Closure => value.Kind.TypeName(),
        _ => $"{value.Kind.TypeName()} {Format(value)}",
    };

    /// <summary>Text in double quotes for an error message, cut after 40 characters with <c>…</c>.</summary>
    public static string QuoteForMessage(string text) => $"\"{(text.Length <= 40 ? text : text[..40] + "…")}\"";

    /// <summary>
    /// Formats a float as Rust's <c>{}</c> does: the shortest decimal that round-trips, never
    /// in exponent form, integral values without a fraction; <c>NaN</c>, <c>inf</c>, <c>-inf</c>.
    /// No suffix is added.
    /// </summary>
    public static string FormatFloat(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }
        if (double.IsInfinity(value))
        {
            return value > 0 ? "inf" : "-inf";
        }
        var shortest = value.ToString("R", CultureInfo.InvariantCulture);
        var e = shortest.IndexOfAny(['E', 'e']);
        if (e < 0)
        {
            return shortest;
        }
        return ExpandExponent(shortest[..e], int.Parse(shortest[(e + 1)..], CultureInfo.InvariantCulture));
    }

    private static string ExpandExponent(string mantissa, int exponent)
    {
        var negative = mantissa.StartsWith('-');
        if (negative)
        {
            mantissa = mantissa[1..];
        }
        var point = mantissa.IndexOf('.');
        var digits = point < 0 ? mantissa : mantissa.Remove(point, 1);
        var pointPosition = (point < 0 ? mantissa.Length : point) + exponent;
        string body;
        if (pointPosition <= 0)
        {
            body = "0." + new string('0', -pointPosition) + digits;
        }
        else if (pointPosition >= digits.Length)
        {
            body = digits + new string('0', pointPosition - digits.Length);
        }
        else
        {
            body = digits[..pointPosition] + "." + digits[pointPosition..];
        }
        return negative ? "-" + body : body;
    }

    private static void Append(StringBuilder builder, Value value, int depth, HashSet<object> open)
    {
        switch (value.Kind)
        {
            case ValueKind.Unit:
                builder.Append("()");
                break;
            case ValueKind.Bool:
                builder.Append(value.AsBool ? "true" : "false");
                break;
            case ValueKind.I64:
                builder.Append(value.AsI64.ToString(CultureInfo.InvariantCulture));
                break;
            case ValueKind.U64:
                builder.Append(value.AsU64.ToString(CultureInfo.InvariantCulture)).Append("u64");
                break;
            case ValueKind.I32 or ValueKind.I16 or ValueKind.I8 or ValueKind.U8 or ValueKind.U16 or ValueKind.U32:
                builder.Append(value.AsI64.ToString(CultureInfo.InvariantCulture)).Append(value.Kind.LiteralSuffix());
                break;
            case ValueKind.Float:
                builder.Append(FormatFloat(value.AsFloat)).Append("f64");
                break;
            case ValueKind.String:
                builder.Append(value.AsString);
                break;
            case ValueKind.Closure:
                builder.Append("Function(").Append(value.AsClosure!.FunctionName).Append(')');
                break;
            case ValueKind.Foreign:
                builder.Append("Foreign(").Append(value.Id.ToString(CultureInfo.InvariantCulture)).Append(')');
                break;
            case ValueKind.Array:
                AppendArray(builder, value.AsArray!, depth, open);
                break;
            case ValueKind.Object:
                AppendObject(builder, value.AsObject!, depth, open);
                break;
        }
    }

    private static void AppendArray(StringBuilder builder, StoffelArray array, int depth, HashSet<object> open)
    {
        if (!open.Add(array))
        {
            builder.Append("Array(").Append(array.Id.ToString(CultureInfo.InvariantCulture)).Append(") <cycle>");
            return;
        }
        if (depth >= MaxDepth)
        {
            builder.Append("[...").Append(array.Length.ToString(CultureInfo.InvariantCulture)).Append(" elements]");
        }
        else
        {
            builder.Append('[');
            AppendEntries(builder, array.Elements.Select(e => (Value.Unit, e, false)), array.Length, depth, open);
            builder.Append(']');
        }
        open.Remove(array);
    }

    private static void AppendObject(StringBuilder builder, StoffelObject table, int depth, HashSet<object> open)
    {
        if (!open.Add(table))
        {
            builder.Append("Object(").Append(table.Id.ToString(CultureInfo.InvariantCulture)).Append(") <cycle>");
            return;
        }
        if (depth >= MaxDepth)
        {
            builder.Append("{...").Append(table.Fields.Count.ToString(CultureInfo.InvariantCulture)).Append(" fields}");
        }
        else
        {
            builder.Append('{');
            AppendEntries(builder, table.Fields.Select(f => (f.Key, f.Value, true)), table.Fields.Count, depth, open);
            builder.Append('}');
        }
        open.Remove(table);
    }

    private static void AppendEntries(StringBuilder builder, IEnumerable<(Value Key, Value Value, bool Keyed)> entries, int count, int depth, HashSet<object> open)
    {
        var written = 0;
        foreach (var (key, value, keyed) in entries)
        {
            if (written == MaxEntries)
            {
                builder.Append(", ...(").Append((count - MaxEntries).ToString(CultureInfo.InvariantCulture)).Append(" more)");
                return;
            }
            if (written > 0)
            {
                builder.Append(", ");
            }
            if (keyed)
            {
                Append(builder, key, depth + 1, open);
                builder.Append(": ");
            }
            Append(builder, value, depth + 1, open);
            written++;
        }
    }
}
