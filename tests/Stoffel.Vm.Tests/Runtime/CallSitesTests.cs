using Stoffel.Vm.Instructions;
using Stoffel.Vm.Runtime;

namespace Stoffel.Vm.Tests.Runtime;

/// <summary>
/// The plain code's <c>CALL</c>s carry their own index in operand B (<see cref="CallSites"/>),
/// which a fused run's direct entry stores as the caller's <c>Ip</c>: the index and nothing else.
/// (That the stored <c>Ip</c> is the CALL's, the frames a callee sees and its errors' positions
/// show: FusedCallTests, CallEventPayloadTests.)
/// </summary>
[TestClass]
public sealed class CallSitesTests
{
    [TestMethod]
    public void Each_call_gets_its_own_index_in_B_and_nothing_else_changes()
    {
        Instruction[] code =
        [
            new(FusedCall.Opcode, 24, 2, 1),
            new(Opcode.PUSHARG, 48, 0, 0),
            new(Opcode.CALL, 1, 0, 4),
            new(Opcode.MOV, 72, 0, 0),
            new(Opcode.CALL, 0, 0, 2),
            new(Opcode.RET, 72, 0, 0),
        ];
        var before = code.ToArray();

        CallSites.Apply(code);

        Assert.AreEqual(before[2] with { B = 2 }, code[2]);
        Assert.AreEqual(before[4] with { B = 4 }, code[4]);
        foreach (var i in new[] { 0, 1, 3, 5 })
        {
            Assert.AreEqual(before[i], code[i], $"instruction {i}");
        }
    }
}
