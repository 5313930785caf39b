using Stoffel.Vm.Programs;
using Stoffel.Vm.Values;

namespace Stoffel.Vm.Runtime;

/// <summary>A program loaded into one VM: its constants and its call sites linked to targets.</summary>
internal sealed class LoadedProgram
{
    /// <param name="program">The program.</param>
    /// <param name="firstFunctionId">The <see cref="RuntimeFunction.Id"/> of its first function; the others follow in order.</param>
    public LoadedProgram(StoffelProgram program, int firstFunctionId)
    {
        Program = program;
        Constants = [.. program.Constants];
        Callees = new CallTarget?[program.CalleeNames.Count];
        CalleeFunctions = new RuntimeFunction?[program.CalleeNames.Count];
        Functions = program.Functions.Select((f, index) => new RuntimeFunction(f, this, firstFunctionId + index)).ToArray();
    }

    public StoffelProgram Program { get; }

    public Value[] Constants { get; }

    /// <summary>Linked CALL targets, indexed like <see cref="StoffelProgram.CalleeNames"/>; null until linked.</summary>
    public CallTarget?[] Callees { get; }

    /// <summary>The program functions among <see cref="Callees"/> (null for other targets), linked with them: what a bound program call enters, one dependent load nearer than its target's <see cref="CallTarget.Function"/>.</summary>
    public RuntimeFunction?[] CalleeFunctions { get; }

    public RuntimeFunction[] Functions { get; }
}
