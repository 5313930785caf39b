using Stoffel.Vm.Hooks;
using Stoffel.Vm.Instructions;
using Stoffel.Vm.Runtime;
using Stoffel.Vm.Values;

namespace Stoffel.Vm.Tests.Runtime;

/// <summary>A hook registered from inside another hook's callback sees the very next instruction, never one 1,024 later.</summary>
[TestClass]
public sealed class HookRegistrationTimingTests
{
    // main calls f, then spins 3,000 instructions; f returns at once.
    private const string Program = """
        .function main()
            LDI r1, 0
            LDI r2, 1
            LDI r3, 1000
            CALL f
        spin:
            ADD r1, r1, r2
            CMP r1, r3
            JMPNEQ spin
            RET r1
        .end
        .function f()
            LDI r0, 7
            RET r0
        .end
        """;

    [TestMethod]
    [DataRow(HookEventMask.BeforeFunctionCall, "f", 0)]
    [DataRow(HookEventMask.AfterFunctionCall, "main", 4)]
    public void An_instruction_hook_registered_in_a_call_or_return_hook_fires_at_the_next_instruction(HookEventMask trigger, string function, int instruction)
    {
        var vm = TestPrograms.Load(Program);
        var first = new List<(string, int)>();
        var registered = false;
        vm.Hooks.Register(trigger, (in HookEvent e, HookContext _) =>
        {
            if (!registered && e.Name == "f")
            {
                registered = true;
                vm.Hooks.Register(HookEventMask.BeforeInstructionExecute, (in HookEvent i, HookContext _) => first.Add((i.Function!.Name, i.InstructionIndex)));
            }
        });

        Assert.AreEqual(1000L, vm.Execute("main").AsI64);

        Assert.AreEqual((function, instruction), first[0]);
    }

    [TestMethod]
    public void A_register_write_hook_registered_in_a_return_hook_sees_that_returns_write()
    {
        var vm = TestPrograms.Load(Program);
        var writes = new List<(int Register, long Value)>();
        HookId? returns = null;
        returns = vm.Hooks.Register(HookEventMask.AfterFunctionCall, (in HookEvent e, HookContext _) =>
        {
            vm.Hooks.Unregister(returns!.Value);
            vm.Hooks.Register(HookEventMask.RegisterWrite, (in HookEvent w, HookContext _) => writes.Add((w.Register, w.NewValue.AsI64)));
        });

        Assert.AreEqual(1000L, vm.Execute("main").AsI64);

        Assert.AreEqual((0, 7L), writes[0], "f's result written to main's r0");
    }

    [TestMethod]
    public void A_call_hook_registered_before_a_CALL_instruction_reports_that_call()
    {
        var vm = TestPrograms.Load(Program);
        var calls = new List<string>();
        var registered = false;
        vm.Hooks.Register(HookEventMask.BeforeInstructionExecute, (in HookEvent e, HookContext _) =>
        {
            if (!registered && e.Instruction.Opcode == Opcode.CALL)
            {
                registered = true;
                vm.Hooks.Register(HookEventMask.BeforeFunctionCall, (in HookEvent c, HookContext _) => calls.Add(c.Name!));
            }
        });

        Assert.AreEqual(1000L, vm.Execute("main").AsI64);

        CollectionAssert.AreEqual(new[] { "f" }, calls);
    }

    [TestMethod]
    public void A_call_hook_a_foreign_function_registers_reports_the_next_call()
    {
        var vm = TestPrograms.Load("""
            .function main()
                CALL register
                CALL f
                RET r0
            .end
            .function f()
                LDI r0, 7
                RET r0
            .end
            """);
        var calls = new List<string>();
        vm.RegisterFunction("register", _ =>
        {
            vm.Hooks.Register(HookEventMask.BeforeFunctionCall, (in HookEvent c, HookContext _) => calls.Add(c.Name!));
            return Value.Unit;
        });

        Assert.AreEqual(7L, vm.Execute("main").AsI64);

        CollectionAssert.AreEqual(new[] { "f" }, calls);
    }
}
