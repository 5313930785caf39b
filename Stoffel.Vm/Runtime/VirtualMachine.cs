using Stoffel.Vm.Recording;
using Stoffel.Vm.Hooks;
using Stoffel.Vm.Programs;
using Stoffel.Vm.Values;

namespace Stoffel.Vm.Runtime;

/// <summary>
/// The host API: load programs, register foreign functions and objects, attach hooks, and
/// execute functions. Safe to share between threads: every operation takes the state lock
/// (<see cref="VMState.SyncRoot"/>), so runs on one VM are serialised. A loaded
/// <see cref="StoffelProgram"/> is immutable and may be loaded into many VMs at once.
/// </summary>
/// <example>
/// <code>
/// var vm = new VirtualMachine();
/// StandardLibrary.Register(vm);                      // Stoffel.Stdlib
/// vm.Load(StfaAssembler.AssembleFile("fib.stfa"));
/// var result = vm.Execute("fib", Value.FromI64(25));
/// </code>
/// </example>
public sealed class VirtualMachine
{
    /// <summary>The VM's state: frames, object store, hooks, lock.</summary>
    public VMState State { get; } = new();

    /// <summary>The hook manager (DESIGN.md §7).</summary>
    public HookManager Hooks => State.Hooks;

    /// <summary>The object store.</summary>
    public ObjectStore Objects => State.Objects;

    /// <summary>Where <c>print</c> writes. Defaults to <see cref="Console.Out"/>.</summary>
    public TextWriter Output
    {
        get => State.Output;
        set => State.Output = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>Limits applied to each <see cref="Execute(string, IReadOnlyList{Value}, CancellationToken)"/>.</summary>
    public ExecutionLimits Limits
    {
        get => State.Limits;
        set => State.Limits = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>Adds a program's functions to the VM's namespace (shared with foreign functions).</summary>
    /// <exception cref="ProgramLoadException">A function name is already defined.</exception>
    public void Load(StoffelProgram program)
    {
        ArgumentNullException.ThrowIfNull(program);
        lock (State.SyncRoot)
        {
            State.AddProgram(program);
        }
    }

    /// <summary>Registers a foreign function under <paramref name="name"/> (the raw form: full access to arguments and the VM).</summary>
    /// <exception cref="InvalidOperationException">The name is already defined.</exception>
    public void RegisterFunction(string name, ForeignFunction function)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(function);
        lock (State.SyncRoot)
        {
            State.AddForeign(name, function, replace: false);
        }
    }

    /// <summary>Registers or replaces a foreign function (a program function of that name cannot be replaced).</summary>
    /// <exception cref="InvalidOperationException">A loaded program defines the name.</exception>
    public void ReplaceFunction(string name, ForeignFunction function)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(function);
        lock (State.SyncRoot)
        {
            State.AddForeign(name, function, replace: true);
        }
    }

    /// <summary>
    /// Registers a standard-library builtin: one whose only effects are on the VM's own state, so
    /// an execution recording runs it again on replay rather than logging it like a host function.
    /// With an <paramref name="intrinsic"/>, the dispatch loop may run its common case inline: same
    /// results and, whenever a hook subscribes, the same events, since the loop then calls
    /// <paramref name="function"/> instead.
    /// </summary>
    internal void RegisterBuiltin(string name, ForeignFunction function, Intrinsic intrinsic = Intrinsic.None)
    {
        lock (State.SyncRoot)
        {
            State.AddForeign(name, function, replace: false, intrinsic, replayable: true);
        }
    }

    /// <summary>
    /// Measures what the VM's programs can still reach now (<see cref="HeapUsage"/>): the figure
    /// <see cref="ExecutionLimits.MaxMemoryBytes"/> and <see cref="ExecutionLimits.MaxObjects"/>
    /// bound. Costs a walk of the live heap. From another thread, waits until the VM is between
    /// runs or paused in a hook.
    /// </summary>
    public HeapUsage MeasureHeap()
    {
        lock (State.SyncRoot)
        {
            return State.Heap.Measure();
        }
    }

    /// <summary>
    /// The execution recording attached, or null (the default: nothing is recorded). Attach one
    /// to take checkpoints and log host calls, so a hook can send the run back to a checkpoint
    /// with <see cref="VMState.Rewind"/> (a debugger's step back); see <see cref="ExecutionRecording"/>
    /// for what it costs and keeps. Safe from any thread: a running VM picks a change up at its
    /// next service point (within 1,024 instructions).
    /// </summary>
    public ExecutionRecording? Recording
    {
        get => State.Recording;
        set => State.Recording = value;
    }

    /// <summary>Registers a host object; returns its <c>Foreign(id)</c> value to hand to scripts.</summary>
    public Value RegisterForeignObject(object target)
    {
        lock (State.SyncRoot)
        {
            return State.Objects.RegisterForeign(target);
        }
    }

    /// <summary>
    /// Every CALL in the loaded programs whose callee nothing defines yet, in load and instruction
    /// order (empty when all resolve). <see cref="Execute(string, IReadOnlyList{Value}, CancellationToken)"/>
    /// does not need them resolved: like upstream, a CALL looks its callee up when it runs, so an
    /// unknown name fails only a run that reaches it (<see cref="VmErrorKind.FunctionNotFound"/>),
    /// and a function registered after <see cref="Load"/> is found. MPC programs are not checked
    /// (running them is refused with <see cref="VmErrorKind.MpcRequired"/>).
    /// </summary>
    public IReadOnlyList<UnresolvedCall> FindUnresolvedCalls()
    {
        lock (State.SyncRoot)
        {
            return State.FindUnresolvedCalls();
        }
    }

    /// <summary>
    /// The strict check: fails when any CALL in the loaded programs names a function nothing
    /// defines (<see cref="FindUnresolvedCalls"/>), so a host that wants every callee known before
    /// anything runs finds out now. Optional: <see cref="Execute(string, IReadOnlyList{Value}, CancellationToken)"/>
    /// runs unlinked programs as upstream does.
    /// </summary>
    /// <exception cref="ProgramLoadException">One line per unknown callee, with caller and source line (<see cref="UnresolvedCall.ToString"/>).</exception>
    public void Link()
    {
        var unresolved = FindUnresolvedCalls();
        if (unresolved.Count > 0)
        {
            throw new ProgramLoadException(unresolved.Select(call => call.ToString()).ToArray());
        }
    }

    /// <summary>Runs <paramref name="entry"/> with the given arguments.</summary>
    /// <returns>The function's return value (the entry frame's RET operand, or its r0 when it runs off the end).</returns>
    /// <exception cref="VmException">The run failed; carries message, function, instruction, line and Stoffel stack.</exception>
    public Value Execute(string entry, params ReadOnlySpan<Value> arguments)
    {
        ArgumentException.ThrowIfNullOrEmpty(entry);
        return State.Execute(entry, arguments, CancellationToken.None);
    }

    /// <summary>Runs <paramref name="entry"/> with the given arguments, cancellable.</summary>
    /// <returns>The function's return value.</returns>
    /// <exception cref="VmException">The run failed, was cancelled (<see cref="VmErrorKind.Cancelled"/>) or hit a limit.</exception>
    public Value Execute(string entry, IReadOnlyList<Value> arguments, CancellationToken cancellation)
    {
        ArgumentException.ThrowIfNullOrEmpty(entry);
        ArgumentNullException.ThrowIfNull(arguments);
        return State.Execute(entry, arguments as Value[] ?? arguments.ToArray(), cancellation);
    }
}
