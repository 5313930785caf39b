using Stoffel.Vm.Programs;
using Stoffel.Vm.Runtime;

namespace Stoffel.Hooks;

/// <summary>
/// Finds the loaded program a function belongs to, and a program function by name, through the
/// VM's public <see cref="VmInspector.LoadedPrograms"/>. Rebuilt on a miss, so programs loaded after
/// a hook attached are found too.
/// </summary>
internal sealed class ProgramIndex(VirtualMachine vm)
{
    private readonly Dictionary<CompiledFunction, StoffelProgram> _programs = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, CompiledFunction> _functions = new(StringComparer.Ordinal);

    /// <summary>The program defining <paramref name="function"/>, or null when none of the loaded ones does.</summary>
    public StoffelProgram? ProgramOf(CompiledFunction function)
    {
        if (!_programs.TryGetValue(function, out var program))
        {
            Refresh();
            program = _programs.GetValueOrDefault(function);
        }
        return program;
    }

    /// <summary>The program function called <paramref name="name"/>, or null (a foreign function or unknown).</summary>
    public CompiledFunction? FindFunction(string name)
    {
        if (!_functions.TryGetValue(name, out var function))
        {
            Refresh();
            function = _functions.GetValueOrDefault(name);
        }
        return function;
    }

    private void Refresh()
    {
        foreach (var program in vm.Inspector.LoadedPrograms)
        {
            foreach (var function in program.Functions)
            {
                _programs[function] = program;
                _functions[function.Name] = function;
            }
        }
    }
}
