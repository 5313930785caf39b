using Stoffel.Vm.Hooks;
using Stoffel.Vm.Programs;
using Stoffel.Vm.Values;

namespace Stoffel.Vm.Runtime;

/// <summary>
/// Everything one VM holds — functions, activation records, the current instruction, the object
/// store, foreign objects and the hook manager — behind one lock, <see cref="SyncRoot"/>
/// (DESIGN.md §8). The VM thread holds the lock while it runs; a hook that pauses (a debugger)
/// releases it with <c>Monitor.Wait(SyncRoot)</c>, so another thread that takes the lock reads a
/// consistent snapshot. Internal: hosts reach it through <see cref="VirtualMachine"/>, and hooks,
/// foreign functions and debuggers read it through <see cref="VmInspector"/>; every change from
/// outside the dispatch loop goes through a routine that fires its hook event (one door).
/// </summary>
internal sealed partial class VMState
{
    private readonly Dictionary<string, CallTarget> _targets = new(StringComparer.Ordinal);
    private readonly List<LoadedProgram> _programs = [];
    private int _registryVersion;
    private int _boundVersion = -1;

    private Value[] _stack = new Value[256];
    private int _stackTop;
    private ActivationRecord[] _frames = new ActivationRecord[16];
    private int _frameCount;
    private Value[] _args = new Value[32];
    private int _argTop;
    private ExecutionLimits _limits = ExecutionLimits.Default;
    private int _maxCallDepth = ExecutionLimits.Default.MaxCallDepth;

    internal VMState()
    {
        Heap = new HeapBudget(MeasureHeap, () => Limits);
        Objects = new ObjectStore(Heap);
        Hooks = new HookManager();
        Hooks.Changed += () => HooksChanged = true;
        Inspector = new VmInspector(this);
        HookContext = new HookContext(Inspector);
    }

    /// <summary>The lock guarding this state. Held by the VM thread while it runs.</summary>
    public object SyncRoot { get; } = new();

    /// <summary>The hooks.</summary>
    public HookManager Hooks { get; }

    /// <summary>Tables and foreign objects.</summary>
    public ObjectStore Objects { get; }

    /// <summary>Where <c>print</c> writes; replaceable by the host. Defaults to <see cref="Console.Out"/>.</summary>
    public TextWriter Output { get; set; } = Console.Out;

    /// <summary>Limits applied to each run.</summary>
    public ExecutionLimits Limits
    {
        get => _limits;
        set
        {
            _limits = value;
            _maxCallDepth = value.MaxCallDepth; // read on every call
            Heap.LimitsChanged();
        }
    }

    /// <inheritdoc cref="VmInspector.InstructionsExecuted"/>
    public long InstructionsExecuted => _completedInstructions + _sliceSize - _countdown;

    /// <summary>Names of every callable: program functions and foreign functions.</summary>
    public IReadOnlyCollection<string> FunctionNames => _targets.Keys;

    /// <summary>The programs loaded, in load order.</summary>
    public IReadOnlyList<StoffelProgram> LoadedPrograms => _programs.Select(p => p.Program).ToArray();

    /// <summary>The read-only view handed to hooks, foreign functions, debuggers and hosts.</summary>
    internal VmInspector Inspector { get; }

    internal HookContext HookContext { get; }

    /// <summary>Charges growth against the memory limits (<see cref="ExecutionLimits.MaxMemoryBytes"/>, <see cref="ExecutionLimits.MaxObjects"/>).</summary>
    internal HeapBudget Heap { get; }

    internal volatile bool HooksChanged;

    /// <summary>True when a program or foreign function is registered under <paramref name="name"/>.</summary>
    public bool IsDefined(string name) => _targets.ContainsKey(name);

    /// <summary>True when <paramref name="name"/> is a foreign (C#) function.</summary>
    public bool IsForeignFunction(string name) => _targets.TryGetValue(name, out var t) && t.Foreign is not null;

    internal void AddProgram(StoffelProgram program)
    {
        var clashes = program.Functions.Where(f => _targets.ContainsKey(f.Name)).Select(f => f.Name).ToArray();
        if (clashes.Length > 0)
        {
            throw new ProgramLoadException(clashes.Select(n => $"function '{n}' is already defined ({(IsForeignFunction(n) ? "a builtin or foreign function" : "by a loaded program")})").ToArray());
        }
        var loaded = new LoadedProgram(program);
        _programs.Add(loaded);
        foreach (var function in loaded.Functions)
        {
            _targets.Add(function.Name, new CallTarget(function));
        }
        _registryVersion++;
    }

    internal void AddForeign(string name, ForeignFunction function, bool replace, Intrinsic intrinsic = Intrinsic.None, bool replayable = false)
    {
        if (_targets.TryGetValue(name, out var existing) && (existing.Function is not null || !replace))
        {
            throw new InvalidOperationException($"'{name}' is already defined{(existing.Function is not null ? " by a loaded program" : "")}");
        }
        _targets[name] = new CallTarget(name, function, intrinsic, replayable);
        _registryVersion++;
    }

    internal CallTarget? FindTarget(string name) => _targets.GetValueOrDefault(name);

    /// <summary>
    /// Binds every CALL of every loaded program to what is registered now; a name nothing defines
    /// stays unbound and is looked up again when the CALL runs (<c>ResolveLate</c>), where it fails
    /// with <see cref="VmErrorKind.FunctionNotFound"/> as upstream's <c>vm_state/calls.rs</c> does.
    /// Cheap when nothing was registered since the last bind.
    /// </summary>
    internal void Bind()
    {
        if (_boundVersion == _registryVersion)
        {
            return;
        }
        foreach (var loaded in _programs)
        {
            for (var i = 0; i < loaded.Callees.Length; i++)
            {
                loaded.Callees[i] = _targets.GetValueOrDefault(loaded.Program.CalleeNames[i]);
            }
        }
        _boundVersion = _registryVersion;
    }

    /// <summary>
    /// Every CALL of the loaded programs whose callee nothing defines now, in program and
    /// instruction order. MPC programs are skipped: their calls to MPC builtins are unresolvable by
    /// design, and running them is refused with the features they need (<see cref="Execute"/>).
    /// </summary>
    internal IReadOnlyList<UnresolvedCall> FindUnresolvedCalls()
    {
        Bind();
        var calls = new List<UnresolvedCall>();
        foreach (var loaded in _programs.Where(p => !p.Program.RequiresMpc))
        {
            foreach (var function in loaded.Program.Functions)
            {
                for (var ip = 0; ip < function.Instructions.Length; ip++)
                {
                    var instruction = function.Instructions[ip];
                    if (instruction.Opcode == Instructions.Opcode.CALL && loaded.Callees[instruction.A] is null)
                    {
                        calls.Add(new UnresolvedCall(loaded.Program.CalleeNames[instruction.A], function.Name, ip, function.SourceLineAt(ip), loaded.Program.SourcePath));
                    }
                }
            }
        }
        return calls;
    }
}
