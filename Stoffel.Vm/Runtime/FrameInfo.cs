using Stoffel.Vm.Programs;
using Stoffel.Vm.Values;

namespace Stoffel.Vm.Runtime;

/// <summary>A read-only view of one activation record, as debuggers and hooks see it.</summary>
/// <param name="Function">The function the frame runs.</param>
/// <param name="InstructionIndex">The instruction executing (for callers: their CALL). Equal to the instruction count during an implicit return.</param>
/// <param name="SourceLine">1-based source line of that instruction, or 0.</param>
/// <param name="CompareFlag">The frame's compare flag.</param>
/// <param name="Closure">The closure the frame runs, or null.</param>
public readonly record struct FrameInfo(CompiledFunction Function, int InstructionIndex, int SourceLine, CompareFlag CompareFlag, Closure? Closure)
{
    /// <summary>Registers in the frame.</summary>
    public int RegisterCount => Function.RegisterCount;
}
