namespace Stoffel.Vm.Runtime;

/// <summary>
/// The limits of the run in progress, where a long builtin can check them between instructions
/// (<see cref="VMState.ChargeWork"/>): the run's limits, the instruction budget left when the current slice began,
/// the work builtins charged in this slice, the cancellation token and the timeout.
/// </summary>
internal struct RunControl
{
    /// <summary>Units of builtin work between checks of the budget, cancellation and timeout.</summary>
    public const long WorkCheckInterval = 4096;

    public bool Active;
    public ExecutionLimits Limits;
    public long BudgetAtSliceStart;
    public long WorkInSlice; // also the instructions of the slice a nested run interrupted, counted as completed at its start (VMState.RunToReturn)
    public long NextWorkCheck;
    public CancellationToken Cancellation;
    public CancellationTokenSource? TimeoutSource;

    /// <summary>
    /// The call depth the run returns at: a RET that leaves fewer activation records ends it
    /// (<see cref="VMState"/>'s PopFrame). Here rather than a parameter of the dispatch loop, which
    /// reads it only at a RET and would keep it in a register.
    /// </summary>
    public int StopDepth;

    /// <summary>
    /// The managed id of the thread running the run (<see cref="HookDelivery.CurrentThreadId"/>,
    /// read once per run): call observers record it as the hook's thread on every call and return.
    /// 0 outside a run.
    /// </summary>
    public int Thread;

    /// <summary>
    /// The current slice runs in a copy of the loop that counts every instruction (the hooked one,
    /// without hooks if there are none), never in the plain or counting ones, which charge per
    /// block (<see cref="BlockCosts"/>): a slice after one that could not enter its first block,
    /// because the block was longer than what was left of the instruction budget (so the run
    /// stops at its exact instruction) or than a whole slice.
    /// </summary>
    public bool Precise;
}
