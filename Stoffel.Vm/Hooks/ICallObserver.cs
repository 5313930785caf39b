namespace Stoffel.Vm.Hooks;

/// <summary>
/// Follows every call and return that <see cref="HookEventKind.BeforeFunctionCall"/> and
/// <see cref="HookEventKind.AfterFunctionCall"/> hooks see, for a fraction of their cost: the VM
/// builds no <see cref="HookEvent"/> and hands over no context, only the callee's name, its depth
/// and the instruction count — what a profiler needs (docs/hooks.md, "Call observers"). Register
/// one with <see cref="HookManager.RegisterCallObserver"/>. The rules of hooks apply: the methods
/// run on the VM thread with the state lock held, after the hooks of the same call or return;
/// throwing aborts the run with a <see cref="Runtime.VmErrorKind.HookError"/>; nothing is observed
/// while a hook or an observer runs.
/// </summary>
public interface ICallObserver
{
    /// <summary>A call starts: a program function (its frame does not exist yet), a foreign function, a closure <c>call_closure</c> pushes, or the entry call.</summary>
    /// <param name="callee">The function called.</param>
    /// <param name="calleeDepth">The depth of the callee's frame (1 = the entry function): the BeforeFunctionCall's <see cref="HookEvent.CallDepth"/> + 1.</param>
    /// <param name="instructionsExecuted">The VM's instruction count, exact (<see cref="Runtime.VmInspector.InstructionsExecuted"/>).</param>
    void OnCall(string callee, int calleeDepth, long instructionsExecuted);

    /// <summary>A call returned: a program function (its frame still exists) or a foreign function. Calls and returns pair up as hooks' do (docs/hooks.md).</summary>
    /// <param name="callee">The function that returned.</param>
    /// <param name="calleeDepth">The depth of its frame (1 = the entry function): the AfterFunctionCall's <see cref="HookEvent.CallDepth"/> + 1.</param>
    /// <param name="instructionsExecuted">The VM's instruction count, exact.</param>
    void OnReturn(string callee, int calleeDepth, long instructionsExecuted);
}
