using Stoffel.Vm.Instructions;
using Stoffel.Vm.Programs;
using Stoffel.Vm.Values;

namespace Stoffel.Vm.Runtime;

/// <summary>
/// A program function as one VM runs it: the shared instructions plus a sentinel <c>RET r0</c>
/// (so running off the end, or jumping to the label equal to the instruction count, returns r0
/// without a bounds check per instruction), and the frame layout <c>[registers][spill slots]</c>
/// in the VM's value stack (the parameters stay where the caller pushed them, in the argument
/// stack: see VMState.Calls.cs).
/// </summary>
internal sealed class RuntimeFunction
{
    public RuntimeFunction(CompiledFunction source, LoadedProgram program)
    {
        Source = source;
        Program = program;
        Code = [.. source.Instructions, new Instruction(Opcode.RET, 0, 0, 0)];
        PlainCode = FusedCompare.Fuse(FusedCall.Fuse(Code));
        RegisterCount = source.RegisterCount;
        ParameterCount = source.Parameters.Count;
        Width = source.RegisterCount + source.SpillSlotCount;
        UpvalueNames = source.Upvalues.Count > 0 ? [.. source.Upvalues] : null;
    }

    public CompiledFunction Source { get; }

    public LoadedProgram Program { get; }

    public Instruction[] Code { get; }

    /// <summary>What the plain loop runs: <see cref="Code"/> with PUSHARG runs and their CALL (<see cref="FusedCall"/>) and CMP and its jump (<see cref="FusedCompare"/>) fused.</summary>
    public Instruction[] PlainCode { get; }

    public int RegisterCount { get; }

    public int ParameterCount { get; }

    /// <summary>Value-stack slots one activation uses.</summary>
    public int Width { get; }

    /// <summary>The upvalues a call without a closure captures by name, or null when it captures none (checked on every call).</summary>
    public string[]? UpvalueNames { get; }

    public string Name => Source.Name;

    /// <summary>The hook table <see cref="Sites"/> was computed for; the VM thread refreshes both when the table changes.</summary>
    public Hooks.HookTable? SitesTable { get; set; }

    /// <summary>Which of this function's instructions site-limited BeforeInstructionExecute hooks want, or null for none.</summary>
    public bool[]? Sites { get; set; }

    /// <summary>
    /// Instruction and call counters (HookManager.RegisterInstructionCounting): one slot per
    /// instruction of <see cref="Code"/> (the last one the sentinel return), then one for calls;
    /// null until counting first reaches this function.
    /// </summary>
    public long[]? Counts { get; set; }

    /// <summary>A site map with every instruction set, for hooks that want every instruction.</summary>
    public bool[] AllSites => _allSites ??= Enumerable.Repeat(true, Code.Length).ToArray();

    private bool[]? _allSites;
}

/// <summary>A program loaded into one VM: its constants and its call sites linked to targets.</summary>
internal sealed class LoadedProgram
{
    public LoadedProgram(StoffelProgram program)
    {
        Program = program;
        Constants = [.. program.Constants];
        Callees = new CallTarget?[program.CalleeNames.Count];
        Functions = program.Functions.Select(f => new RuntimeFunction(f, this)).ToArray();
    }

    public StoffelProgram Program { get; }

    public Value[] Constants { get; }

    /// <summary>Linked CALL targets, indexed like <see cref="StoffelProgram.CalleeNames"/>; null until linked.</summary>
    public CallTarget?[] Callees { get; }

    public RuntimeFunction[] Functions { get; }
}

/// <summary>Something a CALL can reach: a program function or a foreign (C#) function.</summary>
internal sealed class CallTarget
{
    public CallTarget(RuntimeFunction function)
    {
        Name = function.Name;
        Function = function;
    }

    public CallTarget(string name, ForeignFunction foreign, Intrinsic intrinsic, bool replayable)
    {
        Name = name;
        Foreign = foreign;
        Intrinsic = intrinsic;
        Replayable = replayable;
    }

    public string Name { get; }

    public RuntimeFunction? Function { get; }

    public ForeignFunction? Foreign { get; }

    /// <summary>The inline fast path the loop may take instead of calling <see cref="Foreign"/>.</summary>
    public Intrinsic Intrinsic { get; }

    /// <summary>
    /// A program function, or a builtin whose effects are only on the VM's own state (tables,
    /// frames), so an execution recording runs it again on replay instead of logging it.
    /// </summary>
    public bool Replayable { get; } = true;
}

/// <summary>A closure's function as resolved in one VM (see <see cref="Values.Closure.Binding"/>).</summary>
internal sealed record ClosureBinding(VMState State, RuntimeFunction Function);
