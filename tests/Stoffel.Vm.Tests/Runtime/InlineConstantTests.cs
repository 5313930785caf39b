using Stoffel.Vm.Instructions;
using Stoffel.Vm.Runtime;
using Stoffel.Vm.Values;

namespace Stoffel.Vm.Tests.Runtime;

/// <summary>
/// The plain code's LDI of an I64 constant carrying the constant (<see cref="InlineConstant"/>):
/// every 64-bit pattern loads whole, and no other constant is inlined.
/// </summary>
[TestClass]
public sealed class InlineConstantTests
{
    [TestMethod]
    [DataRow(0L)]
    [DataRow(1L)]
    [DataRow(-1L)]
    [DataRow(long.MaxValue)]
    [DataRow(long.MinValue)]
    [DataRow(0x1_0000_0000L)]
    [DataRow(0xFFFF_FFFFL)]
    [DataRow(0x8000_0000L)]
    [DataRow(-0x8000_0001L)]
    [DataRow(0x1234_5678_9ABC_DEF0L)]
    public void An_I64_constant_loads_whole_in_the_plain_loop(long constant)
    {
        var vm = TestPrograms.Load($".function load()\n    LDI r0, {constant}\n    LDI r1, 0\n    ADD r0, r0, r1\n    RET r0\n.end\n");

        Assert.AreEqual(Value.FromI64(constant), vm.Execute("load"));
    }

    [TestMethod]
    public void Only_the_LDIs_of_I64_constants_carry_them()
    {
        Value[] constants = [Value.FromI64(-5), Value.FromFloat(1.5), Value.FromString("s"), Value.FromU64(7)];
        Instruction[] code = [new(Opcode.LDI, 24, 0, 0), new(Opcode.LDI, 48, 1, 0), new(Opcode.LDI, 72, 2, 0), new(Opcode.LDI, 96, 3, 0), new(Opcode.MOV, 0, 24, 0)];
        var unchanged = code.ToArray();

        InlineConstant.Apply(code, constants);

        Assert.AreEqual(new Instruction(InlineConstant.Opcode, 24, -5, -1), code[0]);
        Assert.AreEqual(-5L, InlineConstant.Value(in code[0]));
        CollectionAssert.AreEqual(unchanged[1..], code[1..], "a float, a string, a u64 and another opcode stay as they are");
    }
}
