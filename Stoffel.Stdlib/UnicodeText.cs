using System.Text;

namespace Stoffel.Stdlib;

// Strings are indexed, counted and sliced by Unicode scalar value (Rust's chars(), as upstream's
// get_field and array_length count; docs/semantics.md "Value kinds"), not by UTF-16 code unit.
internal static class UnicodeText
{
    public static int ScalarCount(string text)
    {
        var count = 0;
        foreach (var _ in text.EnumerateRunes())
        {
            count++;
        }
        return count;
    }

    public static Rune[] Scalars(string text)
    {
        var scalars = new List<Rune>(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            scalars.Add(rune);
        }
        return scalars.ToArray();
    }
}
