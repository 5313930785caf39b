using Stoffel.Hooks.Coverage;
using Stoffel.Vm.Formats.Assembly;
using Stoffel.Vm.Formats;
using Stoffel.Vm.Runtime;

namespace Stoffel.Hooks.Tests;

[TestClass]
public sealed class CoverageTests
{
    [TestMethod]
    public void An_untaken_branch_has_zero_hits_in_the_lcov_file()
    {
        var vm = TestVm.LoadFromFile(TestVm.Branch, out var source);
        using var coverage = CoverageCollector.Attach(vm);
        vm.Execute("main");
        var lcov = Path.Combine(TestVm.TempDirectory(), "out.lcov");

        var written = LcovWriter.WriteFile(coverage.Report(), lcov, "branch");

        CollectionAssert.AreEqual(new[] { lcov }, written.ToArray());
        CollectionAssert.AreEqual(new[]
        {
            "TN:branch",
            "SF:" + source,
            "FN:2,main",
            "FNDA:1,main",
            "FNF:1",
            "FNH:1",
            "DA:2,1",
            "DA:3,1",
            "DA:4,1",
            "DA:5,0",
            "DA:6,0",
            "DA:8,1",
            "LF:6",
            "LH:4",
            "end_of_record",
        }, File.ReadAllLines(lcov));
    }

    [TestMethod]
    public void Counts_calls_and_lines_of_fib_including_functions_that_never_ran()
    {
        var vm = TestVm.Load(TestVm.Fib + "\n.function unused()\n    RET r0\n.end\n");
        using var coverage = CoverageCollector.Attach(vm);
        vm.Execute("main");

        var functions = coverage.Report().Programs.Single().Functions;

        Assert.AreEqual(177, functions.Single(f => f.Name == "fib").Calls);
        var unused = functions.Single(f => f.Name == "unused");
        Assert.AreEqual(0, unused.Calls);
        Assert.AreEqual(27, unused.FirstLine);
        Assert.IsTrue(unused.LineHits.All(l => l.Value == 0));
        var fibLines = functions.Single(f => f.Name == "fib").LineHits.ToDictionary(p => p.Key, p => p.Value);
        Assert.AreEqual(177, fibLines[8]);
        Assert.AreEqual(89, fibLines[24]);
        Assert.HasCount(16, fibLines);
    }

    [TestMethod]
    public void Reports_of_several_runs_merge_by_source_file_and_function()
    {
        var first = TestVm.LoadFromFile(TestVm.Branch, out var source);
        var second = new VirtualMachine { Output = TextWriter.Null };
        second.Load(StfaAssembler.AssembleFile(source));
        using var one = CoverageCollector.Attach(first);
        using var two = CoverageCollector.Attach(second);
        first.Execute("main");
        second.Execute("main");
        second.Execute("main");

        var merged = CoverageReport.Merge([one.Report(), two.Report()]);

        var main = merged.Programs.Single().Functions.Single();
        Assert.AreEqual(3, main.Calls);
        Assert.AreEqual(3, main.LineHits.Single(p => p.Key == 2).Value);
        Assert.AreEqual(0, main.LineHits.Single(p => p.Key == 5).Value);
    }

    [TestMethod]
    public void Collectors_on_one_vm_count_only_while_each_is_attached()
    {
        var vm = TestVm.Load(TestVm.Fib);
        using var early = CoverageCollector.Attach(vm);
        vm.Execute("main");
        var late = CoverageCollector.Attach(vm);
        vm.Execute("main");
        late.Dispose();
        vm.Execute("main");

        Assert.AreEqual(3 * 177, early.Report().Programs.Single().Functions.Single(f => f.Name == "fib").Calls);
        Assert.AreEqual(177, late.Report().Programs.Single().Functions.Single(f => f.Name == "fib").Calls);
    }

    [TestMethod]
    public void A_binary_without_source_gets_its_disassembly_next_to_the_lcov_file()
    {
        var binary = StflReader.Read(StflWriter.Write(StfaAssembler.Assemble(TestVm.Branch, "branch.stfa")));
        Assert.IsNull(binary.SourcePath);
        var vm = new VirtualMachine { Output = TextWriter.Null };
        vm.Load(binary);
        using var coverage = CoverageCollector.Attach(vm);
        vm.Execute("main");
        var lcov = Path.Combine(TestVm.TempDirectory(), "out.lcov");

        var written = LcovWriter.WriteFile(coverage.Report(), lcov);

        CollectionAssert.AreEqual(new[] { lcov, lcov + ".stfa" }, written.ToArray());
        var disassembly = File.ReadAllLines(lcov + ".stfa");
        var records = File.ReadAllLines(lcov);
        Assert.Contains("SF:" + lcov + ".stfa", records);
        // Every DA line points at an instruction of the disassembly; the untaken LDI r1, 2 has 0 hits.
        foreach (var da in records.Where(r => r.StartsWith("DA:", StringComparison.Ordinal)))
        {
            var line = int.Parse(da[3..da.IndexOf(',')], System.Globalization.CultureInfo.InvariantCulture);
            Assert.StartsWith("    ", disassembly[line - 1], da);
        }
        var ldi2 = Array.FindIndex(disassembly, l => l.Trim() == "LDI r1, 2") + 1;
        Assert.Contains($"DA:{ldi2},0", records);
    }
}
