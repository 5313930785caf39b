using Stoffel.Vm.Runtime;

namespace Stoffel.Stdlib;

/// <summary>
/// Installs the builtins that StoffelLang programs call (upstream's <c>standard_library.rs</c>) into a
/// <see cref="VirtualMachine"/>, through the same <see cref="VirtualMachine.RegisterFunction"/>
/// a host uses, in modules a host includes or leaves out
/// (docs/host-api.md "A VM and the standard library"). Every builtin reads and writes tables,
/// closures and upvalues through <see cref="ForeignFunctionContext"/>, so the hook events
/// (docs/hooks.md "Event kinds and payloads") fire for them.
/// </summary>
/// <example>
/// <code>
/// var vm = new VirtualMachine();
/// StandardLibrary.Register(vm);                                         // everything
/// StandardLibrary.Register(sandbox, StdlibModules.All &amp; ~(StdlibModules.Core | StdlibModules.Storage)); // no print, no files
/// StandardLibrary.Register(other, StdlibModules.All, new StdlibOptions { LocalStorePath = "state.json" });
/// </code>
/// </example>
public static class StandardLibrary
{
    /// <summary>Registers the builtins of <paramref name="modules"/> under upstream's names, with default options.</summary>
    /// <param name="vm">The VM to register into.</param>
    /// <param name="modules">Which modules to install; <see cref="StdlibModules.All"/> by default.</param>
    /// <exception cref="ArgumentNullException"><paramref name="vm"/> is null.</exception>
    /// <exception cref="InvalidOperationException">A builtin's name is already defined in <paramref name="vm"/>.</exception>
    public static void Register(VirtualMachine vm, StdlibModules modules = StdlibModules.All) => Register(vm, modules, StdlibOptions.Default);

    /// <summary>Registers the builtins of <paramref name="modules"/> with <paramref name="options"/> (e.g. a persisted local store).</summary>
    /// <param name="vm">The VM to register into.</param>
    /// <param name="modules">Which modules to install.</param>
    /// <param name="options">Module settings.</param>
    /// <exception cref="ArgumentNullException"><paramref name="vm"/> or <paramref name="options"/> is null.</exception>
    /// <exception cref="InvalidOperationException">A builtin's name is already defined in <paramref name="vm"/>.</exception>
    /// <exception cref="InvalidDataException">The <see cref="StdlibOptions.LocalStorePath"/> file is corrupted.</exception>
    /// <exception cref="IOException">The <see cref="StdlibOptions.LocalStorePath"/> file or its directory cannot be read.</exception>
    public static void Register(VirtualMachine vm, StdlibModules modules, StdlibOptions options)
    {
        ArgumentNullException.ThrowIfNull(vm);
        ArgumentNullException.ThrowIfNull(options);
        var store = modules.HasFlag(StdlibModules.Storage)
            ? options.LocalStore ?? (options.LocalStorePath is { } path ? LocalStore.Open(path) : new LocalStore())
            : null;
        (StdlibModules Module, Action<VirtualMachine> Register)[] installers =
        [
            (StdlibModules.Core, CoreBuiltins.Register),
            (StdlibModules.Objects, ObjectBuiltins.Register),
            (StdlibModules.Arrays, ArrayBuiltins.Register),
            (StdlibModules.Closures, ClosureBuiltins.Register),
            (StdlibModules.Lists, ListBuiltins.Register),
            (StdlibModules.Strings, StringBuiltins.Register),
            (StdlibModules.Math, MathBuiltins.Register),
            (StdlibModules.Storage, v => new StorageBuiltins(store!).Register(v)),
        ];
        foreach (var (module, register) in installers)
        {
            if (modules.HasFlag(module))
            {
                register(vm);
            }
        }
    }
}
