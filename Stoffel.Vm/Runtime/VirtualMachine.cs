using Stoffel.Vm.Recording;
using Stoffel.Vm.Hooks;
using Stoffel.Vm.Programs;
using Stoffel.Vm.Values;

namespace Stoffel.Vm.Runtime;

/// <summary>
/// The host API: load programs, register foreign functions and objects, attach hooks, execute
/// functions, read the VM through <see cref="Inspector"/> and change it through
/// <see cref="SetRegister"/> and <see cref="WriteTable"/>, which fire the matching hook events.
/// Safe to share between threads: every operation takes the state lock
/// (<see cref="VmInspector.SyncRoot"/>), so runs on one VM are serialised. A loaded
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
    internal VMState State { get; } = new();

    /// <summary>
    /// The read-only view of the VM (frames, registers, locals, upvalues, instruction count, loaded
    /// programs, foreign objects) and its lock, <see cref="VmInspector.SyncRoot"/>; the same view
    /// hooks and foreign functions get.
    /// </summary>
    public VmInspector Inspector => State.Inspector;

    /// <summary>The hook manager (docs/hooks.md).</summary>
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
            State.Functions.AddProgram(program);
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
            State.Functions.AddForeign(name, function, replace: false);
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
            State.Functions.AddForeign(name, function, replace: true);
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
            State.Functions.AddForeign(name, function, replace: false, intrinsic, replayable: true);
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
    /// with <see cref="Rewind"/> (a debugger's step back); see <see cref="ExecutionRecording"/>
    /// for what it costs and keeps. Safe from any thread: a running VM picks a change up at its
    /// next service point (within 1,024 instructions).
    /// </summary>
    public ExecutionRecording? Recording
    {
        get => State.Recording;
        set => State.Recording = value;
    }

    /// <summary>
    /// Goes back to <paramref name="checkpoint"/> of the current run (see <see cref="Recording"/>):
    /// the instruction executing now is abandoned and the run continues from the checkpoint with
    /// its activation records, registers, argument stacks, table contents, instruction count and
    /// host-call log position. Call it from a hook callback on the VM thread; it leaves the
    /// callback by throwing an exception the VM handles, so let that exception pass. Hooks stay
    /// registered; events between the checkpoint and now fire again as the run gets there.
    /// </summary>
    /// <exception cref="InvalidOperationException">No recording is attached, the checkpoint is not one of its current run's, the call is not from a hook, or it is from a nested run a foreign function started.</exception>
    public void Rewind(Checkpoint checkpoint) => State.Rewind(checkpoint);

    /// <summary>
    /// Overwrites register <paramref name="register"/> of frame <paramref name="frameIndex"/>
    /// (0 = innermost) — what a debugger's setVariable does — and fires
    /// <see cref="HookEventKind.RegisterWrite"/> with that <see cref="HookEvent.FrameIndex"/>, the
    /// frame's function and current instruction, and the old and new value. Frames exist while a
    /// run is under way: call it from a foreign function, or from another thread while the VM is
    /// paused in a hook (the event then fires on the calling thread). From inside a hook callback
    /// the write happens but fires nothing (hooks do not re-enter).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">No such frame or register.</exception>
    /// <exception cref="VmException">A hook failed (<see cref="VmErrorKind.HookError"/>).</exception>
    public void SetRegister(int frameIndex, int register, Value value)
    {
        lock (State.SyncRoot)
        {
            AsHostCall(() => State.SetRegister(frameIndex, register, value));
        }
    }

    /// <summary>
    /// Writes <paramref name="key"/> of a table as <c>set_field</c> does without index
    /// normalisation: an object's field; an array's element for a non-negative I64 key (growing
    /// the array with Unit up to it), its side map for any other key. Fires
    /// <see cref="HookEventKind.ObjectFieldWrite"/> or <see cref="HookEventKind.ArrayElementWrite"/>
    /// with the old and new value, and charges growth to <see cref="ExecutionLimits.MaxMemoryBytes"/>.
    /// Safe between runs, from a foreign function, or from another thread while the VM is paused
    /// in a hook (a debugger's setVariable); from inside a hook callback it fires nothing.
    /// </summary>
    /// <exception cref="VmException"><paramref name="table"/> is not an object or array (<see cref="VmErrorKind.TypeError"/>); an index at or past the array length limit, or growth past the memory limit (<see cref="VmErrorKind.MemoryLimitExceeded"/>); or a hook failed (<see cref="VmErrorKind.HookError"/>).</exception>
    public void WriteTable(Value table, Value key, Value value)
    {
        lock (State.SyncRoot)
        {
            AsHostCall(() => State.WriteTableFromHost(table, key, value));
        }
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
            return State.Functions.FindUnresolvedCalls();
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

    /// <summary>Runs a host's change to the VM; a script-level error becomes a <see cref="VmException"/>, as from a run.</summary>
    private void AsHostCall(Action change)
    {
        try
        {
            change();
        }
        catch (StoffelError error)
        {
            throw new VmException(error.Kind, error.Message, State.Calls.CaptureStackTrace(), error.InnerException ?? error);
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
