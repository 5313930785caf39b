namespace Stoffel.Vm.Runtime;

/// <summary>
/// Selects a compiled copy of the dispatch loop: the JIT specialises <c>Run&lt;TMode&gt;</c> per
/// struct type and folds <see cref="Hooked"/> away, so the hook-free copy carries no hook code
/// at all (STYLE.md "Do" 1).
/// </summary>
internal interface IExecutionMode
{
    static abstract bool Hooked { get; }
}

/// <summary>No hook is enabled.</summary>
internal struct PlainMode : IExecutionMode
{
    public static bool Hooked => false;
}

/// <summary>At least one hook is enabled.</summary>
internal struct HookedMode : IExecutionMode
{
    public static bool Hooked => true;
}
