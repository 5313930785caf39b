namespace Stoffel.Vm.Runtime;

/// <summary>
/// Selects one of the three compiled copies of the dispatch loop: the JIT specialises
/// <c>Run&lt;TMode&gt;</c> per struct type and folds <see cref="Hooked"/> and <see cref="Counting"/>
/// away, so the plain copy carries no hook or counting code at all (an unused hook costs nothing
/// per instruction) and the counting copy only its counter increments. The plain and counting
/// copies run a function's <c>PlainCode</c>, with superinstructions; the hooked copy runs its
/// <c>Code</c>, every instruction as written (<c>CodeFor</c>).
/// </summary>
/// <remarks>
/// The copy is chosen per function. <c>RunInLoopFor</c> (VMState.Execution.cs) picks it whenever a
/// slice of the run starts: hooked when some hook needs per-instruction work in the function,
/// else counting while instruction counting is on, else plain. At every CALL and RET the running
/// copy checks that the function now running still belongs to it (the plain copy through
/// <c>NeedsInstrumentedLoop</c>); if not, it returns <c>SwitchLoop</c> and <c>RunInLoopFor</c>
/// chooses again. A change of hooks forces a service point, where the choice is made afresh too.
/// </remarks>
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
