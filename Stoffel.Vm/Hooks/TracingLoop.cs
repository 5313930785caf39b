using Stoffel.Vm.Runtime;

namespace Stoffel.Vm.Hooks;

/// <summary>
/// A registration's way into the tracing loop (the dispatch loop's <c>TracedMode</c> copy), which
/// the VM runs while the registration is its sole instruction hook (<see cref="HookTable.SoleTracer"/>):
/// a virtual call per entry into the loop picks the copy compiled for the hook's type.
/// </summary>
internal abstract class TracingLoop
{
    /// <summary>Runs <paramref name="state"/>'s tracing loop with this hook until it stops (a service point, a return to the host, a change of loop).</summary>
    internal abstract VMState.RunStatus Run(VMState state);
}

/// <summary>
/// The tracing loop for the instruction hook type <typeparamref name="THook"/>: the VM's copy of the
/// hook, and the entry into <c>VMState.Run&lt;TracedMode, THook&gt;</c>, whose calls of
/// <see cref="IInstructionHook.BeforeInstructionExecute"/> on <see cref="Hook"/> are direct (a
/// struct's method through a constrained call), so the compiler can inline them.
/// </summary>
/// <typeparam name="THook">The hook's type.</typeparam>
internal sealed class TracingLoop<THook>(THook hook) : TracingLoop where THook : struct, IInstructionHook
{
    /// <summary>The VM's copy of the hook: the tracing loop and <see cref="Deliver"/> call it in place, so its state persists.</summary>
    internal THook Hook = hook;

    internal override VMState.RunStatus Run(VMState state) => state.RunTracingLoop<THook>();

    /// <summary>The hook as a <see cref="HookCallback"/>, for every other delivery (the hooked loop, with other hooks).</summary>
    internal void Deliver(in HookEvent hookEvent, HookContext context) => Hook.BeforeInstructionExecute(in hookEvent, context);
}
