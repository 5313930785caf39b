namespace Stoffel.Stdlib;

/// <summary>Settings for <see cref="StandardLibrary.Register(Vm.Runtime.VirtualMachine, StdlibModules, StdlibOptions)"/>.</summary>
/// <example>
/// <code>
/// StandardLibrary.Register(vm, StdlibModules.All, new StdlibOptions { LocalStorePath = "state.json" });
/// </code>
/// </example>
public sealed record StdlibOptions
{
    /// <summary>Defaults: each registration gets its own empty in-memory <see cref="Stdlib.LocalStore"/>.</summary>
    public static StdlibOptions Default { get; } = new();

    /// <summary>
    /// The store behind <c>LocalStorage.*</c>; share one between VMs to share data. Takes
    /// precedence over <see cref="LocalStorePath"/>.
    /// </summary>
    public LocalStore? LocalStore { get; init; }

    /// <summary>A file to persist <c>LocalStorage.*</c> to, opened with <see cref="Stdlib.LocalStore.Open"/> at registration.</summary>
    public string? LocalStorePath { get; init; }
}
