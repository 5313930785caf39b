namespace Stoffel.Vm.Hooks;

/// <summary>
/// A <see cref="HookEventKind.BeforeInstructionExecute"/> hook written as a struct type, for
/// <see cref="HookManager.RegisterInstructionHook{THook}"/>. It receives the same events, with the
/// same rules, as a <see cref="HookCallback"/> registered for that kind; what differs is its cost.
/// While it is the only per-instruction work (no other instruction hook, no predicate or sites, no
/// instruction counting, no <see cref="HookEventKind.AfterInstructionExecute"/> or
/// <see cref="HookEventKind.StackPush"/> hook), the VM runs a copy of its tracing loop compiled for
/// the type, where the call of <see cref="BeforeInstructionExecute"/> is a direct call the compiler
/// can inline. A delegate's call is an indirect call and return per instruction: under the JIT,
/// dynamic PGO inlines it; in a Native AOT host nothing can, and a no-op delegate hook doubles the
/// time of a call-heavy program (bench/README.md, "Hooks from a host, whole process").
/// </summary>
/// <remarks>
/// The VM keeps its own copy of the struct, passed at registration, and calls the method on that
/// copy, so fields the method changes persist from event to event; state the host reads after the
/// run belongs in an object the struct references. The method runs on the VM thread with the VM's
/// state lock held, as a <see cref="HookCallback"/> does, and throwing from it aborts the run in the
/// same way (a <see cref="Runtime.VmErrorKind.HookError"/> whose inner exception is the one thrown).
/// </remarks>
public interface IInstructionHook
{
    /// <summary>The hook body: runs before each instruction (or superinstruction part) executes.</summary>
    /// <param name="hookEvent">The event, of kind <see cref="HookEventKind.BeforeInstructionExecute"/>; valid only during the call (copy it to keep it).</param>
    /// <param name="context">Lazy access to the VM state at the event.</param>
    void BeforeInstructionExecute(in HookEvent hookEvent, HookContext context);
}
