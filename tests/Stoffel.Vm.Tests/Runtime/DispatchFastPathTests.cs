using Stoffel.Vm.Instructions;
using Stoffel.Vm.Runtime;
using Stoffel.Vm.Values;

namespace Stoffel.Vm.Tests.Runtime;

/// <summary>The dispatch loop's I64 fast paths agree with <see cref="Arithmetic"/>, the reference, at their edges.</summary>
[TestClass]
public sealed class DispatchFastPathTests
{
    private const string Multiply = """
        .function mul(a, b)
            MUL r2, r0, r1
            RET r2
        .end
        """;

    [TestMethod]
    [DataRow(3L, -7L)]
    [DataRow(0L, long.MinValue)]
    [DataRow(-1L, long.MaxValue)]
    [DataRow((long)int.MinValue, (long)int.MinValue)]
    [DataRow((long)int.MaxValue, (long)int.MinValue)]
    [DataRow((long)int.MaxValue + 1, (long)int.MaxValue)]
    [DataRow(-(1L << 32), 1L << 31)]
    [DataRow(1L << 32, 1L << 31)]
    [DataRow(-1L, long.MinValue)]
    [DataRow(long.MinValue, 1L)]
    [DataRow(3037000500L, 3037000500L)]
    [DataRow(3037000499L, -3037000499L)]
    public void MUL_matches_checked_arithmetic_on_both_sides_of_the_32_bit_shortcut(long a, long b)
    {
        var vm = TestPrograms.Load(Multiply);
        Value expected;
        try
        {
            expected = Arithmetic.Binary(Opcode.MUL, Value.FromI64(a), Value.FromI64(b));
        }
        catch (StoffelError error)
        {
            var thrown = Assert.ThrowsExactly<VmException>(() => vm.Execute("mul", Value.FromI64(a), Value.FromI64(b)));
            Assert.AreEqual(error.Kind, thrown.Kind);
            return;
        }
        Assert.AreEqual(expected, vm.Execute("mul", Value.FromI64(a), Value.FromI64(b)));
        Assert.AreEqual(expected, vm.Execute("mul", Value.FromI64(b), Value.FromI64(a)));
    }
}
