using Stoffel.Vm.Programs;
using Stoffel.Vm.Runtime;

namespace Stoffel.Debugger.Engine;

/// <summary>The debug sources of every program loaded into one VM, found by path, reference or function.</summary>
internal sealed class SourceMap
{
    private readonly object _gate = new();
    private readonly Dictionary<StoffelProgram, DebugSource> _byProgram = new(ReferenceEqualityComparer.Instance);
    private volatile Dictionary<CompiledFunction, DebugSource> _byFunction = new(ReferenceEqualityComparer.Instance);
    private volatile AddressMap _addresses = new([]);
    private int _nextReference = 1;

    /// <summary>Adds sources for programs loaded since the last call; returns true when any were added.</summary>
    public bool Refresh(VmInspector vm)
    {
        IReadOnlyList<StoffelProgram> programs;
        try
        {
            programs = vm.LoadedPrograms;
        }
        catch (InvalidOperationException)
        {
            return false; // a Load raced with us; the next refresh sees it
        }
        lock (_gate)
        {
            var added = false;
            foreach (var program in programs)
            {
                if (!_byProgram.ContainsKey(program))
                {
                    _byProgram[program] = new DebugSource(program, program.SourcePath is null || program.Functions.Any(f => f.SourceLines is null) ? _nextReference++ : 0);
                    added = true;
                }
            }
            if (added)
            {
                var byFunction = new Dictionary<CompiledFunction, DebugSource>(ReferenceEqualityComparer.Instance);
                foreach (var source in _byProgram.Values)
                {
                    foreach (var function in source.Program.Functions)
                    {
                        byFunction[function] = source;
                    }
                }
                _byFunction = byFunction;
                _addresses = new AddressMap(_byProgram.Keys);
            }
            return added;
        }
    }

    public IReadOnlyList<DebugSource> All
    {
        get
        {
            lock (_gate)
            {
                return _byProgram.Values.ToArray();
            }
        }
    }

    public DebugSource? Find(SourceKey key)
    {
        lock (_gate)
        {
            return _byProgram.Values.FirstOrDefault(s => s.Key == key);
        }
    }

    public DebugSource? Of(CompiledFunction function) => _byFunction.GetValueOrDefault(function);

    /// <summary>The line of an instruction in its debug source (0 when unknown or the implicit return).</summary>
    public int LineOf(CompiledFunction function, int index) =>
        _byFunction.TryGetValue(function, out var source) ? source.LineOf(function, index) : function.SourceLineAt(index);

    /// <summary>The instruction addresses of the programs seen so far.</summary>
    public AddressMap Addresses => _addresses;

    public CompiledFunction? FindFunction(string name)
    {
        lock (_gate)
        {
            return _byProgram.Keys.Select(p => p.FindFunction(name)).FirstOrDefault(f => f is not null);
        }
    }
}
