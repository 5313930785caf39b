using Stoffel.Vm.Runtime;
using Stoffel.Vm.Values;

namespace Stoffel.Vm.Tests.Runtime;

/// <summary>
/// The plain code's address an activation record keeps beside its function
/// (<see cref="ActivationRecord.PlainCodeAddress"/>), from which a return resumes its caller:
/// it is the function's whichever way the record was entered, also when the record last held
/// another function. (A checkpoint copies records whole: ExecutionRecordingTests rewinds into
/// calls that return.)
/// </summary>
[TestClass]
public sealed class RecordCodeAddressTests
{
    // main(n): the sum over i < n of via_a(i) and via_b(i), where via_a(i) = leaf(i) + 1 and
    // via_b(i) = leaf(i) - 1 and leaf(i) = i * 2. via_a and via_b take turns in the record at depth
    // 1, so leaf returns into a record whose function changed since its last call there.
    private const string Alternating = """
        .function main(n)
            MOV r5, r0
            LDI r2, 0
            LDI r6, 0
            LDI r3, 1
            JMP test
        body:
            PUSHARG r2
            CALL via_a
            MOV r7, r0
            ADD r6, r6, r7
            PUSHARG r2
            CALL via_b
            MOV r7, r0
            ADD r6, r6, r7
            ADD r2, r2, r3
        test:
            CMP r2, r5
            JMPLT body
            RET r6
        .end

        .function via_a(i)
            PUSHARG r0
            CALL leaf
            LDI r1, 1
            ADD r0, r0, r1
            RET r0
        .end

        .function via_b(i)
            PUSHARG r0
            CALL leaf
            LDI r1, 1
            SUB r0, r0, r1
            RET r0
        .end

        .function leaf(i)
            ADD r0, r0, r0
            RET r0
        .end
        """;

    [TestMethod]
    [DataRow(0L)]
    [DataRow(1L)]
    [DataRow(7L)]
    public void A_return_resumes_a_caller_whose_record_held_another_function_before(long n)
    {
        var expected = Enumerable.Range(0, (int)n).Sum(i => (2L * i + 1) + (2L * i - 1));

        foreach (var (vm, name) in new[] { (TestPrograms.Load(Alternating), "plain"), (TestPrograms.LoadHooked(Alternating), "hooked") })
        {
            Assert.AreEqual(expected, vm.Execute("main", Value.FromI64(n)).AsI64, name);
        }
    }

    [TestMethod]
    public void Every_live_record_keeps_its_functions_code_address_whichever_way_it_was_entered()
    {
        // CallSites: a program call, a call through another, a foreign call, a closure a host
        // function calls (a nested run), at the depths the records array reuses.
        var vm = TestPrograms.LoadWithCallSiteHosts(TestPrograms.CallSites.Replace(".function seven()\n    LDI r0, 7", ".function seven()\n    CALL check\n    LDI r0, 7", StringComparison.Ordinal));
        var checkedDepths = new List<int>();
        vm.RegisterFunction("check", _ =>
        {
            ref var calls = ref vm.State.Calls;
            for (var f = 0; f < calls.FrameCount; f++)
            {
                ref var record = ref calls.Frames[f];
                Assert.AreEqual(record.Function.PlainCodeAddress, record.PlainCodeAddress, $"record {f}, {record.Function.Name}");
            }
            checkedDepths.Add(calls.FrameCount);
            return Value.Unit;
        });

        Assert.AreEqual(7L, vm.Execute("main").AsI64);
        Assert.AreEqual(1, checkedDepths.Count, "seven ran once, through invoke");
        Assert.IsGreaterThanOrEqualTo(2, checkedDepths[0], "main's record and seven's");
    }
}
