using Stoffel.Vm.Values;

namespace Stoffel.Debugger.Engine;

/// <summary>The scopes a frame shows, named for the client <c>Registers</c>, <c>Locals</c>, <c>Upvalues</c>, <c>Argument stack</c> and <c>VM</c> (docs/debugger.md "Capabilities").</summary>
internal enum ScopeKind
{
    Registers,
    Locals,
    Upvalues,
    ArgumentStack,
    Vm,
}

/// <summary>Something whose children a <c>variables</c> request lists.</summary>
internal abstract record Container;

internal sealed record ScopeContainer(int FrameIndex, ScopeKind Kind) : Container;

internal sealed record TableContainer(Value Table, string? EvaluateName) : Container;

internal sealed record ClosureContainer(Closure Closure, string? EvaluateName) : Container;

/// <summary>
/// Variable references handed to the client: small positive ints valid while the VM stays
/// stopped. Cleared on every resume (numbering starts again at 1). Callers hold the state lock.
/// </summary>
internal sealed class VariableHandles
{
    private readonly Dictionary<int, Container> _byId = [];
    private readonly Dictionary<Container, int> _byContainer = [];

    public int Add(Container container)
    {
        if (_byContainer.TryGetValue(container, out var existing))
        {
            return existing;
        }
        var id = _byId.Count + 1;
        _byId[id] = container;
        _byContainer[container] = id;
        return id;
    }

    public Container? Get(int id) => _byId.GetValueOrDefault(id);

    public void Clear()
    {
        _byId.Clear();
        _byContainer.Clear();
    }
}
