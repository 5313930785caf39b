using Stoffel.Hooks.Watchpoints;
using Stoffel.Vm.Values;

namespace Stoffel.Hooks.Tests;

[TestClass]
public sealed class WatchpointTests
{
    [TestMethod]
    public void A_register_watchpoint_reports_each_change_with_old_and_new_value()
    {
        var vm = TestVm.Load("""
            .function main()
                LDI r1, 5
                LDI r1, 5
                LDI r2, 1
                LDI r1, 6
                RET r1
            .end
            """);
        var hits = new List<WatchHit>();
        using var watch = Watchpoint.AttachToRegister(vm, "main", 1, hits.Add);

        vm.Execute("main");

        Assert.HasCount(2, hits, "writing 5 over 5 and writing r2 do not fire");
        Assert.AreEqual((Value.Unit, Value.FromI64(5), 2, 0), (hits[0].OldValue, hits[0].NewValue, hits[0].SourceLine, hits[0].InstructionIndex));
        Assert.AreEqual((Value.FromI64(5), Value.FromI64(6), 5, 1), (hits[1].OldValue, hits[1].NewValue, hits[1].SourceLine, hits[1].Register));
        Assert.AreEqual("main", hits[1].Function);
    }

    [TestMethod]
    public void An_object_field_watchpoint_reports_writes_to_that_field_only()
    {
        var vm = TestVm.Load("""
            .function fill(table)
                MOV r3, r0
                PUSHARG r3
                LDI r1, "total"
                PUSHARG r1
                LDI r2, 10
                PUSHARG r2
                CALL set_field
                PUSHARG r3
                LDI r1, "other"
                PUSHARG r1
                PUSHARG r2
                CALL set_field
                PUSHARG r3
                LDI r1, "total"
                PUSHARG r1
                LDI r2, 20
                PUSHARG r2
                CALL set_field
                RET r0
            .end
            """);
        var table = vm.Objects.CreateObject();
        var hits = new List<WatchHit>();
        using var watch = Watchpoint.AttachToField(vm, table, Value.FromString("total"), hits.Add);

        vm.Execute("fill", table);

        Assert.HasCount(2, hits);
        Assert.AreEqual((Value.Unit, Value.FromI64(10)), (hits[0].OldValue, hits[0].NewValue));
        Assert.AreEqual((Value.FromI64(10), Value.FromI64(20)), (hits[1].OldValue, hits[1].NewValue));
        Assert.AreEqual(table, hits[1].Table);
        Assert.AreEqual(-1, hits[1].Register);
        Assert.AreEqual(Value.FromI64(20), table.AsObject!.Get(Value.FromString("total")));
    }

    [TestMethod]
    public void Watching_something_that_is_not_a_table_is_refused()
    {
        var vm = TestVm.Load(TestVm.Branch);

        Assert.ThrowsExactly<ArgumentException>(() => Watchpoint.AttachToField(vm, Value.FromI64(1), Value.Unit, _ => { }));
    }
}
