using Stoffel.Vm.Programs;
using Stoffel.Vm.Runtime;
using Stoffel.Vm.Values;

namespace Stoffel.Vm.Tests.Runtime;

[TestClass]
public sealed class HostApiTests
{
    [TestMethod]
    public void Unknown_functions_are_reported_up_front_with_caller_and_line()
    {
        var vm = TestPrograms.Load("""
            .function main()
                CALL helper
                CALL missing_one
                CALL missing_two
            .end
            .function helper()
            .end
            """);
        var ran = false;
        vm.Hooks.Register(Hooks.HookEventMask.BeforeInstructionExecute, (in Hooks.HookEvent _, Hooks.HookContext _) => ran = true);

        var error = Assert.ThrowsExactly<ProgramLoadException>(() => vm.Execute("main"));

        CollectionAssert.AreEqual(new[]
        {
            "test.stfa:3: unknown function 'missing_one' called from 'main' (instruction 1)",
            "test.stfa:4: unknown function 'missing_two' called from 'main' (instruction 2)",
        }, error.Errors.ToArray());
        Assert.IsFalse(ran, "nothing ran");
    }

    [TestMethod]
    public void Functions_registered_after_load_resolve_at_link()
    {
        var vm = TestPrograms.Load(".function main()\n LDI r1, 20\n PUSHARG r1\n CALL host_double\n.end");
        Assert.ThrowsExactly<ProgramLoadException>(() => vm.Link());

        vm.RegisterFunction("host_double", ctx => Value.FromI64(ctx[0].AsI64 * 2));

        Assert.AreEqual(40L, vm.Execute("main").AsI64);
    }

    [TestMethod]
    public void Program_functions_and_foreign_functions_share_one_namespace()
    {
        var vm = new VirtualMachine();
        vm.RegisterFunction("print", _ => Value.Unit);

        var error = Assert.ThrowsExactly<ProgramLoadException>(() => vm.Load(TestPrograms.Assemble(".function print()\n.end")));
        StringAssert.Contains(error.Message, "function 'print' is already defined");
        Assert.ThrowsExactly<InvalidOperationException>(() => vm.RegisterFunction("print", _ => Value.Unit));
    }

    [TestMethod]
    public void Foreign_errors_become_vm_errors_naming_the_function_and_call_site()
    {
        var vm = TestPrograms.Load(".function main()\n LDI r1, 1\n PUSHARG r1\n CALL fragile\n.end");
        vm.RegisterFunction("fragile", _ => throw new FormatException("bad input"));

        var error = Assert.ThrowsExactly<VmException>(() => vm.Execute("main"));

        Assert.AreEqual(VmErrorKind.ForeignFunctionError, error.Kind);
        Assert.AreEqual("foreign function 'fragile' failed: bad input", error.Message);
        Assert.AreEqual(4, error.SourceLine);
        Assert.AreEqual("error: foreign function 'fragile' failed: bad input" + Environment.NewLine + "  at main (test.stfa:4, instruction 2)", error.ToString());
    }

    [TestMethod]
    public void Foreign_objects_round_trip_through_scripts()
    {
        var vm = TestPrograms.Load(".function main(handle)\n PUSHARG r0\n CALL describe\n.end");
        var list = new List<int> { 1, 2, 3 };
        vm.RegisterFunction("describe", ctx => Value.FromI64(((List<int>)ctx[0].AsForeign!).Sum()));
        var handle = vm.RegisterForeignObject(list);

        Assert.AreEqual(ValueKind.Foreign, handle.Kind);
        Assert.AreEqual(handle, vm.RegisterForeignObject(list), "the same object keeps its id");
        Assert.AreEqual(6L, vm.Execute("main", handle).AsI64);
    }

    [TestMethod]
    public void A_foreign_function_may_call_back_into_the_vm()
    {
        var vm = TestPrograms.Load(TestPrograms.Fib + "\n.function main()\n LDI r1, 10\n PUSHARG r1\n CALL via_host\n.end");
        VirtualMachine machine = vm;
        vm.RegisterFunction("via_host", ctx => machine.Execute("fib", ctx[0]));

        Assert.AreEqual(55L, vm.Execute("main").AsI64);
    }

    [TestMethod]
    public void Entry_errors_name_the_problem()
    {
        var vm = TestPrograms.Load(TestPrograms.Fib);

        Assert.AreEqual(VmErrorKind.InvalidEntry, Assert.ThrowsExactly<VmException>(() => vm.Execute("nope")).Kind);
        var arity = Assert.ThrowsExactly<VmException>(() => vm.Execute("fib"));
        Assert.AreEqual(VmErrorKind.FunctionArityMismatch, arity.Kind);
        Assert.AreEqual("fib expects 1 argument, got 0", arity.Message);
    }

    [TestMethod]
    public void Mpc_programs_load_but_refuse_to_run_naming_the_feature()
    {
        var vm = new VirtualMachine();
        vm.RegisterFunction("ClientStore.take_share", _ => Value.Unit);
        vm.Load(TestPrograms.Assemble(".function main()\n CALL ClientStore.take_share\n MOV r16, r0\n.end"));

        var error = Assert.ThrowsExactly<VmException>(() => vm.Execute("main"));

        Assert.AreEqual(VmErrorKind.MpcRequired, error.Kind);
        StringAssert.Contains(error.Message, "calls ClientStore.take_share in main");
        StringAssert.Contains(error.Message, "uses secret register r16 in main");
    }

    [TestMethod]
    public void Frame_size_is_normalised_from_the_instructions()
    {
        var program = TestPrograms.Assemble(".function main() registers 1\n LDI r9, 4\n STS s3, r9\n LDS r0, s3\n.end");
        var main = program.FindFunction("main")!;
        Assert.AreEqual(1, main.DeclaredRegisterCount);
        Assert.AreEqual(10, main.RegisterCount);
        Assert.AreEqual(4, main.SpillSlotCount);

        var vm = new VirtualMachine();
        vm.Load(program);
        Assert.AreEqual(4L, vm.Execute("main").AsI64);
    }
}
