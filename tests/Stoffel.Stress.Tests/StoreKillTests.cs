using Stoffel.Stress.Processes;
using Stoffel.Stress.Store;
using Stoffel.Stdlib;
using Stoffel.Vm.Formats.Assembly;
using Stoffel.Vm.Runtime;

namespace Stoffel.Stress.Tests;

/// <summary><c>store-kills</c>: a store killed during writes reads back and keeps no temporary file; torn or stale contents are caught.</summary>
[TestClass]
public sealed class StoreKillTests
{
    [TestMethod]
    [Timeout(120_000, CooperativeCancellation = true)]
    public void Three_kills_during_store_writes_leave_a_store_that_reads_back()
    {
        var report = new StoreKiller(StoffelCommand.Locate()).Run(new StoreKillOptions { Kills = 3, Seed = 11 });

        Assert.IsTrue(report.Passed, ReportText.Of(report));
        Assert.AreEqual(3, report.Count);
        Assert.IsGreaterThan(0L, report.Figure("rounds the writers completed"), "the writers wrote before they were killed");
        Assert.AreEqual(report.Figure("kills that left a temporary file"), report.Figure("temporary files removed"), "each leftover is gone after the next open");
    }

    [TestMethod]
    [DataRow(5L, true, true, 5000L, 6L, 5000L, null)]
    [DataRow(5L, true, true, 5000L, 5L, 5000L, null)]
    [DataRow(0L, false, true, 5000L, 1L, 5000L, null)]
    [DataRow(0L, false, false, 0L, 0L, 0L, null)]
    [DataRow(5L, true, true, 4999L, 6L, 4999L, "a torn payload: 4999 elements, 4999 of them equal to the first (6), where the writer stores 5000 equal ones")]
    [DataRow(5L, true, true, 5000L, 6L, 4000L, "a torn payload: 5000 elements, 4000 of them equal to the first (6), where the writer stores 5000 equal ones")]
    [DataRow(5L, true, true, 5000L, 7L, 5000L, "the payload of round 7 with the counter at 5")]
    [DataRow(5L, true, false, 0L, 0L, 0L, "the counter 5 is stored without the payload written before it")]
    public void Only_states_the_writer_passes_through_are_accepted(long counter, bool hasCounter, bool hasPayload, long length, long tag, long matching, string? problem)
    {
        var snapshot = new StoreSnapshot(counter, hasCounter, hasPayload, length, tag, matching);

        Assert.AreEqual(problem, snapshot.Problem(5000, previous: null));
    }

    [TestMethod]
    public void A_store_that_went_back_is_a_problem()
    {
        var before = new StoreSnapshot(9, true, true, 5000, 10, 5000);
        var after = new StoreSnapshot(5, true, true, 5000, 6, 5000);

        Assert.AreEqual("the store went back: counter 9 → 5, payload round 10 → 6", after.Problem(5000, before));
        Assert.IsNull(before.Problem(5000, after));
    }

    [TestMethod]
    public void A_snapshot_reads_what_a_program_stored_and_a_torn_file_does_not_read()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("stoffel-stress-tests-").FullName, "store.json");
        var vm = new VirtualMachine { Output = TextWriter.Null };
        StandardLibrary.Register(vm, StdlibModules.All, new StdlibOptions { LocalStorePath = path });
        vm.Load(StfaAssembler.Assemble("""
            .function main()
                CALL create_array
                MOV r4, r0
                PUSHARG r4
                LDI r1, 3
                PUSHARG r1
                PUSHARG r1
                CALL array_push
                LDI r1, "payload"
                PUSHARG r1
                PUSHARG r4
                CALL LocalStorage.store
                LDI r1, "n"
                PUSHARG r1
                LDI r1, 2
                PUSHARG r1
                CALL LocalStorage.store
            .end
            """, "store.stfa"));
        vm.Execute("main");

        Assert.AreEqual(new StoreSnapshot(2, true, true, 2, 3, 2), StoreSnapshot.Read(path));

        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        Assert.ThrowsExactly<InvalidDataException>(() => StoreSnapshot.Read(path));
        Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
    }
}
