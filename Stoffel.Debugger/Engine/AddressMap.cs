using Stoffel.Vm.Programs;

namespace Stoffel.Debugger.Engine;

/// <summary>
/// Gives every instruction of the loaded programs an address, for the Disassembly view and
/// instruction breakpoints: functions laid out one after another in load order, one address per
/// instruction, from <see cref="Base"/> (so the view can show invalid rows before the first
/// function without negative addresses). Programs are only ever added, so an address stays valid for the VM's life.
/// Immutable: a load makes a new map.
/// </summary>
internal sealed class AddressMap
{
    /// <summary>The address of the first instruction of the first program loaded.</summary>
    public const long Base = 0x1000;

    private readonly (long Start, CompiledFunction Function)[] _functions;
    private readonly Dictionary<CompiledFunction, long> _bases = new(ReferenceEqualityComparer.Instance);

    public AddressMap(IEnumerable<StoffelProgram> programs)
    {
        var functions = new List<(long, CompiledFunction)>();
        var next = Base;
        foreach (var function in programs.SelectMany(p => p.Functions))
        {
            _bases[function] = next;
            functions.Add((next, function));
            next += function.Instructions.Length;
        }
        _functions = functions.ToArray();
    }

    /// <summary>The address of instruction <paramref name="index"/> of <paramref name="function"/>, or null when it has none (the implicit return, an unknown function).</summary>
    public long? AddressOf(CompiledFunction function, int index) =>
        _bases.TryGetValue(function, out var start) && (uint)index < (uint)function.Instructions.Length ? start + index : null;

    /// <summary>The instruction at <paramref name="address"/>, or null outside every function.</summary>
    public (CompiledFunction Function, int Index)? At(long address)
    {
        var (low, high) = (0, _functions.Length - 1);
        while (low <= high)
        {
            var middle = (low + high) / 2;
            var (start, function) = _functions[middle];
            if (address < start)
            {
                high = middle - 1;
            }
            else if (address >= start + function.Instructions.Length)
            {
                low = middle + 1;
            }
            else
            {
                return (function, (int)(address - start));
            }
        }
        return null;
    }
}
