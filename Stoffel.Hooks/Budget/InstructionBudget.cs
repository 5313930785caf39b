using Stoffel.Vm.Hooks;
using Stoffel.Vm.Runtime;

namespace Stoffel.Hooks.Budget;

/// <summary>
/// Stops a run after a number of instructions, counted on BeforeInstructionExecute across
/// every run while attached. When the budget is spent, the next instruction's hook throws
/// <see cref="InstructionBudgetExceededException"/>, which the VM reports as a
/// <see cref="VmException"/> of kind <see cref="VmErrorKind.HookError"/> with it as inner
/// exception. (For a plain limit without a hook, <see cref="ExecutionLimits.MaxInstructions"/>
/// is cheaper; this is a hook you can extend, e.g. to charge some opcodes more.)
/// </summary>
public sealed class InstructionBudget : HookAttachment
{
    private InstructionBudget(VirtualMachine vm, long limit) : base(vm) => Limit = limit;

    /// <summary>Instructions allowed.</summary>
    public long Limit { get; }

    /// <summary>Instructions counted so far.</summary>
    public long Executed { get; private set; }

    /// <summary>Instructions left before the budget stops the run.</summary>
    public long Remaining => Limit - Executed;

    /// <summary>Limits <paramref name="vm"/> to <paramref name="limit"/> instructions.</summary>
    /// <param name="vm">The VM.</param>
    /// <param name="limit">Instructions allowed; the next one fails.</param>
    /// <returns>The budget; dispose it to lift the limit.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="vm"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="limit"/> is negative.</exception>
    public static InstructionBudget Attach(VirtualMachine vm, long limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        var budget = new InstructionBudget(vm, limit);
        budget.SubscribeInstructionHook(new Counter(budget));
        return budget;
    }

    private void Count()
    {
        if (Executed == Limit)
        {
            throw new InstructionBudgetExceededException(Limit);
        }
        Executed++;
    }

    // The hook as a struct: alone on the VM's instructions, it runs in a tracing loop compiled for
    // it, which calls it without a delegate (HookManager.RegisterInstructionHook).
    private readonly struct Counter(InstructionBudget budget) : IInstructionHook
    {
        public void BeforeInstructionExecute(in HookEvent hookEvent, HookContext context) => budget.Count();
    }
}

/// <summary>An <see cref="InstructionBudget"/> was spent; the inner exception of the run's <see cref="VmException"/>.</summary>
/// <param name="limit">The budget.</param>
public sealed class InstructionBudgetExceededException(long limit) : Exception($"instruction budget of {limit} spent")
{
    /// <summary>The budget.</summary>
    public long Limit { get; } = limit;
}
