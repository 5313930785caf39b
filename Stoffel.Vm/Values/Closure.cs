namespace Stoffel.Vm.Values;

/// <summary>
/// A closure (docs/semantics.md "Value kinds", "Closures"): the name of a function plus the
/// upvalues captured by name when it was created. Upstream replaces a closure by an updated copy on
/// <c>set_upvalue</c> and swaps every live register holding the old one; here the closure's upvalue
/// cells are updated in place, which every register holding it observes the same way (see
/// docs/semantics.md).
/// </summary>
public sealed class Closure
{
    private readonly Value[] _values;
    private readonly string[] _names;

    /// <summary>Creates a closure over <paramref name="functionName"/> with the given captures.</summary>
    /// <exception cref="ArgumentNullException">A name or the capture list is null.</exception>
    public Closure(string functionName, IReadOnlyList<Upvalue> upvalues)
    {
        FunctionName = functionName ?? throw new ArgumentNullException(nameof(functionName));
        ArgumentNullException.ThrowIfNull(upvalues);
        _names = upvalues.Select(u => u.Name).ToArray();
        _values = upvalues.Select(u => u.Value).ToArray();
    }

    /// <summary>
    /// A closure over <paramref name="functionName"/> that owns <paramref name="cells"/>, named
    /// by <paramref name="names"/> (shared, never written): the upvalues a call of a function with
    /// upvalues captured (<see cref="Runtime.ActivationRecord.Upvalues"/>).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="cells"/> and <paramref name="names"/> differ in length (the VM reads a cell per name unchecked).</exception>
    internal Closure(string functionName, Value[] cells, string[] names)
    {
        if (cells.Length != names.Length)
        {
            throw new ArgumentException($"{cells.Length} cells for {names.Length} upvalue names", nameof(cells));
        }
        FunctionName = functionName;
        _values = cells;
        _names = names;
    }

    /// <summary>The closed-over function's name.</summary>
    public string FunctionName { get; }

    /// <summary>Names of the captured upvalues, in capture order.</summary>
    public IReadOnlyList<string> UpvalueNames => _names;

    /// <summary>A snapshot of the captured (name, value) pairs.</summary>
    public IReadOnlyList<Upvalue> Upvalues => _names.Select((n, i) => new Upvalue(n, _values[i])).ToArray();

    /// <summary>The live upvalue cells; a frame running the closure reads and writes these.</summary>
    internal Value[] Cells => _values;

    /// <summary>The upvalue names as the frame running the closure searches them.</summary>
    internal string[] Names => _names;

    /// <summary>
    /// The program function this closure resolved to in the VM that last called it, so repeated
    /// calls skip the by-name lookup. One reference, replaced whole, that names its VM itself
    /// (<see cref="Runtime.RuntimeFunction.Owner"/>): a closure shared between VMs never pairs
    /// one VM with another's function, and a call reaches the function one dependent load sooner than
    /// through a (VM, function) pair.
    /// </summary>
    internal Runtime.RuntimeFunction? BoundFunction { get; set; }
}

/// <summary>One captured upvalue: its name and value.</summary>
/// <param name="Name">The variable name it was captured under.</param>
/// <param name="Value">The captured value.</param>
public readonly record struct Upvalue(string Name, Value Value);
