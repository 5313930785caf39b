using Stoffel.Vm.Values;

namespace Stoffel.Vm.Programs;

/// <summary>
/// A loaded program: constant pool, functions and call-site names. Immutable after load and safe to
/// share between virtual machines on different threads (docs/host-api.md "Programs"). Build one
/// with the STFL reader, the <c>.stfa</c> assembler or <see cref="ProgramBuilder"/>.
/// </summary>
public sealed class StoffelProgram
{
    private readonly Dictionary<string, CompiledFunction> _byName;

    internal StoffelProgram(
        IReadOnlyList<Value> constants,
        IReadOnlyList<CompiledFunction> functions,
        IReadOnlyList<string> calleeNames,
        int formatVersion,
        ProgramManifest? manifest,
        string? sourcePath,
        IReadOnlyList<string> mpcFeatures)
    {
        Constants = constants;
        Functions = functions;
        CalleeNames = calleeNames;
        FormatVersion = formatVersion;
        Manifest = manifest;
        SourcePath = sourcePath;
        MpcFeatures = mpcFeatures;
        _byName = functions.ToDictionary(f => f.Name, StringComparer.Ordinal);
    }

    /// <summary>The constant pool; LDI's operand B indexes it. String constants are interned.</summary>
    public IReadOnlyList<Value> Constants { get; }

    /// <summary>The functions, in file order, duplicates removed.</summary>
    public IReadOnlyList<CompiledFunction> Functions { get; }

    /// <summary>Distinct CALL operands; a CALL's operand A indexes this list.</summary>
    public IReadOnlyList<string> CalleeNames { get; }

    /// <summary>The STFL version the program was read from (1–9), or the version it needs when assembled (1 or 9).</summary>
    public int FormatVersion { get; }

    /// <summary>The manifest trailer (STFL v2+), or null.</summary>
    public ProgramManifest? Manifest { get; }

    /// <summary>The <c>.stfa</c> file the program was assembled from, or null for binaries.</summary>
    public string? SourcePath { get; }

    /// <summary>
    /// MPC features the program needs, each a human-readable reason (e.g. <c>uses secret register r16 in main</c>,
    /// or the MPC clients or preprocessing its manifest declares). Empty for clear programs. A VM
    /// refuses to run a program whose list is non-empty. A CALL to an MPC builtin is not listed:
    /// like any callee it is looked up when it runs (<see cref="Runtime.MpcBuiltins"/>).
    /// </summary>
    public IReadOnlyList<string> MpcFeatures { get; }

    /// <summary>True when the program needs an MPC engine this VM does not have.</summary>
    public bool RequiresMpc => MpcFeatures.Count > 0;

    /// <summary>Finds a function by exact name.</summary>
    public CompiledFunction? FindFunction(string name) => _byName.GetValueOrDefault(name);
}
