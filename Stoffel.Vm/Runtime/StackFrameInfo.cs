namespace Stoffel.Vm.Runtime;

/// <summary>One line of a Stoffel stack trace.</summary>
/// <param name="FunctionName">The function.</param>
/// <param name="InstructionIndex">The instruction executing in that frame (for callers: the CALL).</param>
/// <param name="SourceLine">1-based source line, or 0 when unknown.</param>
/// <param name="SourcePath">The <c>.stfa</c> file, or null.</param>
public sealed record StackFrameInfo(string FunctionName, int InstructionIndex, int SourceLine, string? SourcePath)
{
    /// <summary><c>at fib (fib.stfa:12, instruction 3)</c>.</summary>
    public override string ToString()
    {
        var where = SourceLine > 0
            ? $"{(SourcePath is null ? "line " : Path.GetFileName(SourcePath) + ":")}{SourceLine}, instruction {InstructionIndex}"
            : $"instruction {InstructionIndex}";
        return $"at {FunctionName} ({where})";
    }
}
