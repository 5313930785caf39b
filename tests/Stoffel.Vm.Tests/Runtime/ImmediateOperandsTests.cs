using Stoffel.Vm.Hooks;
using Stoffel.Vm.Instructions;
using Stoffel.Vm.Runtime;
using Stoffel.Vm.Values;

namespace Stoffel.Vm.Tests.Runtime;

/// <summary>
/// A constant <c>SUB</c> whose load's register is not read again before it is written takes the
/// constant as an immediate and leaves the register unwritten (<see cref="ImmediateOperands"/>):
/// which loads the analysis picks, and that nothing outside the program sees the difference — the
/// inspector shows the constant, a host's write reads back, the plain loop writes the register
/// once the record was cleared, and the hooked loop finds the constant in it.
/// </summary>
[TestClass]
public sealed class ImmediateOperandsTests
{
    // dirty() leaves 99 in the slot check's r1 gets (same depth, r1 uncleared: check writes it
    // before any read); check(n) subtracts 5 and then 6 through r1, which nothing reads again,
    // and inspects itself after each (inspect returns how many times it ran, into r0).
    private const string Program = """
        .function main(n)
            MOV r3, r0
            CALL dirty
            PUSHARG r3
            CALL check
            RET r0
        .end
        .function dirty()
            LDI r1, 99
            MOV r0, r1
            RET r0
        .end
        .function check(n)
            LDI r1, 5
            SUB r2, r0, r1
            CALL inspect
            LDI r1, 6
            SUB r2, r2, r1
            CALL inspect
            RET r2
        .end
        """;

    [TestMethod]
    public void A_constant_subtracted_and_not_read_again_is_an_immediate_and_pending_until_its_register_is_written()
    {
        var check = Function(Program, "check");

        Assert.AreEqual(ImmediateOperands.Subtract, check.PlainCode[0].Opcode);
        Assert.AreEqual(ImmediateOperands.Subtract, check.PlainCode[3].Opcode);
        CollectionAssert.AreEqual(
            new[] { "", "1=5", "1=5", "1=5", "1=6", "1=6", "1=6", "" },
            PendingAt(check),
            "r1 stands for 5 from its load to the next, then for 6; nothing reaches the sentinel RET");
    }

    [TestMethod]
    public void Fibs_two_constant_subtractions_are_immediates_and_its_compare_loads_its_constant()
    {
        var fib = Function(Stoffel.Tests.Shared.SharedPrograms.Fib, "fib");

        CollectionAssert.AreEqual(
            new[] { 4, 9 },
            Enumerable.Range(0, fib.PlainCode.Length).Where(i => fib.PlainCode[i].Opcode == ImmediateOperands.Subtract).ToArray());
        Assert.AreEqual(SuccessorFusion.MoveThenImmediateSubtract, fib.PlainCode[8].Opcode, "MOV r4, r0 runs with the second");
        Assert.AreEqual(SuccessorFusion.MoveThenConstantJumpIfLess, fib.PlainCode[0].Opcode, "n < 2 still writes r1");
    }

    [TestMethod]
    public void A_load_whose_register_is_read_again_or_meets_another_value_writes_it()
    {
        var readAgain = Function("""
            .function f(n)
                LDI r1, 3
                SUB r2, r0, r1
                ADD r2, r2, r1
                RET r2
            .end
            """, "f");
        var meets = Function("""
            .function f(n)
                LDI r1, 1
                SUB r2, r0, r1
                CMP r0, r0
                JMPEQ join
                MOV r1, r0
            join:
                RET r2
            .end
            """, "f");
        var overwritten = Function("""
            .function f(n)
                LDI r1, 1
                SUB r1, r0, r1
                RET r1
            .end
            """, "f");

        Assert.AreEqual(ConstantOperand.ThenSubtract, readAgain.PlainCode[0].Opcode, "the ADD reads r1");
        Assert.AreEqual(ConstantOperand.ThenSubtract, meets.PlainCode[0].Opcode, "at join r1 is 1 on one path and n on the other");
        Assert.AreEqual(ImmediateOperands.Subtract, overwritten.PlainCode[0].Opcode, "the SUB writes r1 itself");
        CollectionAssert.AreEqual(new[] { "", "1=1", "", "" }, PendingAt(overwritten), "pending only at the SUB, which runs in the load's dispatch");
    }

    [TestMethod]
    public void The_inspector_shows_the_constant_of_a_register_the_plain_loop_left_unwritten()
    {
        foreach (var hooked in new[] { false, true })
        {
            var (vm, seen) = Load(hooked);

            Assert.AreEqual(Value.FromI64(9), vm.Execute("main", Value.FromI64(20)));

            CollectionAssert.AreEqual(new[] { "5 15", "6 9" }, seen, hooked ? "hooked" : "plain: the slot still holds dirty's 99");
        }
    }

    [TestMethod]
    public void A_host_write_to_a_pending_register_reads_back_and_the_plain_loop_then_writes_the_next_constant()
    {
        var first = true;
        var (vm, seen) = Load(hooked: false, before: machine =>
        {
            if (first)
            {
                machine.SetRegister(0, 1, Value.FromI64(42));
                first = false;
            }
        });

        vm.Execute("main", Value.FromI64(20));

        CollectionAssert.AreEqual(new[] { "42 15", "6 9" }, seen);
    }

    [TestMethod]
    public void The_hooked_loop_taking_over_a_record_finds_the_pending_constant_in_its_register()
    {
        // The first inspect registers the hook, so check's record was entered by the plain loop
        // and its r1 left unwritten; the hooked loop runs the rest of it, and its load of 6
        // reports what r1 held before.
        var writes = new List<HookEvent>();
        var (vm, _) = Load(hooked: false, before: machine =>
        {
            if (machine.Hooks.Count == 0)
            {
                machine.Hooks.Register(HookEventMask.RegisterWrite, (in HookEvent e, HookContext _) => writes.Add(e));
            }
        });

        vm.Execute("main", Value.FromI64(20));

        var load = writes.Single(e => e.Function!.Name == "check" && e.Register == 1);
        Assert.AreEqual(Value.FromI64(6), load.NewValue);
        Assert.AreEqual(Value.FromI64(5), load.OldValue, "not dirty's 99");
    }

    // before: what the foreign inspect does before it records check's r1 and r2 in Seen.
    private static (VirtualMachine Vm, List<string> Seen) Load(bool hooked, Action<VirtualMachine>? before = null)
    {
        var vm = TestPrograms.Load(Program);
        var seen = new List<string>();
        var runs = 0L;
        vm.RegisterFunction("inspect", _ =>
        {
            before?.Invoke(vm);
            seen.Add($"{vm.Inspector.GetRegister(0, 1)} {vm.Inspector.GetRegister(0, 2)}"); // frame 0: inspect is foreign and pushes none
            return Value.FromI64(++runs);
        });
        if (hooked)
        {
            vm.Hooks.Register(HookEventMask.BeforeInstructionExecute, static (in HookEvent e, HookContext context) => { });
        }
        return (vm, seen);
    }

    private static RuntimeFunction Function(string source, string name) =>
        new LoadedProgram(TestPrograms.Assemble(source), firstFunctionId: 0, new VMState()).Functions.Single(f => f.Name == name);

    // Per instruction of function's code, its pending registers as "register=constant", comma-separated.
    private static string[] PendingAt(RuntimeFunction function) =>
        Enumerable.Range(0, function.Code.Length)
            .Select(ip => function.Pending is { } pending ? string.Join(",", pending.At(ip).ToArray().Select(p => $"{p.Register}={p.Value}")) : "")
            .ToArray();
}
