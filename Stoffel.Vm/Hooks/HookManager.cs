using Stoffel.Vm.Programs;

namespace Stoffel.Vm.Hooks;

/// <summary>
/// The hooks registered on one VM (docs/hooks.md "Writing a hook"). Registration, enabling and
/// removal are safe from any thread; the running VM sees a change at the next call, return or
/// service point (at most 1,024 instructions later). Callbacks run in descending priority, ties in
/// registration order.
/// </summary>
public sealed class HookManager
{
    private readonly object _gate = new();
    private readonly List<HookRegistration> _registrations = [];
    private int _nextId = 1;
    private volatile HookTable _table = HookTable.Empty;

    /// <summary>Raised (on the registering thread) after any change; the VM uses it to leave its hook-free loop.</summary>
    internal event Action? Changed;

    /// <summary>Union of the event kinds enabled hooks subscribe to.</summary>
    public HookEventMask ActiveMask => _table.Mask;

    /// <summary>Number of registered hooks, enabled or not.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _registrations.Count;
            }
        }
    }

    internal HookTable Table => _table;

    /// <summary>
    /// Registers a hook for every event kind, upstream's shape: the predicate selects events, the
    /// callback handles them.
    /// </summary>
    /// <returns>The hook's id for <see cref="Enable"/>, <see cref="Disable"/> and <see cref="Unregister"/>.</returns>
    public HookId Register(HookPredicate predicate, HookCallback callback, int priority = 0) =>
        Register(HookEventMask.All, callback, predicate, priority);

    /// <summary>Registers a hook.</summary>
    /// <param name="events">Event kinds to receive; the VM builds no event of other kinds for this hook.</param>
    /// <param name="callback">The body.</param>
    /// <param name="predicate">Optional filter run before the callback.</param>
    /// <param name="priority">Higher runs first.</param>
    /// <param name="sites">
    /// For <see cref="HookEventKind.BeforeInstructionExecute"/>: only these instructions fire it
    /// (how a debugger keeps breakpoints cheap); null means every instruction.
    /// </param>
    /// <returns>The hook's id.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="callback"/> is null.</exception>
    public HookId Register(HookEventMask events, HookCallback callback, HookPredicate? predicate = null, int priority = 0, IReadOnlyCollection<InstructionSite>? sites = null)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return Add(id => new HookRegistration(id, events & HookEventMask.All, callback, predicate, priority, sites?.ToHashSet()));
    }

    /// <summary>
    /// Registers a <see cref="HookEventKind.BeforeInstructionExecute"/> hook written as a struct
    /// type: the same events and rules as <see cref="Register(HookEventMask, HookCallback, HookPredicate?, int, IReadOnlyCollection{InstructionSite}?)"/>
    /// with that kind, but while it is the only per-instruction work the VM runs a copy of its
    /// dispatch loop compiled for <typeparamref name="THook"/>, in which the hook's method is a direct
    /// call the compiler can inline (<see cref="IInstructionHook"/>). In a Native AOT host, where a
    /// delegate's call cannot be inlined, a no-op hook costs fib(35) 1.5x plain this way against
    /// 2.0x as a delegate (bench/README.md).
    /// </summary>
    /// <typeparam name="THook">The hook's type. Each type gets its own copy of the tracing loop (about 7 KB of machine code in a Native AOT build).</typeparam>
    /// <param name="hook">The hook; the VM keeps a copy and calls it in place (<see cref="IInstructionHook"/>, remarks).</param>
    /// <param name="predicate">Optional filter run before the hook (the hook then runs through the general delivery, not the compiled copy).</param>
    /// <param name="priority">Higher runs first.</param>
    /// <param name="sites">Only these instructions fire it; null means every instruction (as with a delegate).</param>
    /// <returns>The hook's id for <see cref="Enable"/>, <see cref="Disable"/> and <see cref="Unregister"/>.</returns>
    public HookId RegisterInstructionHook<THook>(THook hook, HookPredicate? predicate = null, int priority = 0, IReadOnlyCollection<InstructionSite>? sites = null)
        where THook : struct, IInstructionHook
    {
        var loop = new TracingLoop<THook>(hook);
        return Add(id => new HookRegistration(id, HookEventMask.BeforeInstructionExecute, loop.Deliver, predicate, priority, sites?.ToHashSet(), loop));
    }

    private HookId Add(Func<HookId, HookRegistration> registration)
    {
        lock (_gate)
        {
            var id = new HookId(_nextId++);
            _registrations.Add(registration(id));
            Rebuild();
            return id;
        }
    }

    /// <summary>
    /// Turns on instruction counting: while this registration is enabled, the VM counts every
    /// instruction it executes and every program-function call into per-function counters (no
    /// event is built; read them with <see cref="Runtime.VmInspector.GetInstructionCounts"/>). Functions
    /// no hook needs per-instruction work in run in a counting copy of the loop (the plain loop plus
    /// a counter increment), at a fraction of the cost of a
    /// <see cref="HookEventKind.BeforeInstructionExecute"/> hook (docs/hooks.md, "Cost model").
    /// The counters are cumulative over the VM's life; several registrations share them.
    /// </summary>
    /// <returns>The registration's id for <see cref="Enable"/>, <see cref="Disable"/> and <see cref="Unregister"/>.</returns>
    public HookId RegisterInstructionCounting() =>
        Add(id => new HookRegistration(id, HookEventMask.None, static (in HookEvent _, HookContext _) => { }, null, 0, null) { CountsInstructions = true });

    /// <summary>
    /// Registers a call observer: the cheapest way to follow calls and returns (a profiler's trace
    /// mode). It counts as a subscriber to <see cref="HookEventKind.BeforeFunctionCall"/> and
    /// <see cref="HookEventKind.AfterFunctionCall"/> in <see cref="ActiveMask"/> and for the cost
    /// model (calls leave the loop's inline path, builtins run as calls), but no event is built for
    /// it. Observers run after the hooks of the same call or return, in registration order.
    /// </summary>
    /// <param name="observer">The observer.</param>
    /// <returns>The registration's id for <see cref="Enable"/>, <see cref="Disable"/> and <see cref="Unregister"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="observer"/> is null.</exception>
    public HookId RegisterCallObserver(ICallObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        return Add(id => new HookRegistration(id, HookEventMask.BeforeFunctionCall | HookEventMask.AfterFunctionCall, static (in HookEvent _, HookContext _) => { }, null, 0, null) { Observer = observer });
    }

    /// <summary>Enables a hook. Returns false when the id is unknown.</summary>
    public bool Enable(HookId id) => SetEnabled(id, true);

    /// <summary>Disables a hook without removing it. Returns false when the id is unknown.</summary>
    public bool Disable(HookId id) => SetEnabled(id, false);

    /// <summary>Removes a hook. Returns false when the id is unknown.</summary>
    public bool Unregister(HookId id)
    {
        lock (_gate)
        {
            var removed = _registrations.RemoveAll(r => r.Id == id) > 0;
            if (removed)
            {
                Rebuild();
            }
            return removed;
        }
    }

    /// <summary>True when the hook exists and is enabled.</summary>
    public bool IsEnabled(HookId id)
    {
        lock (_gate)
        {
            return _registrations.Any(r => r.Id == id && r.Enabled);
        }
    }

    private bool SetEnabled(HookId id, bool enabled)
    {
        lock (_gate)
        {
            var registration = _registrations.FirstOrDefault(r => r.Id == id);
            if (registration is null)
            {
                return false;
            }
            registration.Enabled = enabled;
            Rebuild();
            return true;
        }
    }

    private void Rebuild()
    {
        _table = HookTable.Build(_registrations);
        Changed?.Invoke();
    }
}

/// <summary>Identifies a registered hook.</summary>
/// <param name="Value">The numeric id (1-based, never reused within a manager).</param>
public readonly record struct HookId(int Value);

/// <summary>An instruction a <see cref="HookEventKind.BeforeInstructionExecute"/> hook is limited to.</summary>
/// <param name="Function">The function.</param>
/// <param name="InstructionIndex">The instruction index in it.</param>
public readonly record struct InstructionSite(CompiledFunction Function, int InstructionIndex);

internal sealed class HookRegistration(HookId id, HookEventMask events, HookCallback callback, HookPredicate? predicate, int priority, HashSet<InstructionSite>? sites, TracingLoop? tracingLoop = null)
{
    public HookId Id { get; } = id;
    public HookEventMask Events { get; } = events;
    public HookCallback Callback { get; } = callback;
    public HookPredicate? Predicate { get; } = predicate;
    public int Priority { get; } = priority;
    public HashSet<InstructionSite>? Sites { get; } = sites;
    public bool Enabled { get; set; } = true;
    /// <summary>An instruction-counting registration (<see cref="HookManager.RegisterInstructionCounting"/>): no events, only counters.</summary>
    public bool CountsInstructions { get; init; }
    /// <summary>A call observer's registration (<see cref="HookManager.RegisterCallObserver"/>): its call events go to the observer, not to <see cref="Callback"/>.</summary>
    public ICallObserver? Observer { get; init; }

    /// <summary>
    /// The tracing loop the VM runs while this registration is its sole instruction hook
    /// (<see cref="HookTable.SoleTracer"/>): the one compiled for its <see cref="IInstructionHook"/>
    /// type (<see cref="HookManager.RegisterInstructionHook{THook}"/>), or for a delegate the one
    /// that calls <see cref="Callback"/> (<see cref="CallbackHook"/>).
    /// </summary>
    public TracingLoop TracingLoop { get; } = tracingLoop ?? CallbackHook.Loop;
}
