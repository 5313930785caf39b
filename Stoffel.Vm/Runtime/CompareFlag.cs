namespace Stoffel.Vm.Runtime;

/// <summary>The per-frame comparison flag set by CMP; a new frame starts at <see cref="Equal"/> (docs/semantics.md "CMP").</summary>
public enum CompareFlag : sbyte
{
    /// <summary>Left operand was smaller.</summary>
    Less = -1,
    /// <summary>Operands were equal (also the initial state).</summary>
    Equal = 0,
    /// <summary>Left operand was larger.</summary>
    Greater = 1,
}
