namespace Stoffel.Vm.Instructions;

/// <summary>
/// The Stoffel instruction set with upstream's opcode bytes (upstream <c>instructions.rs</c>; the
/// table in docs/assembly.md "Instructions").
/// Operand shapes and effects are described once in <see cref="OpcodeTable"/>.
/// </summary>
public enum Opcode : byte
{
    /// <summary><c>LD r, off</c>: r = argument stack[len-1+off] of the current frame.</summary>
    LD = 0x00,
    /// <summary><c>LDI r, k</c>: r = constant pool[k].</summary>
    LDI = 0x01,
    /// <summary><c>MOV d, s</c>: d = s.</summary>
    MOV = 0x02,
    /// <summary><c>ADD d, a, b</c>: checked integer add, float add, or string concatenation.</summary>
    ADD = 0x03,
    /// <summary><c>SUB d, a, b</c>: checked subtraction.</summary>
    SUB = 0x04,
    /// <summary><c>MUL d, a, b</c>: checked multiplication.</summary>
    MUL = 0x05,
    /// <summary><c>DIV d, a, b</c>: truncating division; zero divisor is an error.</summary>
    DIV = 0x06,
    /// <summary><c>MOD d, a, b</c>: truncated remainder; zero divisor is an error.</summary>
    MOD = 0x07,
    /// <summary><c>AND d, a, b</c>: bitwise and (integers) or logical and (bools).</summary>
    AND = 0x08,
    /// <summary><c>OR d, a, b</c>: bitwise or / logical or.</summary>
    OR = 0x09,
    /// <summary><c>XOR d, a, b</c>: bitwise xor / logical xor.</summary>
    XOR = 0x0A,
    /// <summary><c>NOT d, s</c>: bitwise complement / logical not.</summary>
    NOT = 0x0B,
    /// <summary><c>SHL d, v, a</c>: shift left; amount must be in 0..width-1.</summary>
    SHL = 0x0C,
    /// <summary><c>SHR d, v, a</c>: shift right, arithmetic for signed kinds.</summary>
    SHR = 0x0D,
    /// <summary><c>JMP label</c>: unconditional jump.</summary>
    JMP = 0x0E,
    /// <summary><c>JMPEQ label</c>: jump when the compare flag is Equal.</summary>
    JMPEQ = 0x0F,
    /// <summary><c>JMPNEQ label</c>: jump when the compare flag is not Equal.</summary>
    JMPNEQ = 0x10,
    /// <summary><c>CALL name</c>: call with the whole argument stack as arguments.</summary>
    CALL = 0x11,
    /// <summary><c>RET r</c>: return r into the caller's r0.</summary>
    RET = 0x12,
    /// <summary><c>PUSHARG r</c>: append r to the argument stack.</summary>
    PUSHARG = 0x13,
    /// <summary><c>CMP a, b</c>: set the compare flag (exact numeric, bytewise string, bool).</summary>
    CMP = 0x14,
    /// <summary><c>JMPLT label</c>: jump when the compare flag is Less.</summary>
    JMPLT = 0x15,
    /// <summary><c>JMPGT label</c>: jump when the compare flag is Greater.</summary>
    JMPGT = 0x16,
    /// <summary><c>NOP</c>: nothing.</summary>
    NOP = 0x17,
    /// <summary><c>LDS r, slot</c>: r = spill[slot] (Unit if never written). Format v9.</summary>
    LDS = 0x18,
    /// <summary><c>STS slot, r</c>: spill[slot] = r. Format v9.</summary>
    STS = 0x19,
}
