using Stoffel.Vm.Values;

namespace Stoffel.Vm.Tests.Values;

/// <summary>
/// The closure a call of a function with upvalues captures: a cell per name, which the loop's
/// upvalue paths read without a bounds check (<c>VMState.SameNameCell</c>).
/// </summary>
[TestClass]
public sealed class ClosureTests
{
    [TestMethod]
    public void A_closure_with_fewer_cells_than_names_is_refused()
    {
        var error = Assert.ThrowsExactly<ArgumentException>(() => new Closure("f", [Value.Unit], ["a", "b"]));

        Assert.AreEqual("cells", error.ParamName);
    }
}
