using Stoffel.Vm.Programs;
using Stoffel.Vm.Values;

namespace Stoffel.Vm.Runtime;

/// <summary>A program loaded into one VM: its constants and its call sites linked to targets.</summary>
internal sealed class LoadedProgram
{
    /// <param name="program">The program.</param>
    /// <param name="firstFunctionId">The <see cref="RuntimeFunction.Id"/> of its first function; the others follow in order.</param>
    /// <param name="owner">The VM it is loaded into (<see cref="RuntimeFunction.Owner"/>).</param>
    public LoadedProgram(StoffelProgram program, int firstFunctionId, VMState owner)
    {
        Program = program;
        Constants = [.. program.Constants];
        Callees = new CallTarget?[program.CalleeNames.Count];
        CalleeFunctions = new RuntimeFunction?[program.CalleeNames.Count];
        Functions = program.Functions.Select((f, index) => new RuntimeFunction(f, this, firstFunctionId + index, owner)).ToArray();
    }

    public StoffelProgram Program { get; }

    public Value[] Constants { get; }

    /// <summary>Linked CALL targets, indexed like <see cref="StoffelProgram.CalleeNames"/>; null until linked.</summary>
    public CallTarget?[] Callees { get; }

    /// <summary>
    /// The program functions among <see cref="Callees"/> (null for other targets), linked with them
    /// by <c>FunctionRegistry.Bind</c>: what a bound program call enters, one dependent load nearer
    /// than its target's <see cref="CallTarget.Function"/>. A name resolved late, at its first CALL
    /// (<c>VMState.ResolveLate</c>), is not entered here: no bound call reaches it until the next
    /// bind links both arrays again. (Setting it there too, through a method that links both, moved
    /// <c>Run&lt;PlainMode&gt;</c> 32 bytes in the binary and its dispatch block across a cache
    /// line: loop(40M) 0.397 s → 0.483 s.)
    /// </summary>
    public RuntimeFunction?[] CalleeFunctions { get; }

    public RuntimeFunction[] Functions { get; }
}
