using Stoffel.Vm.Instructions;
using Stoffel.Vm.Values;

namespace Stoffel.Vm.Runtime;

/// <summary>
/// An instruction and the one after it in one dispatch, for pairs compiled Stoffel code is made
/// of: a call's result moved out of r0 and then used (<c>MOV r3, r0</c> before <c>n &lt; 2</c>,
/// <c>MOV r1, r0</c> before an <c>ADD</c>), a loop's step and test (<c>ADD r2, r2, r3</c> before
/// <c>CMP r2, r5</c> and <c>JMPLT</c>, as Lua's <c>FORLOOP</c>), and a sum returned
/// (<c>ADD r0, r4, r0</c> before <c>RET r0</c>).
/// </summary>
/// <remarks>
/// <para>Made in <see cref="RuntimeFunction.PlainCode"/> alone, after <see cref="ConstantOperand"/>,
/// as that is for constant loads: the first instruction keeps its operands and takes the opcode
/// naming it and its successor as the plain code had it then. The successor keeps its place (so
/// a jump to it still works) and may begin a pair itself; the first's case goes straight to the
/// successor's plain case, which counts, fails and charges as it always does, and the dispatch
/// after that runs whatever follows. Only the dispatch between the two is saved: about nine
/// machine instructions and an indirect jump.</para>
/// <para>One successor's pair is taken too: a <see cref="MoveThenAdd"/> whose <c>ADD</c> begins
/// a loop's step and test (<see cref="AddThenJumpIfLess"/>), the end of a loop body that keeps a
/// call's result (<c>MOV r1, r0</c>, <c>ADD r2, r2, r3</c>, <c>CMP</c>, <c>JMPLT</c>), goes on
/// into that pair, on a test of the successor's opcode (three machine instructions) rather than
/// through an opcode of its own for the three: calls 304.1 → 296.1 and closure 452.6 → 443.6
/// machine instructions per iteration (bench/pathlength.sh), calls(30M) 0.574 → 0.554 s and
/// closure(30M) 0.778 → 0.763 s (medians of alternating runs).</para>
/// <para>An <c>ADD</c> of operands other than two I64s, or whose sum overflows, runs as the
/// <c>ADD</c> it is, and its successor is dispatched. The counting loop, which counts each
/// instruction, runs the first alone; the tracing loop runs both in the dispatch too, with the
/// successor's event between them (<c>VMState.TracePart</c>).</para>
/// <para>More pairs were measured and not kept (docs/vm-internals.md, "Successor fusion and code placement"): each
/// case added to the dispatch loop moved the JIT's register allocation in it, and chains of
/// three named by opcodes of their own (<c>MOV</c>, <c>ADD</c>, a loop test) made every
/// program's path longer. Much of that was the JIT's inlining limit, since lifted
/// (<see cref="IExecutionMode"/>); the register allocation still moves with the edges a case
/// adds to the loop (a return going on into fib's two successors: every program 2–5% longer).</para>
/// </remarks>
internal static class SuccessorFusion
{
    /// <summary>A <c>MOV</c> followed by a constant load, a fused compare and JMPLT (<see cref="ConstantOperand.ThenJumpIfLess"/>).</summary>
    public const Opcode MoveThenConstantJumpIfLess = (Opcode)0x28;

    /// <summary>A <c>MOV</c> followed by a constant load and a <c>SUB</c> (<see cref="ConstantOperand.ThenSubtract"/>).</summary>
    public const Opcode MoveThenConstantSubtract = (Opcode)0x29;

    /// <summary>A <c>MOV</c> followed by an <c>ADD</c> (which may begin an <see cref="AddThenJumpIfLess"/>: the case goes on into it).</summary>
    public const Opcode MoveThenAdd = (Opcode)0x2A;

    /// <summary>An <c>ADD</c> followed by a fused compare and JMPLT (<see cref="FusedCompare.JumpIfLess"/>): a loop's step and test.</summary>
    public const Opcode AddThenJumpIfLess = (Opcode)0x2B;

    /// <summary>An <c>ADD</c> followed by a <c>RET</c>.</summary>
    public const Opcode AddThenReturn = (Opcode)0x2C;

    /// <summary>
    /// A String constant's load from the pool (<c>LDI r1, "count"</c>) followed by a fused call: in the plain
    /// and recording loops a bound <c>get_upvalue</c> of the name just loaded goes on without a
    /// dispatch (a test of the call's opcode, as <see cref="MoveThenAdd"/> does: the call is bound,
    /// or turned back for a host's function, after this pass). Any other call is dispatched.
    /// </summary>
    public const Opcode LoadThenCall = (Opcode)0x2F;

    /// <summary>A <c>MOV</c> followed by a constant load and a <c>SUB</c> of it as an immediate (<see cref="ImmediateOperands.Subtract"/>).</summary>
    public const Opcode MoveThenImmediateSubtract = (Opcode)0x31;

    /// <summary>
    /// Gives each instruction of <paramref name="plainCode"/> that begins one of the pairs above
    /// the opcode that names the pair.
    /// </summary>
    public static void Apply(Instruction[] plainCode, Value[] constants)
    {
        NamePairs(plainCode, Pairs);
        for (var i = 0; i < plainCode.Length; i++)
        {
            if (plainCode[i].Opcode == LoadThenCall && constants[plainCode[i].B].Kind != ValueKind.String)
            {
                plainCode[i] = plainCode[i] with { Opcode = Opcode.LDI }; // LoadThenCall loads a String (VMState.LoadStringConstant)
            }
        }
    }

    // The pairs above: first opcode, successor's opcode, the pair's.
    private static readonly (Opcode First, Opcode Next, Opcode Pair)[] Pairs =
    [
        (Opcode.MOV, ConstantOperand.ThenJumpIfLess, MoveThenConstantJumpIfLess),
        (Opcode.MOV, ConstantOperand.ThenSubtract, MoveThenConstantSubtract),
        (Opcode.MOV, ImmediateOperands.Subtract, MoveThenImmediateSubtract),
        (Opcode.MOV, Opcode.ADD, MoveThenAdd),
        (Opcode.ADD, FusedCompare.JumpIfLess, AddThenJumpIfLess),
        (Opcode.ADD, Opcode.RET, AddThenReturn),
        (Opcode.LDI, FusedCall.Opcode, LoadThenCall),
    ];

    /// <summary>
    /// The rewrite both this class and <see cref="ConstantOperand"/> make: each instruction of
    /// <paramref name="plainCode"/> whose opcode and successor's opcode, as the code has them
    /// before this pass, are a pair of <paramref name="pairs"/> takes that pair's opcode and keeps
    /// its operands. (A table, not a callback: a delegate's constructor stub lands in the Native
    /// AOT binary's native code, before the dispatch loops, and moves them.)
    /// </summary>
    internal static void NamePairs(Instruction[] plainCode, ReadOnlySpan<(Opcode First, Opcode Next, Opcode Pair)> pairs)
    {
        for (var i = 0; i + 1 < plainCode.Length; i++)
        {
            foreach (var (first, next, pair) in pairs)
            {
                if (plainCode[i].Opcode == first && plainCode[i + 1].Opcode == next)
                {
                    plainCode[i] = plainCode[i] with { Opcode = pair };
                    break;
                }
            }
        }
    }
}
