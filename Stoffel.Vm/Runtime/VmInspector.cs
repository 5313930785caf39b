using Stoffel.Vm.Programs;
using Stoffel.Vm.Values;

namespace Stoffel.Vm.Runtime;

/// <summary>
/// A read-only view of one VM, for hooks (<see cref="Hooks.HookContext.Inspector"/>), foreign
/// functions (<see cref="ForeignFunctionContext.Inspector"/>), debuggers and hosts
/// (<see cref="VirtualMachine.Inspector"/>): the call stack and each frame's registers, spill
/// slots, argument stack, locals and upvalues; the instruction count; the loaded programs and
/// function names; registered foreign objects. Reading fires no hook event and changes nothing.
/// Tables reached through values are read-only too (<see cref="StoffelArray"/>,
/// <see cref="StoffelObject"/>): every change goes through a method that fires its event —
/// <see cref="VirtualMachine.SetRegister"/>, <see cref="VirtualMachine.WriteTable"/> and the
/// table operations of <see cref="ForeignFunctionContext"/>.
/// </summary>
/// <remarks>
/// Frame index 0 is the innermost frame. Read on the VM thread (inside a hook or a foreign
/// function), or from another thread while holding <see cref="SyncRoot"/>: the VM is then
/// between runs or paused inside a hook (a debugger's stop), and what you read is consistent.
/// </remarks>
public sealed class VmInspector
{
    private readonly VMState _state;

    internal VmInspector(VMState state) => _state = state;

    // The records, each holding its Ip: inside the tracing loop's tracer, the innermost one's is
    // the loop's event's until read (VMState.PublishTracedRecord).
    private ref CallStack Records
    {
        get
        {
            _state.PublishTracedRecord();
            return ref _state.Calls;
        }
    }

    /// <summary>
    /// The VM's state lock (docs/host-api.md "Threads"). The VM thread holds it while it runs; a
    /// hook that pauses (a debugger) releases it with <c>Monitor.Wait(SyncRoot)</c>, so another
    /// thread that takes it reads a consistent snapshot.
    /// </summary>
    public object SyncRoot => _state.SyncRoot;

    /// <summary>Activation records alive now (0 when idle; 1 = only the entry function).</summary>
    public int CallDepth => _state.Calls.FrameCount;

    /// <summary>
    /// Instructions executed over the VM's life (including nested runs). Exact when read between
    /// runs or from a hook (call and return hooks included); a read from another thread while the
    /// VM runs may lag by up to 1,024.
    /// </summary>
    public long InstructionsExecuted => _state.InstructionsExecuted;

    /// <summary>The limits runs use (<see cref="VirtualMachine.Limits"/>).</summary>
    public ExecutionLimits Limits => _state.Limits;

    /// <summary>Names of every callable: program functions and foreign functions.</summary>
    public IReadOnlyCollection<string> FunctionNames => _state.Functions.Names;

    /// <summary>The programs loaded, in load order (a copy; safe from any thread, also while a program loads).</summary>
    public IReadOnlyList<StoffelProgram> LoadedPrograms => _state.Functions.Programs.Select(p => p.Program).ToArray();

    /// <summary>True when a program or foreign function is registered under <paramref name="name"/>.</summary>
    public bool IsDefined(string name) => _state.Functions.IsDefined(name);

    /// <summary>True when <paramref name="name"/> is a foreign (C#) function.</summary>
    public bool IsForeignFunction(string name) => _state.Functions.IsForeign(name);

    /// <summary>Describes frame <paramref name="frameIndex"/> (0 = innermost).</summary>
    /// <exception cref="ArgumentOutOfRangeException">No such frame.</exception>
    public FrameInfo GetFrame(int frameIndex) => Records.GetFrame(frameIndex);

    /// <summary>Reads a register of frame <paramref name="frameIndex"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">No such frame or register.</exception>
    public Value GetRegister(int frameIndex, int register) => Records.GetRegister(frameIndex, register);

    /// <summary>Reads spill slot <paramref name="slot"/> of a frame (Unit if never written).</summary>
    /// <exception cref="ArgumentOutOfRangeException">No such frame or slot.</exception>
    public Value GetSpillSlot(int frameIndex, int slot) => Records.GetSpillSlot(frameIndex, slot);

    /// <summary>The frame's argument stack, bottom first, as a copy (only the innermost frame's can be non-empty).</summary>
    /// <exception cref="ArgumentOutOfRangeException">No such frame.</exception>
    public IReadOnlyList<Value> GetArgumentStack(int frameIndex) => Records.GetArgumentStack(frameIndex);

    /// <summary>The frame's named locals: its parameters with the values they were called with, where upvalue capture looks names up (docs/semantics.md "Value kinds", "Closures").</summary>
    /// <exception cref="ArgumentOutOfRangeException">No such frame.</exception>
    public IReadOnlyList<KeyValuePair<string, Value>> GetLocals(int frameIndex) => Records.GetLocals(frameIndex);

    /// <summary>The frame's upvalues (captured by name at call, or its closure's cells), as a copy.</summary>
    /// <exception cref="ArgumentOutOfRangeException">No such frame.</exception>
    public IReadOnlyList<Upvalue> GetUpvalues(int frameIndex) => Records.GetUpvalues(frameIndex);

    /// <summary>The Stoffel call stack, innermost first.</summary>
    public IReadOnlyList<StackFrameInfo> GetCallStack() => Records.CaptureStackTrace();

    /// <summary>
    /// The instruction and call counters of every function of every loaded program (load order,
    /// then file order), as copies: zeros for a function counting never reached. Counting runs
    /// while a <see cref="Hooks.HookManager.RegisterInstructionCounting"/> registration is enabled
    /// and accumulates over the VM's life. Exact when read between runs or from a hook; read from
    /// another thread during a run, each counter holds a value it had recently.
    /// </summary>
    /// <returns>One entry per program function.</returns>
    public IReadOnlyList<FunctionCounts> GetInstructionCounts() => _state.GetInstructionCounts();

    /// <summary>The registered foreign object with store id <paramref name="id"/> (the payload of <c>Foreign(id)</c>), or null.</summary>
    public object? FindForeign(long id) => _state.Objects.FindForeign(id);
}
