using Stoffel.Hooks.Coverage;
using Stoffel.Stdlib;
using Stoffel.Vm.Formats.Assembly;
using Stoffel.Vm.Runtime;

namespace Stoffel.Hooks.Tests;

[TestClass]
public sealed class CoverageMergeTests
{
    [TestMethod]
    public void Reports_of_vms_sharing_a_program_add_up_calls_and_hits_per_instruction()
    {
        var program = StfaAssembler.Assemble(TestVm.Fib, "fib.stfa");
        var other = StfaAssembler.Assemble(TestVm.Branch, "branch.stfa");
        var first = Covered(program, "main");
        var second = Covered(program, "main");
        var third = Covered(other, "main");

        var merged = CoverageMerge.Combine([first, second, third]);

        CollectionAssert.AreEqual(new[] { program, other }, merged.Programs.Select(p => p.Program).ToArray());
        var single = first.Programs.Single().Functions.Single(f => f.Name == "fib");
        var fib = merged.Programs[0].Functions.Single(f => f.Name == "fib");
        Assert.AreEqual(2 * single.Calls, fib.Calls);
        CollectionAssert.AreEqual(single.InstructionHits.Select(h => 2 * h).ToArray(), fib.InstructionHits.ToArray());
        CollectionAssert.AreEqual(single.InstructionLines.ToArray(), fib.InstructionLines.ToArray());
        Assert.AreEqual(third.Programs.Single(), merged.Programs[1]);
    }

    [TestMethod]
    public void No_reports_merge_into_an_empty_report()
    {
        Assert.IsEmpty(CoverageMerge.Combine([]).Programs);
    }

    private static CoverageReport Covered(Vm.Programs.StoffelProgram program, string entry)
    {
        var vm = new VirtualMachine { Output = TextWriter.Null };
        StandardLibrary.Register(vm);
        vm.Load(program);
        using var coverage = CoverageCollector.Attach(vm);
        vm.Execute(entry);
        return coverage.Report();
    }
}
