using System.Text;
using Stoffel.Vm.Values;

namespace Stoffel.Debugger.Engine;

/// <summary>How the debugger shows values: as <c>print</c> writes them, strings quoted; the Stoffel type name.</summary>
public static class ValueText
{
    /// <summary>The display text of <paramref name="value"/>.</summary>
    public static string Display(Value value) => value.Kind == ValueKind.String ? Quote(value.AsString) : ValueFormatter.Format(value);

    /// <summary>The Stoffel type name (<c>int64</c>, <c>string</c>, <c>array</c>, …).</summary>
    public static string TypeOf(Value value) => value.Kind.TypeName();

    /// <summary>A literal that <c>LiteralParser</c> reads back as <paramref name="value"/>, or null for tables, closures and foreign objects.</summary>
    public static string? Literal(Value value) => value.Kind switch
    {
        ValueKind.String => Quote(value.AsString),
        ValueKind.Unit => "unit",
        ValueKind.Object or ValueKind.Array or ValueKind.Closure or ValueKind.Foreign => null,
        _ => ValueFormatter.Format(value),
    };

    /// <summary>Quotes a string with the <c>.stfa</c> escapes.</summary>
    public static string Quote(string text)
    {
        var builder = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\t' => "\\t",
                '\r' => "\\r",
                '\0' => "\\0",
                _ => c.ToString(),
            });
        }
        return builder.Append('"').ToString();
    }
}
