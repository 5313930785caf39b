namespace Stoffel.Vm.Formats.Assembly;

/// <summary>What kind of mistake an assembly error reports, for tools that sort or explain them.</summary>
public enum StfaErrorCode
{
    /// <summary>The line does not have the shape of a directive, label or instruction (a missing name, comma or parenthesis).</summary>
    Syntax,
    /// <summary>A mnemonic that is not in the opcode table.</summary>
    UnknownMnemonic,
    /// <summary>An instruction with the wrong number of operands.</summary>
    OperandCount,
    /// <summary>An operand of the wrong form, such as <c>x</c> where a register belongs.</summary>
    BadOperand,
    /// <summary>A register, spill slot or stack offset beyond what the format can hold.</summary>
    OperandOutOfRange,
    /// <summary>A malformed or out-of-range literal, or a bad string.</summary>
    BadLiteral,
    /// <summary>A jump to a label its function does not define.</summary>
    UnknownLabel,
    /// <summary>A label defined twice in one function.</summary>
    DuplicateLabel,
    /// <summary>A function defined twice.</summary>
    DuplicateFunction,
    /// <summary>An instruction, label or function directive outside <c>.function</c> … <c>.end</c>.</summary>
    OutsideFunction,
    /// <summary>A function without its <c>.end</c>.</summary>
    MissingEnd,
    /// <summary>A directive the format does not have.</summary>
    UnknownDirective,
    /// <summary><c>.upvalues</c> or <c>.parent</c> given twice in one function.</summary>
    DuplicateDirective,
}
