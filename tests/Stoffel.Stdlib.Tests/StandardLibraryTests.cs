using Stoffel.Vm.Runtime;

namespace Stoffel.Stdlib.Tests;

/// <summary>Registration: upstream names, module selection (docs/host-api.md "A VM and the standard library").</summary>
[TestClass]
public sealed class StandardLibraryTests
{
    private static readonly string[] Core = ["print", "assert", "type", "to_string"];
    private static readonly string[] Objects = ["create_object", "get_field", "set_field", "get_or_create_array_field"];
    private static readonly string[] Arrays =
        ["create_array", "array_push", "append", "array_length", "len", "slice", "contains", "array_concat", "array_repeat", "array_equals"];
    private static readonly string[] Closures =
        ["create_closure", "create_closure_with_upvalue", "call_closure", "call_closure_with_arg", "get_upvalue", "set_upvalue"];
    private static readonly string[] Lists =
        ["extend", "copy", "count", "index", "pop", "remove", "insert", "delete", "clear", "reverse", "sort", "range"];
    private static readonly string[] Strings =
        ["split", "join", "upper", "lower", "trim", "index_of", "replace", "parse_int", "parse_float"];
    private static readonly string[] Maths = ["abs", "min", "max", "pow", "sqrt", "floor", "ceil", "round"];
    private static readonly string[] Storage =
    [
        "LocalStorage.store", "LocalStorage.load", "LocalStorage.retrieve", "LocalStorage.load_share",
        "LocalStorage.exists", "LocalStorage.delete",
    ];
    private static readonly string[] Everything = [.. Core, .. Objects, .. Arrays, .. Closures, .. Lists, .. Strings, .. Maths, .. Storage];

    private static VirtualMachine With(StdlibModules modules)
    {
        var vm = new VirtualMachine();
        StandardLibrary.Register(vm, modules);
        return vm;
    }

    private static VirtualMachine DefaultVm()
    {
        var vm = new VirtualMachine();
        StandardLibrary.Register(vm);
        return vm;
    }

    [TestMethod]
    public void AllRegistersEveryBuiltinUnderUpstreamNames()
    {
        var vm = With(StdlibModules.All);

        foreach (var name in Everything)
        {
            Assert.IsTrue(vm.Inspector.IsForeignFunction(name), name);
        }
        Assert.HasCount(Everything.Length, vm.Inspector.FunctionNames);
    }

    [TestMethod]
    public void TheDefaultIsAll() =>
        CollectionAssert.AreEquivalent(With(StdlibModules.All).Inspector.FunctionNames.ToArray(), DefaultVm().Inspector.FunctionNames.ToArray());

    [TestMethod]
    [DataRow(StdlibModules.Core)]
    [DataRow(StdlibModules.Objects)]
    [DataRow(StdlibModules.Arrays)]
    [DataRow(StdlibModules.Closures)]
    [DataRow(StdlibModules.Lists)]
    [DataRow(StdlibModules.Strings)]
    [DataRow(StdlibModules.Math)]
    [DataRow(StdlibModules.Storage)]
    public void EachModuleRegistersExactlyItsBuiltins(StdlibModules module)
    {
        var expected = module switch
        {
            StdlibModules.Core => Core,
            StdlibModules.Objects => Objects,
            StdlibModules.Arrays => Arrays,
            StdlibModules.Closures => Closures,
            StdlibModules.Lists => Lists,
            StdlibModules.Strings => Strings,
            StdlibModules.Math => Maths,
            _ => Storage,
        };

        CollectionAssert.AreEquivalent(expected, With(module).Inspector.FunctionNames.ToArray());
    }

    [TestMethod]
    public void ASandboxCanLeaveOutCoreAndWithItPrint()
    {
        var vm = With(StdlibModules.All & ~StdlibModules.Core);

        Assert.IsFalse(vm.Inspector.IsDefined("print"));
        Assert.IsTrue(vm.Inspector.IsDefined("get_field"));
        Assert.AreEqual(VmErrorKind.InvalidEntry, Assert.ThrowsExactly<VmException>(() => vm.Execute("print")).Kind);
    }

    [TestMethod]
    public void NoneRegistersNothing() => Assert.IsEmpty(With(StdlibModules.None).Inspector.FunctionNames);

    [TestMethod]
    public void RegisteringTwiceIsRejected()
    {
        var vm = With(StdlibModules.Core);

        Assert.ThrowsExactly<InvalidOperationException>(() => StandardLibrary.Register(vm, StdlibModules.Core));
        StandardLibrary.Register(vm, StdlibModules.Arrays);
        Assert.IsTrue(vm.Inspector.IsDefined("len"));
    }

    [TestMethod]
    public void ANullVmIsRejected() =>
        Assert.ThrowsExactly<ArgumentNullException>(() => StandardLibrary.Register(null!));
}
