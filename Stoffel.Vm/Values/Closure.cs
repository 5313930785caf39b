namespace Stoffel.Vm.Values;

/// <summary>
/// A closure (SEMANTICS.md §3.6): the name of a function plus the upvalues captured by name
/// when it was created. A closure is immutable; <c>set_upvalue</c> builds a new closure and
/// replaces the old one, by reference identity, in every live register.
/// </summary>
public sealed class Closure
{
    /// <summary>Creates a closure over <paramref name="functionName"/> with the given captures.</summary>
    public Closure(string functionName, IReadOnlyList<Upvalue> upvalues)
    {
        FunctionName = functionName ?? throw new ArgumentNullException(nameof(functionName));
        Upvalues = upvalues ?? throw new ArgumentNullException(nameof(upvalues));
    }

    /// <summary>The closed-over function's name.</summary>
    public string FunctionName { get; }

    /// <summary>The captured (name, value) pairs, in capture order.</summary>
    public IReadOnlyList<Upvalue> Upvalues { get; }
}

/// <summary>One captured upvalue: its name and value.</summary>
/// <param name="Name">The variable name it was captured under.</param>
/// <param name="Value">The captured value.</param>
public readonly record struct Upvalue(string Name, Value Value);
