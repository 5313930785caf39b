using Stoffel.Vm.Programs;
using Stoffel.Vm.Runtime;
using Stoffel.Vm.Values;

namespace Stoffel.Vm.Tests.Runtime;

[TestClass]
public sealed class HostApiTests
{
    private const string UnknownCallees = """
        .function main()
            CALL helper
            LDI r0, 7
            CMP r0, r0
            JMPEQ done
            CALL missing_one
            CALL missing_two
        done:
            RET r0
        .end
        .function helper()
        .end
        """;

    [TestMethod]
    public void Unknown_functions_on_a_path_not_taken_do_not_stop_a_run()
    {
        var vm = TestPrograms.Load(UnknownCallees);

        Assert.AreEqual(7L, vm.Execute("main").AsI64);
    }

    [TestMethod]
    public void A_call_to_an_unknown_function_fails_when_it_runs_with_name_line_and_stack()
    {
        var vm = TestPrograms.Load(".function main()\n LDI r0, 1\n CALL helper\n.end\n.function helper()\n CALL nowhere\n.end");

        var error = Assert.ThrowsExactly<VmException>(() => vm.Execute("main"));

        Assert.AreEqual(VmErrorKind.FunctionNotFound, error.Kind);
        Assert.AreEqual("function 'nowhere' not found", error.Message);
        CollectionAssert.AreEqual(new[] { ("helper", 6), ("main", 3) }, error.StoffelStackTrace.Select(f => (f.FunctionName, f.SourceLine)).ToArray());
    }

    [TestMethod]
    public void Link_reports_every_unknown_function_up_front_with_caller_and_line()
    {
        var vm = TestPrograms.Load(UnknownCallees);

        var unresolved = vm.FindUnresolvedCalls();
        var error = Assert.ThrowsExactly<ProgramLoadException>(vm.Link);

        CollectionAssert.AreEqual(new[]
        {
            new UnresolvedCall("missing_one", "main", 4, 6, "test.stfa"),
            new UnresolvedCall("missing_two", "main", 5, 7, "test.stfa"),
        }, unresolved.ToArray());
        CollectionAssert.AreEqual(new[]
        {
            "test.stfa:6: unknown function 'missing_one' called from 'main' (instruction 4)",
            "test.stfa:7: unknown function 'missing_two' called from 'main' (instruction 5)",
        }, error.Errors.ToArray());
    }

    [TestMethod]
    public void Functions_registered_after_load_are_found_by_the_call()
    {
        var vm = TestPrograms.Load(".function main()\n LDI r1, 20\n PUSHARG r1\n CALL host_double\n.end");
        Assert.AreEqual(VmErrorKind.FunctionNotFound, Assert.ThrowsExactly<VmException>(() => vm.Execute("main")).Kind);

        vm.RegisterFunction("host_double", ctx => Value.FromI64(ctx[0].AsI64 * 2));

        Assert.AreEqual(0, vm.FindUnresolvedCalls().Count);
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
    public void An_entry_that_needs_captured_upvalues_names_each_one()
    {
        var vm = TestPrograms.Load(".function counter()\n.upvalues secret_context, step\n.end");

        var error = Assert.ThrowsExactly<VmException>(() => vm.Execute("counter"));

        Assert.AreEqual(VmErrorKind.InvalidEntry, error.Kind);
        Assert.AreEqual("entry function 'counter' requires captured upvalues (secret_context, step) and cannot be called directly; call it through a closure (create_closure)", error.Message);
    }

    [TestMethod]
    public void Programs_using_the_secret_register_bank_load_but_refuse_to_run()
    {
        var vm = new VirtualMachine();
        vm.RegisterFunction("ClientStore.take_share", _ => Value.Unit);
        vm.Load(TestPrograms.Assemble(".function main()\n CALL ClientStore.take_share\n MOV r16, r0\n.end"));

        var error = Assert.ThrowsExactly<VmException>(() => vm.Execute("main"));

        Assert.AreEqual(VmErrorKind.MpcRequired, error.Kind);
        Assert.AreEqual("this program needs MPC, which Stoffel for .NET does not implement: uses secret register r16 in main (registers r16 and up are the MPC secret bank)", error.Message);
    }

    [TestMethod]
    public void A_clear_program_naming_an_mpc_builtin_runs_until_it_calls_one()
    {
        var vm = TestPrograms.Load("""
            .function main(secret)
                LDI r1, 5
                LDI r2, 1
                CMP r0, r2
                JMPEQ mpc
                RET r1
            mpc:
                PUSHARG r1
                CALL Share.from_clear
            .end
            """);

        Assert.AreEqual(5L, vm.Execute("main", Value.FromI64(0)).AsI64);
        var error = Assert.ThrowsExactly<VmException>(() => vm.Execute("main", Value.FromI64(1)));
        Assert.AreEqual(VmErrorKind.MpcRequired, error.Kind);
        Assert.AreEqual("this program needs MPC, which Stoffel for .NET does not implement: it calls Share.from_clear (an MPC builtin)", error.Message);
        Assert.AreEqual(9, error.SourceLine);
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
