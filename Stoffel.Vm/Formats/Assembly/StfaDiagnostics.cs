namespace Stoffel.Vm.Formats.Assembly;

/// <summary>
/// Collects every assembly error with its range and code, so that one run reports all of them
/// (docs/assembly.md "Errors"), and formats them as <c>file:line:col: message</c> in source order.
/// </summary>
internal sealed class StfaDiagnostics(string fileName)
{
    private readonly List<StfaDiagnostic> _errors = [];

    /// <summary>True once any error was added.</summary>
    public bool HasErrors => _errors.Count > 0;

    /// <summary>The errors sorted by position.</summary>
    public IReadOnlyList<StfaDiagnostic> Sorted => _errors
        .OrderBy(e => e.Range.Line)
        .ThenBy(e => e.Range.Column)
        .ToList();

    /// <summary>Records an error about <paramref name="range"/>.</summary>
    public void Add(StfaRange range, StfaErrorCode code, string message) => _errors.Add(new StfaDiagnostic(range, code, message));

    /// <summary>The errors sorted by position, each as <c>file:line:col: message</c>.</summary>
    public IReadOnlyList<string> Format() => Sorted
        .Select(e => $"{fileName}:{e.Range.Line}:{e.Range.Column}: {e.Message}")
        .ToList();
}
