using Stoffel.Vm.Instructions;
using Stoffel.Vm.Programs;
using Stoffel.Vm.Values;

namespace Stoffel.Vm.Runtime;

/// <summary>
/// A program function as one VM runs it: the shared instructions plus a sentinel <c>RET r0</c>
/// (so running off the end, or jumping to the label equal to the instruction count, returns r0
/// without a bounds check per instruction), and the frame layout
/// <c>[registers][spill slots][parameter copies]</c> in the VM's value stack.
/// </summary>
internal sealed class RuntimeFunction
{
    public RuntimeFunction(CompiledFunction source, LoadedProgram program)
    {
        Source = source;
        Program = program;
        Code = [.. source.Instructions, new Instruction(Opcode.RET, 0, 0, 0)];
        RegisterCount = source.RegisterCount;
        ParameterCount = source.Parameters.Count;
        ParameterBase = source.RegisterCount + source.SpillSlotCount;
        Width = ParameterBase + ParameterCount;
        HasUpvalues = source.Upvalues.Count > 0;
    }

    public CompiledFunction Source { get; }

    public LoadedProgram Program { get; }

    public Instruction[] Code { get; }

    public int RegisterCount { get; }

    public int ParameterCount { get; }

    /// <summary>Offset of the parameter copies (the by-name locals upvalue capture reads) from the frame base.</summary>
    public int ParameterBase { get; }

    /// <summary>Value-stack slots one activation uses.</summary>
    public int Width { get; }

    /// <summary>Whether a call without a closure captures upvalues by name (cached: checked on every call).</summary>
    public bool HasUpvalues { get; }

    public string Name => Source.Name;

    /// <summary>The hook table <see cref="Sites"/> was computed for; the VM thread refreshes both when the table changes.</summary>
    public Hooks.HookTable? SitesTable { get; set; }

    /// <summary>Which of this function's instructions site-limited BeforeInstructionExecute hooks want, or null for none.</summary>
    public bool[]? Sites { get; set; }

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

    public CallTarget(string name, ForeignFunction foreign)
    {
        Name = name;
        Foreign = foreign;
    }

    public string Name { get; }

    public RuntimeFunction? Function { get; }

    public ForeignFunction? Foreign { get; }
}
