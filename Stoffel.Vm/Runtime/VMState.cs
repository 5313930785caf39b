using System.Runtime.CompilerServices;
using Stoffel.Vm.Hooks;
using Stoffel.Vm.Values;

namespace Stoffel.Vm.Runtime;

/// <summary>
/// Everything one VM holds — its function registry (<see cref="FunctionRegistry"/>), call stack
/// (<see cref="CallStack"/>), the object store, foreign objects and the hook manager —
/// behind one lock, <see cref="SyncRoot"/>. The VM thread holds the lock while it runs; a hook
/// that pauses (a debugger) releases it with <c>Monitor.Wait(SyncRoot)</c>, so another thread
/// that takes the lock reads a consistent snapshot. Internal: hosts reach it through <see cref="VirtualMachine"/>, and hooks,
/// foreign functions and debuggers read it through <see cref="VmInspector"/>; every change from
/// outside the dispatch loop goes through a routine that fires its hook event (one door).
/// </summary>
internal sealed partial class VMState
{
    private ExecutionLimits _limits = ExecutionLimits.Default;

    internal VMState()
    {
        Heap = new HeapBudget(MeasureHeap, () => Limits);
        Objects = new ObjectStore(Heap);
        Calls = new CallStack(Heap, () => Limits);
        Calls.LimitDepth(_limits.MaxCallDepth);
        Tables = new TableAccess(this);
        Functions = new FunctionRegistry(this);
        Hooks = new HookManager();
        Hooks.Changed += () =>
        {
            HooksChanged = true;
            ReloadAfterHook = true;
        };
        Inspector = new VmInspector(this);
        HookContext = new HookContext(Inspector);
        Delivery = new HookDelivery(this);
    }

    /// <summary>The lock guarding this state. Held by the VM thread while it runs.</summary>
    public object SyncRoot { get; } = new();

    /// <summary>The hooks.</summary>
    public HookManager Hooks { get; }

    /// <summary>The activation records, registers and argument stacks (a struct: use it in place, never copy it).</summary>
    internal CallStack Calls;

    /// <summary>Builds and delivers the hook events.</summary>
    internal HookDelivery Delivery { get; }

    /// <summary>The tracing loop's sole instruction hook when it is a delegate (<see cref="CallbackHook"/>), as the loop started (<see cref="HookDelivery.UseTracer"/>).</summary>
    internal HookCallback? Tracer;

    /// <summary>The context the tracing loop's sole instruction hook is given (<see cref="HookDelivery.UseTracer"/>).</summary>
    internal HookContext? TracerContext;

    /// <summary>The callable names and loaded programs, and the linking of their calls.</summary>
    public FunctionRegistry Functions { get; }

    /// <summary>Tables and foreign objects.</summary>
    public ObjectStore Objects { get; }

    /// <summary>Table reads and writes for builtins and hosts, with their events.</summary>
    public TableAccess Tables { get; }

    /// <summary>Where <c>print</c> writes; replaceable by the host. Defaults to <see cref="Console.Out"/>.</summary>
    public TextWriter Output { get; set; } = Console.Out;

    /// <summary>Limits applied to each run.</summary>
    public ExecutionLimits Limits
    {
        get => _limits;
        set
        {
            _limits = value;
            Calls.LimitDepth(value.MaxCallDepth); // read on every call
            Heap.LimitsChanged();
        }
    }

    /// <inheritdoc cref="VmInspector.InstructionsExecuted"/>
    public long InstructionsExecuted
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)] // call observers read it twice per call (not inlined without: its caller handles exceptions)
        get => _completedInstructions + _sliceSize - _countdown;
    }

    /// <summary>The read-only view handed to hooks, foreign functions, debuggers and hosts.</summary>
    internal VmInspector Inspector { get; }

    internal HookContext HookContext { get; }

    /// <summary>Charges growth against the memory limits (<see cref="ExecutionLimits.MaxMemoryBytes"/>, <see cref="ExecutionLimits.MaxObjects"/>).</summary>
    internal HeapBudget Heap { get; }

    internal volatile bool HooksChanged;

    /// <summary>
    /// Set whenever something a hook can do leaves stale what the hooked and tracing loops hold
    /// from one instruction to the next: the hooks changed (<see cref="HooksChanged"/> is set
    /// too), or the frame array or value stack was replaced (grown by <see cref="PushFrame"/>,
    /// restored from a checkpoint), leaving refs into them stale. Those loops test this one flag
    /// after the hooks before an instruction, instead of re-reading their frame and registers
    /// after each one. The loop that re-reads clears it, unless a hook is running: then it is a
    /// loop nested in that hook, and the loop the hook interrupted still has to re-read.
    /// </summary>
    internal bool ReloadAfterHook;

    /// <summary>What a CALL of <paramref name="name"/> reaches now (<see cref="FunctionRegistry.Find"/>).</summary>
    internal CallTarget? FindTarget(string name) => Functions.Find(name);
}
