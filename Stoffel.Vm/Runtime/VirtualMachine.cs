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
    /// Registers a standard-library builtin whose common case the dispatch loop may run inline
    /// (<see cref="Intrinsic"/>): same results and, whenever a hook subscribes, the same events,
    /// since the loop then calls <paramref name="function"/> instead.
    /// </summary>
    internal void RegisterBuiltin(string name, ForeignFunction function, Intrinsic intrinsic)
    {
        lock (State.SyncRoot)
        {
            State.AddForeign(name, function, replace: false, intrinsic);
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
    /// Resolves every CALL in the loaded programs now, so an unknown function is reported before
    /// anything runs. <see cref="Execute(string, IReadOnlyList{Value}, CancellationToken)"/> does this too.
    /// </summary>
    /// <exception cref="ProgramLoadException">One line per unknown function, with caller and source line.</exception>
    public void Link()
    {
        lock (State.SyncRoot)
        {
            State.Link();
        }
    }

    /// <summary>Runs <paramref name="entry"/> with the given arguments.</summary>
    /// <returns>The function's return value (the entry frame's RET operand, or its r0 when it runs off the end).</returns>
    /// <exception cref="VmException">The run failed; carries message, function, instruction, line and Stoffel stack.</exception>
    /// <exception cref="ProgramLoadException">A CALL names a function nothing defines.</exception>
    public Value Execute(string entry, params ReadOnlySpan<Value> arguments)
    {
        ArgumentException.ThrowIfNullOrEmpty(entry);
        return State.Execute(entry, arguments, CancellationToken.None);
    }

    /// <summary>Runs <paramref name="entry"/> with the given arguments, cancellable.</summary>
    /// <returns>The function's return value.</returns>
    /// <exception cref="VmException">The run failed, was cancelled (<see cref="VmErrorKind.Cancelled"/>) or hit a limit.</exception>
    /// <exception cref="ProgramLoadException">A CALL names a function nothing defines.</exception>
    public Value Execute(string entry, IReadOnlyList<Value> arguments, CancellationToken cancellation)
    {
        ArgumentException.ThrowIfNullOrEmpty(entry);
        ArgumentNullException.ThrowIfNull(arguments);
        return State.Execute(entry, arguments as Value[] ?? arguments.ToArray(), cancellation);
    }
}
