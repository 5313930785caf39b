using Stoffel.Vm.Runtime;

namespace Stoffel.Stdlib.Tests;

[TestClass]
public sealed class BuiltinCatalogTests
{
    public static IEnumerable<object[]> Modules =>
        Enum.GetValues<StdlibModules>().Where(m => m is not (StdlibModules.None or StdlibModules.All)).Select(m => new object[] { m });

    [TestMethod]
    [DynamicData(nameof(Modules))]
    public void The_catalog_lists_exactly_the_builtins_a_module_registers(StdlibModules module)
    {
        var vm = new VirtualMachine();
        StandardLibrary.Register(vm, module);
        CollectionAssert.AreEquivalent(
            vm.Inspector.FunctionNames.ToArray(),
            BuiltinCatalog.All.Where(b => b.Module == module).Select(b => b.Name).ToArray());
    }

    [TestMethod]
    public void Optional_and_variadic_parameters_set_the_argument_counts()
    {
        var pop = BuiltinCatalog.Find("pop")!;
        Assert.AreEqual("pop(list, index?)", pop.Signature);
        Assert.AreEqual((1, (int?)2), (pop.MinArguments, pop.MaxArguments));
        var print = BuiltinCatalog.Find("print")!;
        Assert.AreEqual((0, (int?)null), (print.MinArguments, print.MaxArguments));
        Assert.IsNull(BuiltinCatalog.Find("Print"));
    }
}
