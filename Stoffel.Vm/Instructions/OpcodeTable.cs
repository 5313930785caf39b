using static Stoffel.Vm.Instructions.OperandKind;

namespace Stoffel.Vm.Instructions;

/// <summary>
/// The single description of every opcode: operand shapes, whether it writes its A register, how it
/// transfers control, and a one-line meaning. The assembler, disassembler, STFL reader and writer,
/// frame layout, hook events and tracer all read it, so a new opcode is described here once
/// (docs/assembly.md "Instructions" is generated from it).
/// </summary>
public static class OpcodeTable
{
    private static readonly OpcodeInfo?[] ByByte = Build();

    /// <summary>All opcodes in byte order.</summary>
    public static IReadOnlyList<OpcodeInfo> All { get; } = ByByte.Where(i => i is not null).Select(i => i!).ToArray();

    /// <summary>Metadata for <paramref name="opcode"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a defined opcode.</exception>
    public static OpcodeInfo Get(Opcode opcode) =>
        (byte)opcode < ByByte.Length && ByByte[(byte)opcode] is { } info
            ? info
            : throw new ArgumentOutOfRangeException(nameof(opcode), opcode, "undefined opcode");

    /// <summary>True when <paramref name="value"/> is a defined opcode byte (0x00–0x19).</summary>
    public static bool IsDefined(byte value) => value < ByByte.Length && ByByte[value] is not null;

    /// <summary>Looks an opcode up by mnemonic, case-insensitively.</summary>
    public static bool TryParseMnemonic(string mnemonic, out OpcodeInfo info)
    {
        info = All.FirstOrDefault(i => string.Equals(i.Mnemonic, mnemonic, StringComparison.OrdinalIgnoreCase))!;
        return info is not null;
    }

    private static OpcodeInfo?[] Build()
    {
        var table = new OpcodeInfo?[(int)Opcode.STS + 1];
        void Add(Opcode op, OperandKind[] operands, bool writesA, ControlFlow flow, string summary) =>
            table[(int)op] = new OpcodeInfo(op, op.ToString(), operands, writesA, flow, summary);

        Add(Opcode.LD, [Register, StackOffset], true, ControlFlow.Next, "load from the argument stack (offset 0 = top)");
        Add(Opcode.LDI, [Register, Constant], true, ControlFlow.Next, "load a constant");
        Add(Opcode.MOV, [Register, Register], true, ControlFlow.Next, "copy a register");
        Add(Opcode.ADD, [Register, Register, Register], true, ControlFlow.Next, "checked add, float add or string concatenation");
        Add(Opcode.SUB, [Register, Register, Register], true, ControlFlow.Next, "checked subtract");
        Add(Opcode.MUL, [Register, Register, Register], true, ControlFlow.Next, "checked multiply");
        Add(Opcode.DIV, [Register, Register, Register], true, ControlFlow.Next, "truncating divide");
        Add(Opcode.MOD, [Register, Register, Register], true, ControlFlow.Next, "truncated remainder");
        Add(Opcode.AND, [Register, Register, Register], true, ControlFlow.Next, "bitwise or logical and");
        Add(Opcode.OR, [Register, Register, Register], true, ControlFlow.Next, "bitwise or logical or");
        Add(Opcode.XOR, [Register, Register, Register], true, ControlFlow.Next, "bitwise or logical xor");
        Add(Opcode.NOT, [Register, Register], true, ControlFlow.Next, "bitwise complement or logical not");
        Add(Opcode.SHL, [Register, Register, Register], true, ControlFlow.Next, "shift left");
        Add(Opcode.SHR, [Register, Register, Register], true, ControlFlow.Next, "shift right (arithmetic for signed kinds)");
        Add(Opcode.JMP, [Label], false, ControlFlow.Jump, "jump");
        Add(Opcode.JMPEQ, [Label], false, ControlFlow.ConditionalJump, "jump if equal");
        Add(Opcode.JMPNEQ, [Label], false, ControlFlow.ConditionalJump, "jump if not equal");
        Add(Opcode.CALL, [Function], false, ControlFlow.Call, "call with the argument stack; result in r0");
        Add(Opcode.RET, [Register], false, ControlFlow.Return, "return a register into the caller's r0");
        Add(Opcode.PUSHARG, [Register], false, ControlFlow.Next, "push a register onto the argument stack");
        Add(Opcode.CMP, [Register, Register], false, ControlFlow.Next, "compare and set the flag");
        Add(Opcode.JMPLT, [Label], false, ControlFlow.ConditionalJump, "jump if less");
        Add(Opcode.JMPGT, [Label], false, ControlFlow.ConditionalJump, "jump if greater");
        Add(Opcode.NOP, [], false, ControlFlow.Next, "do nothing");
        Add(Opcode.LDS, [Register, SpillSlot], true, ControlFlow.Next, "load from a spill slot");
        Add(Opcode.STS, [SpillSlot, Register], false, ControlFlow.Next, "store to a spill slot");
        return table;
    }
}
