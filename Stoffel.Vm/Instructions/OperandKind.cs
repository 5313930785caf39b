namespace Stoffel.Vm.Instructions;

/// <summary>What an instruction operand denotes, as encoded in STFL and written in <c>.stfa</c>.</summary>
public enum OperandKind : byte
{
    /// <summary>A register index (<c>u32</c> in STFL, <c>rN</c> in assembly).</summary>
    Register,
    /// <summary>A constant pool index (<c>u32</c>; a literal in assembly).</summary>
    Constant,
    /// <summary>A signed argument-stack offset (<c>i32</c>; <c>[sp+N]</c> in assembly).</summary>
    StackOffset,
    /// <summary>A spill slot (<c>u32</c>; <c>sN</c> in assembly).</summary>
    SpillSlot,
    /// <summary>A label name (<c>str16</c>), resolved to an instruction index at load.</summary>
    Label,
    /// <summary>A function name (<c>str16</c>), resolved to a callee when the VM links the program.</summary>
    Function,
}
