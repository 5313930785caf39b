using Stoffel.Vm.Instructions;

namespace Stoffel.Vm.Runtime;

/// <summary>
/// Instruction accounting by basic block, for the loops that run the plain code (the plain and
/// counting loops): instead of counting down once per instruction, they charge the service
/// countdown, on entering a block, for every instruction up to and including the jump, CALL or
/// RET that ends it — what a block costs from the instruction where it is entered. Lua checks
/// its hook count once per instruction too (<c>vmfetch</c>'s trap); here the check is once per
/// block, where control arrives anyway.
/// </summary>
/// <remarks>
/// <para>Straight-line code between two block ends always runs to the end once entered (only an
/// error stops it, and an error's count is corrected: <c>VMState.PublishFailurePoint</c>), so the count stays
/// exact wherever it is read: at a CALL or RET (call and return events, foreign functions, the
/// end of a run) nothing is charged ahead, and at a failing instruction the loop publishes the
/// count without what it charged for the instructions after it.</para>
/// <para>Where a block is entered, and what it is charged from: a function's first instruction
/// and the instruction after a CALL (the loop's epilogue looks the cost up in
/// <see cref="RuntimeFunction.BlockCosts"/>), a jump's target and a conditional jump's next
/// instruction (the jump carries both costs in the plain code: <see cref="Apply"/>), and wherever
/// a loop resumes. A block that does not fit in the rest of the slice is not entered: the loop
/// stops before it, uncharged, for the service point, and the slice after one that could not
/// enter its first block runs instruction by instruction in the hooked loop
/// (<c>RunControl.Precise</c>): so the budget still stops a run at its exact instruction, and a
/// block longer than a slice still runs. In a run with a budget, the rest of a slice the loop
/// left so runs instruction by instruction in the hooked loop before the slice ends
/// (<c>VMState.RunRestOfSlice</c>), so that slices end where the hooked loop's do, and builtins'
/// work, which counts where a slice ends, stops the run at the same instruction.</para>
/// </remarks>
internal static class BlockCosts
{
    /// <summary>
    /// For each instruction of <paramref name="code"/> (a function's program code, ending with its
    /// sentinel RET), the instructions from it up to and including the first block end at or
    /// after it: the first that does not just fall through (<see cref="ControlFlow"/>).
    /// </summary>
    public static int[] Of(Instruction[] code)
    {
        var costs = new int[code.Length];
        for (var i = code.Length - 1; i >= 0; i--)
        {
            costs[i] = OpcodeTable.Get(code[i].Opcode).Flow != ControlFlow.Next || i == code.Length - 1 ? 1 : costs[i + 1] + 1;
        }
        return costs;
    }

    /// <summary>
    /// Writes the costs of the blocks each jump and CALL of <paramref name="plainCode"/> leads to
    /// into operands the plain loop does not otherwise read, and returns the same array: a jump's
    /// B (the label index it was written with) becomes the cost at its target; a conditional
    /// jump's C and a CALL's C (unused) the cost at the next instruction.
    /// </summary>
    public static Instruction[] Apply(Instruction[] plainCode, int[] costs)
    {
        for (var i = 0; i < plainCode.Length; i++)
        {
            var instruction = plainCode[i];
            // A superinstruction (outside the opcode table) is neither: the jump or CALL it includes keeps its place.
            var flow = OpcodeTable.IsDefined((byte)instruction.Opcode) ? OpcodeTable.Get(instruction.Opcode).Flow : ControlFlow.Next;
            plainCode[i] = flow switch
            {
                ControlFlow.Jump => instruction with { B = costs[instruction.A] },
                ControlFlow.ConditionalJump => instruction with { B = costs[instruction.A], C = costs[i + 1] },
                ControlFlow.Call => instruction with { C = costs[i + 1] },
                _ => instruction,
            };
        }
        return plainCode;
    }
}
