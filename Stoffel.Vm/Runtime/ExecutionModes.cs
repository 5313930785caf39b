namespace Stoffel.Vm.Runtime;

/// <summary>
/// Selects one of the three compiled copies of the dispatch loop: the JIT specialises
/// <c>Run&lt;TMode&gt;</c> per struct type and folds <see cref="Hooked"/> and <see cref="Counting"/>
/// away, so the plain copy carries no hook or counting code at all and the counting copy only its
/// counter increments (STYLE.md "Do" 1). The copy is chosen per function, at every CALL and RET
/// (<c>RunInLoopFor</c>, <c>NeedsInstrumentedLoop</c>).
/// </summary>
internal interface IExecutionMode
{
    static abstract bool Hooked { get; }

    static abstract bool Counting { get; }
}

/// <summary>No hook needs per-instruction work in the running function, and instruction counting is off.</summary>
internal struct PlainMode : IExecutionMode
{
    public static bool Hooked => false;

    public static bool Counting => false;
}

/// <summary>Some hook needs per-instruction work in the running function (it also counts instructions when counting is on).</summary>
internal struct HookedMode : IExecutionMode
{
    public static bool Hooked => true;

    public static bool Counting => false;
}

/// <summary>Instruction counting is on and no hook needs per-instruction work in the running function: the plain loop plus a counter increment.</summary>
internal struct CountingMode : IExecutionMode
{
    public static bool Hooked => false;

    public static bool Counting => true;
}
