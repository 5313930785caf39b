using Stoffel.Vm.Formats.Assembly;
using Stoffel.Vm.Values;

namespace Stoffel.Debugger.Engine;

/// <summary>
/// How the debugger shows values: as <c>print</c> writes them (<see cref="ValueFormatter"/>), strings
/// quoted as <c>.stfa</c> literals (<see cref="LiteralFormatter"/>); the Stoffel type name.
/// </summary>
public static class ValueText
{
    /// <summary>The display text of <paramref name="value"/>.</summary>
    public static string Display(Value value) => value.Kind == ValueKind.String ? LiteralFormatter.Quote(value.AsString) : ValueFormatter.Format(value);

    /// <summary>The Stoffel type name (<c>int64</c>, <c>string</c>, <c>array</c>, …).</summary>
    public static string TypeOf(Value value) => value.Kind.TypeName();

    /// <summary>
    /// The <c>.stfa</c> literal that <see cref="LiteralParser"/> reads back as <paramref name="value"/>
    /// (<see cref="LiteralFormatter.Format"/>), or null for tables, closures and foreign objects.
    /// </summary>
    public static string? Literal(Value value) =>
        value.Kind is ValueKind.Object or ValueKind.Array or ValueKind.Closure or ValueKind.Foreign ? null : LiteralFormatter.Format(value);
}
