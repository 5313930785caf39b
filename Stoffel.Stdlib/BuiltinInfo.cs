namespace Stoffel.Stdlib;

/// <summary>
/// What an editor or a debugger shows for one builtin: its name, module, parameters and a
/// one-line meaning. A parameter ending in <c>?</c> is optional; one ending in <c>...</c> takes
/// any number of arguments.
/// </summary>
/// <param name="Name">The name programs <c>CALL</c>.</param>
/// <param name="Module">The module that registers it.</param>
/// <param name="Parameters">The parameters in order, e.g. <c>["list", "index?"]</c> or <c>["values..."]</c>.</param>
/// <param name="Summary">What it does and returns, in one line.</param>
public sealed record BuiltinInfo(string Name, StdlibModules Module, IReadOnlyList<string> Parameters, string Summary)
{
    /// <summary>The fewest arguments it accepts.</summary>
    public int MinArguments { get; } = Parameters.Count(p => !p.EndsWith('?') && !p.EndsWith("...", StringComparison.Ordinal));

    /// <summary>The most arguments it accepts, or null when it takes any number.</summary>
    public int? MaxArguments { get; } = Parameters.Any(p => p.EndsWith("...", StringComparison.Ordinal)) ? null : Parameters.Count;

    /// <summary>The signature as written in docs: <c>pop(list, index?)</c>.</summary>
    public string Signature => $"{Name}({string.Join(", ", Parameters)})";
}
