using Stoffel.Vm.Programs;

namespace Stoffel.Vm.Runtime;

/// <summary>What instruction counting recorded for one program function (<see cref="VmInspector.GetInstructionCounts"/>).</summary>
/// <param name="Function">The function.</param>
/// <param name="Calls">Times it was called while counting was on.</param>
/// <param name="InstructionHits">Executions per instruction, one slot per instruction plus a last one for the implicit <c>RET r0</c> a function runs when it falls off its end.</param>
public sealed record FunctionCounts(CompiledFunction Function, long Calls, IReadOnlyList<long> InstructionHits);
