using Stoffel.Vm.Hooks;
using Stoffel.Vm.Runtime;

namespace Stoffel.Hooks;

/// <summary>
/// The one pattern every ready-made hook follows: a static <c>Attach(vm, …)</c> registers it with
/// <see cref="HookManager.Register(HookEventMask, HookCallback, HookPredicate?, int, IReadOnlyCollection{InstructionSite}?)"/>
/// and returns the instance; <see cref="Dispose"/> unregisters it. Results stay readable after
/// detaching. Callbacks run on the VM thread; read results when no run is in progress.
/// </summary>
public abstract class HookAttachment : IDisposable
{
    private readonly List<HookId> _ids = [];

    /// <summary>Binds the hook to <paramref name="vm"/> without registering anything yet.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="vm"/> is null.</exception>
    protected HookAttachment(VirtualMachine vm)
    {
        ArgumentNullException.ThrowIfNull(vm);
        Vm = vm;
    }

    /// <summary>The VM the hook is attached to.</summary>
    public VirtualMachine Vm { get; }

    /// <summary>True until <see cref="Dispose"/> runs.</summary>
    public bool IsAttached => _ids.Count > 0;

    /// <summary>Unregisters the hook's callbacks; idempotent. Takes effect at the VM's next call, return or service point when a run is in progress on another thread.</summary>
    public void Dispose()
    {
        foreach (var id in _ids)
        {
            Vm.Hooks.Unregister(id);
        }
        _ids.Clear();
        Detached();
        GC.SuppressFinalize(this);
    }

    /// <summary>Runs at every <see cref="Dispose"/>, after the callbacks are unregistered: stop anything else the hook started.</summary>
    protected virtual void Detached()
    {
    }

    /// <summary>Registers one callback for <paramref name="events"/>; <see cref="Dispose"/> removes it.</summary>
    /// <param name="events">The only event kinds the VM will build for this callback.</param>
    /// <param name="callback">The body.</param>
    /// <param name="predicate">Optional filter.</param>
    /// <returns>The registration's id (to enable or disable it).</returns>
    protected HookId Subscribe(HookEventMask events, HookCallback callback, HookPredicate? predicate = null) =>
        Keep(Vm.Hooks.Register(events, callback, predicate));

    /// <summary>
    /// Registers a <see cref="HookEventKind.BeforeInstructionExecute"/> hook written as a struct
    /// (<see cref="HookManager.RegisterInstructionHook{THook}"/>: the VM calls it directly while it
    /// is the only per-instruction work); <see cref="Dispose"/> removes it.
    /// </summary>
    /// <typeparam name="THook">The hook's type.</typeparam>
    /// <param name="hook">The hook; the VM keeps a copy.</param>
    /// <returns>The registration's id (to enable or disable it).</returns>
    protected HookId SubscribeInstructionHook<THook>(THook hook) where THook : struct, IInstructionHook =>
        Keep(Vm.Hooks.RegisterInstructionHook(hook));

    /// <summary>Registers a call observer (<see cref="HookManager.RegisterCallObserver"/>); <see cref="Dispose"/> removes it.</summary>
    /// <param name="observer">The observer.</param>
    /// <returns>The registration's id (to enable or disable it).</returns>
    protected HookId Observe(ICallObserver observer) => Keep(Vm.Hooks.RegisterCallObserver(observer));

    private HookId Keep(HookId id)
    {
        _ids.Add(id);
        return id;
    }
}
