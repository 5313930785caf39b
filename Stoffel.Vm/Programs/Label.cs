namespace Stoffel.Vm.Programs;

/// <summary>A named jump target: an instruction index from 0 to the instruction count inclusive (the count means "return r0").</summary>
/// <param name="Name">The label name.</param>
/// <param name="Index">The instruction index it names.</param>
public readonly record struct Label(string Name, int Index);
