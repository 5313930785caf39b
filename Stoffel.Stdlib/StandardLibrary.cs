using Stoffel.Vm.Runtime;

namespace Stoffel.Stdlib;

/// <summary>
/// Installs the builtins that StoffelLang programs call (SEMANTICS.md §4) into a
/// <see cref="VirtualMachine"/>, through the same <see cref="VirtualMachine.RegisterFunction"/>
/// a host uses (STYLE.md "Do" 15). Every builtin reads and writes tables, closures and upvalues
/// through <see cref="ForeignFunctionContext"/>, so the hook events of DESIGN.md §7 fire for them.
/// </summary>
/// <example>
/// <code>
/// var vm = new VirtualMachine();
/// StandardLibrary.Register(vm);                                         // everything
/// StandardLibrary.Register(sandbox, StdlibModules.All &amp; ~StdlibModules.Core); // no print
/// </code>
/// </example>
public static class StandardLibrary
{
    /// <summary>Registers the builtins of <paramref name="modules"/> under upstream's names (SEMANTICS.md §4.1, §4.2).</summary>
    /// <param name="vm">The VM to register into.</param>
    /// <param name="modules">Which modules to install; <see cref="StdlibModules.All"/> by default.</param>
    /// <exception cref="ArgumentNullException"><paramref name="vm"/> is null.</exception>
    /// <exception cref="InvalidOperationException">A builtin's name is already defined in <paramref name="vm"/>.</exception>
    public static void Register(VirtualMachine vm, StdlibModules modules = StdlibModules.All)
    {
        ArgumentNullException.ThrowIfNull(vm);
        if (modules.HasFlag(StdlibModules.Core))
        {
            CoreBuiltins.Register(vm);
        }
        if (modules.HasFlag(StdlibModules.Objects))
        {
            ObjectBuiltins.Register(vm);
        }
        if (modules.HasFlag(StdlibModules.Arrays))
        {
            ArrayBuiltins.Register(vm);
        }
        if (modules.HasFlag(StdlibModules.Closures))
        {
            ClosureBuiltins.Register(vm);
        }
    }
}
