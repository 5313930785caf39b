namespace Stoffel.Vm.Runtime;

/// <summary>
/// A CALL whose callee no loaded program or registered foreign function defines. Running it is a
/// <see cref="VmErrorKind.FunctionNotFound"/> error at that CALL (as upstream's
/// <c>vm_state/calls.rs</c> looks callees up when they execute); tools report it up front
/// (<see cref="VirtualMachine.Link"/>, <c>stoffel asm</c>, <c>stoffel run --strict</c>).
/// </summary>
/// <param name="Callee">The name the CALL uses.</param>
/// <param name="Caller">The function holding the CALL.</param>
/// <param name="Instruction">The CALL's instruction index in <paramref name="Caller"/>.</param>
/// <param name="Line">The 1-based source line, or 0 when the program carries none.</param>
/// <param name="SourcePath">The program's source file, when known.</param>
public sealed record UnresolvedCall(string Callee, string Caller, int Instruction, int Line, string? SourcePath)
{
    /// <summary>
    /// One line for people: <c>file:line: unknown function 'x' called from 'f' (instruction n)</c>,
    /// or with <c>, line n</c> inside the parentheses when the file is unknown.
    /// </summary>
    public override string ToString()
    {
        var where = SourcePath is { } path && Line > 0 ? $"{path}:{Line}: " : "";
        var line = Line > 0 && where.Length == 0 ? $", line {Line}" : "";
        return $"{where}unknown function '{Callee}' called from '{Caller}' (instruction {Instruction}{line})";
    }
}
