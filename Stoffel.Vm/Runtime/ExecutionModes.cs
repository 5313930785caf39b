namespace Stoffel.Vm.Runtime;

/// <summary>
/// Selects one of the five compiled copies of the dispatch loop: the JIT specialises
/// <c>Run&lt;TMode&gt;</c> per struct type and folds its tests of the type away
/// (<c>typeof(TMode) == typeof(TracedMode)</c>), so the plain copy carries no hook or counting code at all (an
/// unused hook costs nothing per instruction), the counting copy only its counter increments and
/// the tracing copy only its one hook call; the recording copy is the plain one with the counts
/// of the builtins it runs inline for call observers that take them so. The plain, recording,
/// counting and tracing copies run a
/// function's <c>PlainCode</c>, with superinstructions and register offsets (the tracing copy
/// runs each superinstruction as the first instruction it stands for); the hooked copy runs its
/// <c>Code</c>, every instruction as written (<c>CodeStart</c>), because its hooks read the
/// instruction it runs: its register operands are indices, the plain code's byte offsets. The
/// copies that run the plain code but the tracing one charge the service countdown per block
/// (<see cref="BlockCosts"/>), the hooked and tracing copies per instruction.
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
/// <para>A mode is a marker type and nothing else: the loop tests <c>typeof(TMode)</c>, which the
/// JIT folds as it imports the code, never a member of the mode. Each member read (a static
/// abstract property, as <c>TMode.Traced</c> was) is an inline, and the JIT stops inlining in a
/// method once it holds 512 locals, its inlinees' included (<c>MAX_LV_NUM_COUNT_FOR_INLINING</c>):
/// the plain copy sat at that limit, so a case added anywhere left the calls at the loop's end out
/// of line (the block charge, the code's start, the mode reads themselves, with the dead code they
/// guard) and every program's path grew by 5–10%. With type tests the plain copy inlines all it is
/// meant to: fib 257.7 → 255.6 machine instructions per call, closure 410.8 → 408.6, loop
/// 153.3 → 151.5, object 198.6 → 195.8 per iteration (bench/pathlength.sh; docs/vm-internals.md,
/// "The inlining limit").</para>
/// </remarks>
internal interface IExecutionMode;

/// <summary>No hook needs per-instruction work in the running function, and instruction counting is off.</summary>
internal struct PlainMode : IExecutionMode;

/// <summary>
/// <see cref="PlainMode"/> under call observers that take batches and the builtins the loop runs
/// inline as counts, and nothing else that would see such a call
/// (<see cref="Hooks.HookTable.CountsInlineBuiltins"/>): a profiler's. Its bound builtin calls
/// (<see cref="BoundBuiltinCall"/>) run their common case as the plain copy's do and count the
/// call, where the plain copy would send it through the builtin's path; a copy of its own, so that
/// the plain one carries no test for it.
/// </summary>
internal struct RecordingMode : IExecutionMode;

/// <summary>Some hook needs per-instruction work in the running function (it also counts instructions when counting is on). The only copy that runs the program's own code.</summary>
internal struct HookedMode : IExecutionMode;

/// <summary>Instruction counting is on and no hook needs per-instruction work in the running function: the plain loop plus a counter increment.</summary>
internal struct CountingMode : IExecutionMode;

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
internal struct TracedMode : IExecutionMode;
