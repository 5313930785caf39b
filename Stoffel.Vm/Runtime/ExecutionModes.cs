namespace Stoffel.Vm.Runtime;

/// <summary>
/// Selects one of the five compiled copies of the dispatch loop: the JIT specialises
/// <c>Run&lt;TMode&gt;</c> per struct type and folds <see cref="Hooked"/>, <see cref="Counting"/>
/// and <see cref="Traced"/> away, so the plain copy carries no hook or counting code at all (an
/// unused hook costs nothing per instruction), the counting copy only its counter increments and
/// the tracing copy only its one hook call; the recording copy is the plain one with the counts
/// of the builtins it runs inline for call observers that take them so. The plain, recording,
/// counting and tracing copies run a
/// function's <c>PlainCode</c>, with superinstructions and register offsets (the tracing copy
/// runs each superinstruction as the first instruction it stands for); the hooked copy runs its
/// <c>Code</c>, every instruction as written (<c>CodeStart</c>, <see cref="RunsProgramCode"/>).
/// </summary>
/// <remarks>
/// The copy is chosen per function. <c>RunInLoopFor</c> (VMState.Execution.cs) picks it whenever a
/// slice of the run starts: tracing while a sole hook on every instruction is all the
/// per-instruction work, else hooked when some hook needs per-instruction work in the function,
/// else counting while instruction counting is on, else recording while the call observers count
/// the builtins run inline, else plain. At every CALL and RET the running
/// copy checks that the function now running still belongs to it (the plain copy through
/// <c>NeedsInstrumentedLoop</c>); if not, it returns <c>SwitchLoop</c> and <c>RunInLoopFor</c>
/// chooses again. A change of hooks forces a service point, where the choice is made afresh too.
/// </remarks>
internal interface IExecutionMode
{
    static abstract bool Hooked { get; }

    static abstract bool Counting { get; }

    /// <summary>The tracing copy: a sole hook on every instruction's BeforeInstructionExecute, and no other per-instruction work (<see cref="Hooks.HookTable.SoleTracer"/>).</summary>
    static abstract bool Traced { get; }

    /// <summary>The copies that run the plain code (the plain and counting ones): they charge the service countdown per block (<see cref="BlockCosts"/>), the others per instruction.</summary>
    static abstract bool ChargesBlocks { get; }

    /// <summary>
    /// The hooked copy: it runs the program's own code (<c>RuntimeFunction.Code</c>), whose
    /// register operands are indices, because its hooks read the instruction it runs; the others
    /// run <c>PlainCode</c>, whose register operands are byte offsets.
    /// </summary>
    static abstract bool RunsProgramCode { get; }
}

/// <summary>No hook needs per-instruction work in the running function, and instruction counting is off.</summary>
internal struct PlainMode : IExecutionMode
{
    public static bool Hooked => false;

    public static bool Counting => false;

    public static bool Traced => false;

    public static bool ChargesBlocks => true;

    public static bool RunsProgramCode => false;
}

/// <summary>
/// <see cref="PlainMode"/> under call observers that take batches and the builtins the loop runs
/// inline as counts, and nothing else that would see such a call
/// (<see cref="Hooks.HookTable.CountsInlineBuiltins"/>): a profiler's. Its bound builtin calls
/// (<see cref="BoundBuiltinCall"/>) run their common case as the plain copy's do and count the
/// call, where the plain copy would send it through the builtin's path; a copy of its own, so that
/// the plain one carries no test for it.
/// </summary>
internal struct RecordingMode : IExecutionMode
{
    public static bool Hooked => false;

    public static bool Counting => false;

    public static bool Traced => false;

    public static bool ChargesBlocks => true;

    public static bool RunsProgramCode => false;
}

/// <summary>Some hook needs per-instruction work in the running function (it also counts instructions when counting is on).</summary>
internal struct HookedMode : IExecutionMode
{
    public static bool Hooked => true;

    public static bool Counting => false;

    public static bool Traced => false;

    public static bool ChargesBlocks => false;

    public static bool RunsProgramCode => true;
}

/// <summary>Instruction counting is on and no hook needs per-instruction work in the running function: the plain loop plus a counter increment.</summary>
internal struct CountingMode : IExecutionMode
{
    public static bool Hooked => false;

    public static bool Counting => true;

    public static bool Traced => false;

    public static bool ChargesBlocks => true;

    public static bool RunsProgramCode => false;
}

/// <summary>
/// The running function's only per-instruction work is one hook on every instruction's
/// BeforeInstructionExecute (a tracer, a no-op hook): <see cref="Hooks.HookTable.SoleTracer"/>.
/// </summary>
/// <remarks>
/// The hooked copy would do the same work, but it carries what other hooks need on every
/// instruction (the site test, after-instruction events, register reads and writes, stack
/// pushes), and with a call on every instruction's path those locals crowd the registers its
/// handlers use. This copy calls the hook and nothing else.
/// </remarks>
internal struct TracedMode : IExecutionMode
{
    public static bool Hooked => false;

    public static bool Counting => false;

    public static bool Traced => true;

    public static bool ChargesBlocks => false;

    public static bool RunsProgramCode => false;
}
