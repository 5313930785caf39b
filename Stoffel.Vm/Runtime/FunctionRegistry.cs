using System.Runtime.InteropServices;
using Stoffel.Vm.Instructions;
using Stoffel.Vm.Programs;

namespace Stoffel.Vm.Runtime;

/// <summary>
/// The registry and linker of one VM: every callable name — the functions of the loaded programs
/// and the foreign functions a host or the standard library registered, in one namespace — and
/// each loaded program's call sites bound to what the names mean. Owned by <see cref="VMState"/>
/// and guarded by its lock; the dispatch loop reads the bindings
/// (<see cref="LoadedProgram.Callees"/>) and comes here only for a name unbound at its first call.
/// </summary>
/// <param name="state">The VM whose builtins' inline paths the registry binds (<see cref="VMState.IntrinsicPath"/>).</param>
internal sealed class FunctionRegistry(VMState state)
{
    private readonly Dictionary<string, CallTarget> _targets = new(StringComparer.Ordinal);
    private volatile LoadedProgram[] _programs = []; // replaced whole on a load: a snapshot for readers on any thread (ProgramIndex on a profiler's worker)
    private readonly List<string> _calleeNames = []; // indexed by RuntimeFunction.Id and CallTarget.RecordId
    private int _version;
    private int _boundVersion = -1;

    /// <summary>Names of every callable: program functions and foreign functions.</summary>
    public IReadOnlyCollection<string> Names => _targets.Keys;

    /// <summary>
    /// The names of the program functions loaded and of the foreign functions registered, in that
    /// order of events, indexed by <see cref="RuntimeFunction.Id"/> and <see cref="CallTarget.RecordId"/>
    /// (what <see cref="Hooks.CallRecord.FunctionId"/> indexes): a foreign function replaced gets a
    /// new index, so a record appended before the replacement still names what it called.
    /// </summary>
    public ReadOnlySpan<string> CalleeNames => CollectionsMarshal.AsSpan(_calleeNames);

    /// <summary>The programs loaded, in load order: a snapshot, safe to read from any thread while another loads one.</summary>
    public IReadOnlyList<LoadedProgram> Programs => _programs;

    /// <summary>True when a program or foreign function is registered under <paramref name="name"/>.</summary>
    public bool IsDefined(string name) => _targets.ContainsKey(name);

    /// <summary>True when <paramref name="name"/> is a foreign (C#) function.</summary>
    public bool IsForeign(string name) => _targets.TryGetValue(name, out var t) && t.Foreign is not null;

    /// <summary>What a CALL of <paramref name="name"/> reaches now, or null when nothing is registered under it.</summary>
    public CallTarget? Find(string name) => _targets.GetValueOrDefault(name);

    /// <summary>Adds a program's functions; its call sites are bound at the next <see cref="Bind"/>.</summary>
    /// <exception cref="ProgramLoadException">A function name is already defined.</exception>
    public void AddProgram(StoffelProgram program)
    {
        var clashes = program.Functions.Where(f => _targets.ContainsKey(f.Name)).Select(f => f.Name).ToArray();
        if (clashes.Length > 0)
        {
            throw new ProgramLoadException(clashes.Select(n => $"function '{n}' is already defined ({(IsForeign(n) ? "a builtin or foreign function" : "by a loaded program")})").ToArray());
        }
        var loaded = new LoadedProgram(program, firstFunctionId: _calleeNames.Count, state);
        _programs = [.. _programs, loaded];
        foreach (var function in loaded.Functions)
        {
            _targets.Add(function.Name, new CallTarget(function));
            _calleeNames.Add(function.Name);
        }
        _version++;
    }

    /// <summary>Registers a foreign function, or replaces one when <paramref name="replace"/> is set.</summary>
    /// <exception cref="InvalidOperationException">The name is already defined (by a loaded program, or at all without <paramref name="replace"/>).</exception>
    public void AddForeign(string name, ForeignFunction function, bool replace, Intrinsic intrinsic = Intrinsic.None, bool replayable = false)
    {
        if (_targets.TryGetValue(name, out var existing) && (existing.Function is not null || !replace))
        {
            throw new InvalidOperationException($"'{name}' is already defined{(existing.Function is not null ? " by a loaded program" : "")}");
        }
        _targets[name] = new CallTarget(name, function, intrinsic, VMState.IntrinsicPath.For(intrinsic, state), replayable, recordId: _calleeNames.Count);
        _calleeNames.Add(name);
        _version++;
    }

    /// <summary>
    /// Binds every CALL of every loaded program to what is registered now (and the fused calls of
    /// builtins the plain loop runs inline to their cases: <see cref="BoundBuiltinCall"/>); a name nothing defines
    /// stays unbound and is looked up again when the CALL runs (<c>VMState.ResolveLate</c>), where
    /// it fails with <see cref="VmErrorKind.FunctionNotFound"/> as upstream's
    /// <c>vm_state/calls.rs</c> does. Cheap when nothing was registered since the last bind.
    /// </summary>
    public void Bind()
    {
        if (_boundVersion == _version)
        {
            return;
        }
        foreach (var loaded in _programs)
        {
            for (var i = 0; i < loaded.Callees.Length; i++)
            {
                loaded.Callees[i] = _targets.GetValueOrDefault(loaded.Program.CalleeNames[i]);
                loaded.CalleeFunctions[i] = loaded.Callees[i]?.Function;
            }
            foreach (var function in loaded.Functions)
            {
                BoundBuiltinCall.Bind(function.PlainCode, loaded.Callees, function.ArgumentsEmptyBefore);
            }
        }
        _boundVersion = _version;
    }

    /// <summary>
    /// Every CALL of the loaded programs whose callee nothing defines now, in program and
    /// instruction order. MPC programs are skipped: their calls to MPC builtins are unresolvable by
    /// design, and running them is refused with the features they need (<c>VMState.Execute</c>).
    /// </summary>
    public IReadOnlyList<UnresolvedCall> FindUnresolvedCalls()
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
                    if (instruction.Opcode == Opcode.CALL && loaded.Callees[instruction.A] is null)
                    {
                        calls.Add(new UnresolvedCall(loaded.Program.CalleeNames[instruction.A], function.Name, ip, function.SourceLineAt(ip), loaded.Program.SourcePath));
                    }
                }
            }
        }
        return calls;
    }
}
