using Stoffel.Vm.Formats.Assembly;
using Stoffel.Vm.Instructions;

namespace Stoffel.LanguageServer;

/// <summary>Whether a symbol names a function or a label.</summary>
internal enum SymbolCategory
{
    Function,
    Label,
}

/// <summary>
/// One place a function or label name is written. Labels are scoped to their function
/// (<see cref="Scope"/> is its index in the analysis); functions are global (scope -1).
/// </summary>
internal sealed record SymbolOccurrence(SymbolCategory Category, string Name, int Scope, StfaRange Range, bool IsDefinition);

/// <summary>
/// Every definition and reference of the functions and labels of one document: function headers,
/// <c>CALL</c> and <c>.parent</c> names, label definitions and jump targets. Navigation, rename
/// and highlighting read it.
/// </summary>
internal sealed class SymbolIndex
{
    private readonly HashSet<string> _definedFunctions;

    public SymbolIndex(StfaAnalysis analysis)
    {
        var occurrences = new List<SymbolOccurrence>();
        for (var index = 0; index < analysis.Functions.Count; index++)
        {
            var function = analysis.Functions[index];
            if (function.Name is { } name)
            {
                occurrences.Add(new(SymbolCategory.Function, name.Text, -1, name.Range, IsDefinition: true));
            }
            if (function.Parent is { } parent)
            {
                occurrences.Add(new(SymbolCategory.Function, parent.Text, -1, parent.Range, IsDefinition: false));
            }
            occurrences.AddRange(function.Labels.Select(label => new SymbolOccurrence(SymbolCategory.Label, label.Text, index, label.Range, IsDefinition: true)));
            foreach (var operand in function.Instructions.SelectMany(i => i.Operands))
            {
                if (operand.Symbol is { } symbol)
                {
                    occurrences.Add(operand.Kind == OperandKind.Label
                        ? new(SymbolCategory.Label, symbol, index, operand.Range, IsDefinition: false)
                        : new(SymbolCategory.Function, symbol, -1, operand.Range, IsDefinition: false));
                }
            }
        }
        Occurrences = occurrences;
        _definedFunctions = occurrences
            .Where(o => o is { Category: SymbolCategory.Function, IsDefinition: true })
            .Select(o => o.Name)
            .ToHashSet(StringComparer.Ordinal);
    }


    public IReadOnlyList<SymbolOccurrence> Occurrences { get; }

    /// <summary>The occurrence at 1-based <paramref name="line"/> and <paramref name="column"/>, or null.</summary>
    public SymbolOccurrence? At(int line, int column) => Occurrences.FirstOrDefault(o => o.Range.Contains(line, column));

    /// <summary>Every occurrence of the same symbol as <paramref name="occurrence"/>, in source order.</summary>
    public IEnumerable<SymbolOccurrence> Related(SymbolOccurrence occurrence) => Occurrences
        .Where(o => o.Category == occurrence.Category && o.Name == occurrence.Name && o.Scope == occurrence.Scope)
        .OrderBy(o => o.Range.Line)
        .ThenBy(o => o.Range.Column);

    /// <summary>The definition of the symbol <paramref name="occurrence"/> names, or null (a builtin, an unknown label).</summary>
    public SymbolOccurrence? Definition(SymbolOccurrence occurrence) => Related(occurrence).FirstOrDefault(o => o.IsDefinition);

    /// <summary>True when the document defines a function named <paramref name="name"/>.</summary>
    public bool DefinesFunction(string name) => _definedFunctions.Contains(name);
}
