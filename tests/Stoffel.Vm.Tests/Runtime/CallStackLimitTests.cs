using Stoffel.Vm.Runtime;
using Stoffel.Vm.Values;

namespace Stoffel.Vm.Tests.Runtime;

/// <summary>
/// The lengths a direct entry tests its room against without reading the arrays
/// (CallStack.ValueLimit, ArgumentLimit): they follow the value stack and the argument buffer
/// whenever those are replaced, by growth or by a checkpoint's restore.
/// </summary>
[TestClass]
public sealed class CallStackLimitTests
{
    [TestMethod]
    public void The_limits_are_the_arrays_lengths_after_growth_and_after_a_restore()
    {
        var state = new VMState();
        var wide = new LoadedProgram(TestPrograms.Assemble(".function wide()\n LDI r300, 1\n RET r300\n.end"), firstFunctionId: 0, state).Functions[0];
        ref var calls = ref state.Calls;
        Assert.AreEqual((calls.Values.Length, calls.Arguments.Length), (calls.ValueLimit, calls.ArgumentLimit), "as created");

        Assert.IsFalse(calls.CanEnter(wide), "301 registers do not fit the first value stack");
        calls.MakeRoomFor(wide);
        var firstArguments = calls.Arguments.Length;
        for (var i = 0; i <= firstArguments; i++) // one more than the first buffer holds
        {
            calls.PushArgument(Value.FromI64(i));
        }

        Assert.IsTrue(calls.CanEnter(wide), "the grown value stack has room");
        Assert.AreEqual((calls.Values.Length, calls.Arguments.Length), (calls.ValueLimit, calls.ArgumentLimit), "after growth");

        calls.Restore([], new Value[calls.Values.Length * 2], new Value[calls.Arguments.Length * 2]);

        Assert.AreEqual((calls.Values.Length, calls.Arguments.Length), (calls.ValueLimit, calls.ArgumentLimit), "after a restore that grew both");
    }
}
