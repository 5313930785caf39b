namespace Stoffel.Vm.Formats.Assembly;

/// <summary>
/// Collects every assembly error with its position, so that one run reports all of them
/// (DESIGN.md §6), and formats them as <c>file:line:col: message</c> in source order.
/// </summary>
internal sealed class StfaDiagnostics(string fileName)
{
    private readonly List<(int Line, int Column, string Message)> _errors = [];

    /// <summary>True once any error was added.</summary>
    public bool HasErrors => _errors.Count > 0;

    /// <summary>Records an error at a 1-based line and column.</summary>
    public void Add(int line, int column, string message) => _errors.Add((line, column, message));

    /// <summary>The errors sorted by position, each as <c>file:line:col: message</c>.</summary>
    public IReadOnlyList<string> Format() => _errors
        .OrderBy(e => e.Line)
        .ThenBy(e => e.Column)
        .Select(e => $"{fileName}:{e.Line}:{e.Column}: {e.Message}")
        .ToList();
}
