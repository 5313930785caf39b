using Stoffel.Vm.Instructions;
using Stoffel.Vm.Runtime;

namespace Stoffel.Vm.Tests.Runtime;

/// <summary>
/// The plain code's jump targets as distances from the instruction holding them
/// (<see cref="RelativeJumps"/>): forward and backward, in a jump's operand A and a fused
/// compare's operand C, and nothing else changed.
/// </summary>
[TestClass]
public sealed class RelativeJumpsTests
{
    [TestMethod]
    public void Each_jump_target_becomes_its_distance_from_the_instruction_that_holds_it()
    {
        var fusedBack = new Instruction(FusedCompare.Opcode, 24, 48, FusedCompare.WithTarget(1 << ((int)CompareFlag.Less + 1), 1)); // jumps on Less to 1
        Instruction[] code =
        [
            new(Opcode.JMP, 4, 9, 0),          // 0: to 4, carrying the cost 9 in B
            new(Opcode.ADD, 0, 24, 48),        // 1
            fusedBack,                         // 2: to 1
            new(Opcode.JMPLT, 1, 5, 6),        // 3: to 1
            new(Opcode.JMPEQ, 6, 1, 1),        // 4: to 6, the sentinel
            new(Opcode.CALL, 0, 0, 3),         // 5
            new(Opcode.RET, 0, 0, 0),          // 6
        ];

        RelativeJumps.Apply(code);

        Assert.AreEqual(new Instruction(Opcode.JMP, 4, 9, 0), code[0]);
        Assert.AreEqual(new Instruction(Opcode.ADD, 0, 24, 48), code[1]);
        Assert.AreEqual(-1, FusedCompare.Target(code[2].C));
        Assert.IsTrue(FusedCompare.Takes(code[2].C, CompareFlag.Less), "the flags stay");
        Assert.IsFalse(FusedCompare.Takes(code[2].C, CompareFlag.Equal) || FusedCompare.Takes(code[2].C, CompareFlag.Greater));
        Assert.AreEqual(new Instruction(Opcode.JMPLT, -2, 5, 6), code[3]);
        Assert.AreEqual(new Instruction(Opcode.JMPEQ, 2, 1, 1), code[4]);
        Assert.AreEqual(new Instruction(Opcode.CALL, 0, 0, 3), code[5]);
        Assert.AreEqual(new Instruction(Opcode.RET, 0, 0, 0), code[6]);
    }
}
