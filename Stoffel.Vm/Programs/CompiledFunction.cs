using Stoffel.Vm.Instructions;

namespace Stoffel.Vm.Programs;

/// <summary>
/// A function of a loaded program: immutable, with pre-decoded instructions whose labels are
/// resolved, a normalised frame size and an optional per-instruction source line map.
/// </summary>
public sealed class CompiledFunction
{
    internal CompiledFunction(
        string name,
        int index,
        int declaredRegisterCount,
        IReadOnlyList<string> parameters,
        FunctionSignature? signature,
        IReadOnlyList<string> upvalues,
        string? parent,
        IReadOnlyList<Label> labels,
        Instruction[] instructions,
        int[]? sourceLines)
    {
        Name = name;
        Index = index;
        DeclaredRegisterCount = declaredRegisterCount;
        Parameters = parameters;
        Signature = signature;
        Upvalues = upvalues;
        Parent = parent;
        Labels = labels;
        Instructions = instructions;
        SourceLines = sourceLines;
        RegisterCount = FrameLayout.NormalisedRegisterCount(declaredRegisterCount, parameters.Count, instructions);
        SpillSlotCount = FrameLayout.SpillSlotCount(instructions);
    }

    /// <summary>The function name (may contain dots, e.g. <c>utils.math.add</c>).</summary>
    public string Name { get; }

    /// <summary>Position in <see cref="StoffelProgram.Functions"/>.</summary>
    public int Index { get; }

    /// <summary>The register count the file declared; only a hint.</summary>
    public int DeclaredRegisterCount { get; }

    /// <summary>
    /// Registers allocated per activation: max(declared, 1, parameter count, highest register
    /// any instruction names + 1): as upstream, the declared count is only a hint.
    /// </summary>
    public int RegisterCount { get; }

    /// <summary>Spill slots used by LDS/STS (highest slot + 1).</summary>
    public int SpillSlotCount { get; }

    /// <summary>Parameter names, in order; arguments arrive in r0..rN-1.</summary>
    public IReadOnlyList<string> Parameters { get; }

    /// <summary>Declared types (STFL v5+), or null.</summary>
    public FunctionSignature? Signature { get; }

    /// <summary>Names of upvalues captured by name when the function is called.</summary>
    public IReadOnlyList<string> Upvalues { get; }

    /// <summary>The declared parent function, or null (informational).</summary>
    public string? Parent { get; }

    /// <summary>Labels in declaration order; jump instructions refer to them by index in B.</summary>
    public IReadOnlyList<Label> Labels { get; }

    /// <summary>The instructions. Do not modify: the array is shared by every VM running the program.</summary>
    public Instruction[] Instructions { get; }

    /// <summary>1-based source line per instruction (0 = unknown), or null when the program has no source.</summary>
    public int[]? SourceLines { get; }

    /// <summary>The source line of instruction <paramref name="index"/>, or 0 when unknown.</summary>
    public int SourceLineAt(int index) =>
        SourceLines is { } lines && (uint)index < (uint)lines.Length ? lines[index] : 0;

    /// <inheritdoc />
    public override string ToString() => $"{Name}({string.Join(", ", Parameters)})";
}
