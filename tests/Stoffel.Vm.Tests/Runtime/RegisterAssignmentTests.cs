using Stoffel.Vm.Hooks;
using Stoffel.Vm.Instructions;
using Stoffel.Vm.Runtime;
using Stoffel.Vm.Values;

namespace Stoffel.Vm.Tests.Runtime;

/// <summary>
/// A call leaves uncleared the registers its function always writes before reading them
/// (<see cref="RegisterAssignment"/>): which ones the analysis picks, and that nothing outside
/// the program — the inspector, a host's write, the heap measure, a RegisterWrite event — sees
/// what such a register still holds from an earlier activation.
/// </summary>
[TestClass]
public sealed class RegisterAssignmentTests
{
    // f(n): r2 is written only when n is not 0, then inspected, then written again.
    private const string Branchy = """
        .function f(n)
            LDI r1, 0
            CMP r0, r1
            JMPEQ skip
            LDI r2, 1
        skip:
            CALL inspect
            LDI r2, 3
            RET r2
        .end
        """;

    // dirty() leaves 7, 8, 9 and a table in the slots clean() then gets, twice; clean() reads none
    // of its registers before writing it, and inspects itself before and after writing them
    // (inspect returns how many times it ran, into r0).
    private const string Program = """
        .function main()
            CALL dirty
            CALL clean
            CALL dirty
            CALL clean
            RET r0
        .end
        .function dirty()
            LDI r0, 7
            LDI r1, 8
            LDI r2, 9
            CALL create_object
            MOV r3, r0
            RET r2
        .end
        .function clean()
            CALL inspect
            LDI r1, 5
            MOV r2, r1
            MOV r3, r1
            CALL inspect
            RET r2
        .end
        """;

    [TestMethod]
    public void Functions_that_read_no_register_before_writing_it_clear_none_and_the_others_clear_up_to_the_last_they_must()
    {
        Assert.AreEqual(1, ClearEnd(Stoffel.Tests.Shared.SharedPrograms.Fib, "fib"), "fib: only its parameter");
        Assert.AreEqual(0, ClearEnd(Program, "clean"));
        Assert.AreEqual(3, ClearEnd(Branchy, "f"), "r2 is written on one path to the CALL and read on none before it is written again");
        Assert.AreEqual(2, ClearEnd("""
            .function f()
                LDI r2, 1
                ADD r0, r1, r2
                RET r0
            .end
            """, "f"), "r1 is read unwritten");
        Assert.AreEqual(4, ClearEnd("""
            .function f() registers 2
                LDS r0, s1
                LDI r1, 1
                STS s0, r1
                LDS r1, s0
                RET r0
            .end
            """, "f"), "spill slot s1 (slot 3) is read unwritten, s0 is not");
    }

    [TestMethod]
    public void A_register_read_before_it_is_written_is_Unit_up_to_the_last_such_slot_after_the_parameters()
    {
        // dirty(a, b, c) leaves its three 9s where reader(n) then gets r0..r2; reader writes none of
        // r1, r2 and returns the last (its ClearEnd is 3: one parameter, then two slots to clear).
        const string source = """
            .function main()
                LDI r1, 9
                PUSHARG r1
                PUSHARG r1
                PUSHARG r1
                CALL dirty
                PUSHARG r1
                CALL reader
                RET r0
            .end
            .function dirty(a, b, c)
                RET r2
            .end
            .function reader(n)
                RET r2
            .end
            """;
        foreach (var hooked in new[] { false, true })
        {
            var vm = TestPrograms.Load(source);
            if (hooked)
            {
                vm.Hooks.Register(HookEventMask.BeforeInstructionExecute, static (in HookEvent e, HookContext context) => { });
            }

            Assert.AreEqual(Value.Unit, vm.Execute("main"), hooked ? "hooked" : "plain (a fused call)");
        }
    }

    [TestMethod]
    public void The_inspector_shows_Unit_for_a_register_not_yet_written_whatever_the_stack_held_there()
    {
        foreach (var hooked in new[] { false, true })
        {
            var (vm, seen) = Load(hooked);

            Assert.AreEqual(5L, vm.Execute("main").AsI64);

            CollectionAssert.AreEqual(new[] { "() () () ()", "1 5 5 5", "() () () ()", "3 5 5 5" }, seen, hooked ? "hooked" : "plain");
        }
    }

    [TestMethod]
    public void A_register_written_on_one_path_only_shows_what_that_path_wrote()
    {
        foreach (var (n, expected) in new[] { (0L, "0 0 ()"), (1L, "1 0 1") })
        {
            var vm = TestPrograms.Load(Branchy);
            var seen = new List<string>();
            vm.RegisterFunction("inspect", _ =>
            {
                seen.Add(string.Join(" ", Enumerable.Range(0, 3).Select(r => vm.Inspector.GetRegister(0, r).ToString())));
                return Value.Unit;
            });

            vm.Execute("f", Value.FromI64(n));

            CollectionAssert.AreEqual(new[] { expected }, seen, $"n = {n}");
        }
    }

    [TestMethod]
    public void A_host_write_to_a_register_not_yet_written_reads_back_and_the_others_stay_Unit()
    {
        var after = new List<string>();
        var first = true;
        var (vm, _) = Load(hooked: false, inspect: machine =>
        {
            if (first)
            {
                machine.SetRegister(0, 2, Value.FromI64(42));
                first = false;
            }
            after.Add(Registers(machine));
        });

        Assert.AreEqual(5L, vm.Execute("main").AsI64);

        CollectionAssert.AreEqual(new[] { "() () 42 ()", "1 5 5 5", "() () () ()", "3 5 5 5" }, after, "the second call of clean reuses the first's record");
    }

    [TestMethod]
    public void The_heap_measure_does_not_count_a_table_only_an_unwritten_register_still_holds()
    {
        var live = new List<long>();
        var (vm, _) = Load(hooked: false, inspect: machine => live.Add(machine.MeasureHeap().LiveTables));

        vm.Execute("main");

        CollectionAssert.AreEqual(new[] { 0L, 0L, 0L, 0L }, live, "dirty's table is garbage once it returned");
    }

    [TestMethod]
    public void A_returns_RegisterWrite_reports_Unit_as_the_old_value_of_an_unwritten_r0()
    {
        // The hook is registered by the first inspect, so clean's frame was entered by the plain
        // loop, uncleared; its r0 still holds dirty's table when inspect's result is written to it.
        var writes = new List<HookEvent>();
        var (vm, _) = Load(hooked: false, inspect: machine =>
        {
            if (machine.Hooks.Count == 0)
            {
                machine.Hooks.Register(HookEventMask.RegisterWrite, (in HookEvent e, HookContext _) => writes.Add(e));
            }
        });

        vm.Execute("main");

        var first = writes.First(e => e.Function!.Name == "clean" && e.Register == 0);
        Assert.AreEqual(Value.FromI64(1), first.NewValue);
        Assert.AreEqual(Value.Unit, first.OldValue, "clean's r0 still held dirty's table");
    }

    // inspect: what the foreign inspect does; by default it records clean's registers in Seen.
    private static (VirtualMachine Vm, List<string> Seen) Load(bool hooked, Action<VirtualMachine>? inspect = null)
    {
        var vm = TestPrograms.Load(Program);
        var seen = new List<string>();
        inspect ??= machine => seen.Add(Registers(machine));
        vm.RegisterFunction("create_object", context => context.Objects.CreateObject());
        var runs = 0L;
        vm.RegisterFunction("inspect", _ =>
        {
            inspect(vm);
            return Value.FromI64(++runs);
        });
        if (hooked)
        {
            vm.Hooks.Register(HookEventMask.BeforeInstructionExecute, static (in HookEvent e, HookContext context) => { });
        }
        return (vm, seen);
    }

    // clean's four registers as the inspector shows them (frame 0: inspect is foreign and pushes none).
    private static string Registers(VirtualMachine vm) =>
        string.Join(" ", Enumerable.Range(0, 4).Select(r => vm.Inspector.GetRegister(0, r).ToString()));

    private static int ClearEnd(string source, string function)
    {
        var compiled = TestPrograms.Assemble(source).Functions.Single(f => f.Name == function);
        Instruction[] code = [.. compiled.Instructions, new Instruction(Opcode.RET, 0, 0, 0)];
        return RegisterAssignment.Of(code, compiled.RegisterCount, compiled.RegisterCount + compiled.SpillSlotCount, compiled.Parameters.Count).ClearEnd;
    }
}
