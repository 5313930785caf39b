using Stoffel.Vm.Instructions;
using Stoffel.Vm.Runtime;
using Stoffel.Vm.Values;

namespace Stoffel.Vm.Tests.Runtime;

/// <summary>
/// Which fused calls of the plain code the linker binds to a builtin's inline case
/// (<see cref="BoundBuiltinCall"/>): a run of as many pushes as the builtin's common case takes,
/// whose CALL reaches a builtin registered with that intrinsic, and only while it does.
/// </summary>
[TestClass]
public sealed class BoundBuiltinCallTests
{
    private static readonly ForeignFunction Host = _ => Value.Unit;

    private static CallTarget Builtin(string name, Intrinsic intrinsic) => new(name, Host, intrinsic, path: null, replayable: true, recordId: 0);

    [TestMethod]
    public void A_run_of_the_builtins_arity_is_bound_and_goes_back_when_the_target_changes()
    {
        // Callees: 0 get_field, 1 set_field, 2 get_upvalue, 3 set_upvalue, 4 array_push (no bound case), 5 call_closure (any arity with the closure pushed).
        CallTarget?[] callees =
        [
            Builtin("get_field", Intrinsic.GetField), Builtin("set_field", Intrinsic.SetField),
            Builtin("get_upvalue", Intrinsic.GetUpvalue), Builtin("set_upvalue", Intrinsic.SetUpvalue),
            Builtin("array_push", Intrinsic.ArrayPush), Builtin("call_closure", Intrinsic.CallClosure),
        ];
        Instruction[] code =
        [
            new(FusedCall.Opcode, 24, 2, 0), new(FusedCall.Opcode, 48, 1, 0), new(Opcode.CALL, 0, 0, 0), // get_field(a, b); a jump to the second push
            new(FusedCall.Opcode, 24, 3, 1), new(FusedCall.Opcode, 48, 2, 1), new(FusedCall.Opcode, 72, 1, 1), new(Opcode.CALL, 1, 0, 0),
            new(FusedCall.Opcode, 24, 1, 2), new(Opcode.CALL, 2, 0, 0),
            new(FusedCall.Opcode, 24, 2, 3), new(FusedCall.Opcode, 48, 1, 3), new(Opcode.CALL, 3, 0, 0),
            new(FusedCall.Opcode, 24, 2, 4), new(FusedCall.Opcode, 48, 1, 4), new(Opcode.CALL, 4, 0, 0),
            new(FusedCall.Opcode, 24, 3, 0), new(FusedCall.Opcode, 48, 2, 0), new(FusedCall.Opcode, 72, 1, 0), new(Opcode.CALL, 0, 0, 0), // get_field with three arguments, or two after a jump
            new(FusedCall.Opcode, 24, 2, 5), new(FusedCall.Opcode, 48, 1, 5), new(Opcode.CALL, 5, 0, 0), // call_closure(c, x), or c() after a jump
            new(FusedCall.Opcode, 24, 0, 5), // call_closure with nothing pushed: no closure to enter
        ];
        var unbound = code.ToArray();
        var empty = Enumerable.Repeat(true, code.Length).ToArray(); // as if every run could start with nothing pushed

        BoundBuiltinCall.Bind(code, callees, empty);

        var expected = unbound.ToArray();
        expected[0] = expected[0] with { Opcode = BoundBuiltinCall.GetField };
        expected[3] = expected[3] with { Opcode = BoundBuiltinCall.SetField };
        expected[7] = expected[7] with { Opcode = BoundBuiltinCall.GetUpvalue };
        expected[9] = expected[9] with { Opcode = BoundBuiltinCall.SetUpvalue };
        expected[16] = expected[16] with { Opcode = BoundBuiltinCall.GetField };
        expected[19] = expected[19] with { Opcode = BoundBuiltinCall.CallClosure };
        expected[20] = expected[20] with { Opcode = BoundBuiltinCall.CallClosure };
        CollectionAssert.AreEqual(expected, code, "each push from which the builtin's arity is left before the CALL");

        callees[0] = Builtin("get_field", Intrinsic.None); // a host's replacement
        callees[2] = null; // nothing registered under the name
        callees[5] = Builtin("call_closure", Intrinsic.None);
        BoundBuiltinCall.Bind(code, callees, empty);

        (expected[0], expected[7], expected[16], expected[19], expected[20]) = (unbound[0], unbound[7], unbound[16], unbound[19], unbound[20]);
        CollectionAssert.AreEqual(expected, code, "back to fused calls of whatever the names reach now");
    }

    [TestMethod]
    public void A_run_that_arguments_pushed_before_it_may_precede_stays_the_fused_call()
    {
        CallTarget?[] callees = [Builtin("get_field", Intrinsic.GetField)];
        Instruction[] code = [new(FusedCall.Opcode, 24, 2, 0), new(FusedCall.Opcode, 48, 1, 0), new(Opcode.CALL, 0, 0, 0)];

        BoundBuiltinCall.Bind(code, callees, [false, false, true]);

        Assert.AreEqual(FusedCall.Opcode, code[0].Opcode, "its bound case would take two of the CALL's three arguments");
    }

    [TestMethod]
    public void A_run_calling_a_program_function_with_its_arity_and_no_upvalues_is_bound_to_enter_it()
    {
        var loaded = new LoadedProgram(TestPrograms.Assemble("""
            .function caller(a)
                PUSHARG r0
                CALL one
                PUSHARG r0
                PUSHARG r0
                CALL one
                PUSHARG r0
                PUSHARG r0
                CALL two
                PUSHARG r0
                CALL captures
                RET r0
            .end
            .function one(a)
                RET r0
            .end
            .function two(a, b)
                RET r0
            .end
            .function captures(a)
                .upvalues b
                RET r0
            .end
            """), firstFunctionId: 0, new VMState());
        for (var i = 0; i < loaded.Callees.Length; i++)
        {
            loaded.Callees[i] = new CallTarget(loaded.Functions.Single(f => f.Name == loaded.Program.CalleeNames[i]));
        }
        var code = loaded.Functions[0].PlainCode;

        BoundBuiltinCall.Bind(code, loaded.Callees, loaded.Functions[0].ArgumentsEmptyBefore);

        Opcode[] expected =
        [
            BoundBuiltinCall.ProgramCall, Opcode.CALL,
            FusedCall.Opcode, FusedCall.Opcode, Opcode.CALL, // one(a, a); the second push passes one, but the first is pushed before it
            BoundBuiltinCall.ProgramCall, FusedCall.Opcode, Opcode.CALL, // two(a, a); two's arity is not left after a jump to the second push
            FusedCall.Opcode, Opcode.CALL, // a function with upvalues captures them at its call
            Opcode.RET, Opcode.RET,
        ];
        CollectionAssert.AreEqual(expected, code.Select(i => i.Opcode).ToArray());
    }

    [TestMethod]
    public void A_bound_program_call_after_arguments_pushed_before_its_run_fails_as_the_CALL_does()
    {
        // The run (PUSHARG r1, CALL one) has one's arity, but the CALL takes both pushes.
        const string source = """
            .function main(a)
                PUSHARG r0
                LDI r1, 1
                PUSHARG r1
                CALL one
                RET r0
            .end
            .function one(a)
                RET r0
            .end
            """;
        foreach (var vm in new[] { TestPrograms.Load(source), TestPrograms.LoadHooked(source) })
        {
            var error = Assert.ThrowsExactly<VmException>(() => vm.Execute("main", Value.FromI64(5)));
            Assert.AreEqual((VmErrorKind.FunctionArityMismatch, 3), (error.Kind, error.InstructionIndex));
        }
    }
}
