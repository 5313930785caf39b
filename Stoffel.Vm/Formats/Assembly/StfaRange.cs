namespace Stoffel.Vm.Formats.Assembly;

/// <summary>A run of characters on one line of <c>.stfa</c> text.</summary>
/// <param name="Line">The 1-based line.</param>
/// <param name="Column">The 1-based column of the first character, counted in UTF-16 code units.</param>
/// <param name="Length">The number of UTF-16 code units; 0 for a point such as the end of a line.</param>
public readonly record struct StfaRange(int Line, int Column, int Length)
{
    /// <summary>The column just after the range.</summary>
    public int EndColumn => Column + Length;

    /// <summary>True when the 1-based <paramref name="line"/> and <paramref name="column"/> fall inside the range or on its end.</summary>
    public bool Contains(int line, int column) => line == Line && column >= Column && column <= EndColumn;
}
