namespace Stoffel.Vm.Hooks;

/// <summary>
/// A hook body. Runs on the VM thread with the VM's state lock held. Throwing aborts the run
/// with a <see cref="Runtime.VmException"/> of kind <see cref="Runtime.VmErrorKind.HookError"/>
/// whose inner exception is the one thrown.
/// </summary>
/// <param name="hookEvent">The event.</param>
/// <param name="context">Lazy access to the VM state at the event.</param>
public delegate void HookCallback(in HookEvent hookEvent, HookContext context);

/// <summary>Decides whether a hook's callback runs for an event; must not have side effects.</summary>
/// <param name="hookEvent">The event.</param>
/// <returns>True to run the callback.</returns>
public delegate bool HookPredicate(in HookEvent hookEvent);
