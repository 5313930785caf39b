using Stoffel.Stress.SharedProgram;
using Stoffel.Vm.Formats.Assembly;
using Stoffel.Vm.Runtime;

namespace Stoffel.Stress.Tests;

/// <summary><c>shared-program</c>: one program on many threads, each run on its own VM, gives one result; a run that differs is reported.</summary>
[TestClass]
public sealed class SharedProgramTests
{
    [TestMethod]
    public void Four_threads_by_fifty_runs_of_one_program_agree()
    {
        var report = new SharedProgramRunner(SharedProgramRunner.Workload(), SharedProgramRunner.StandardVm).Run(new SharedProgramOptions { Threads = 4, Runs = 50, Seed = 3 });

        Assert.IsTrue(report.Passed, ReportText.Of(report));
        Assert.AreEqual(200, report.Count);
        Assert.AreEqual(9, report.Figure("different arguments"));
    }

    [TestMethod]
    public void The_workload_computes_what_its_comment_says()
    {
        var output = new StringWriter { NewLine = "\n" };
        var vm = SharedProgramRunner.StandardVm(output);
        vm.Load(SharedProgramRunner.Workload());

        var result = vm.Execute("main", Vm.Values.Value.FromI64(8));

        Assert.AreEqual("[0, 1, 1, 2, 3, 5, 8, 13] {fibs: [0, 1, 1, 2, 3, 5, 8, 13], text: #12345678, count: 9}\n", output.ToString());
        Assert.AreEqual("{fibs: [0, 1, 1, 2, 3, 5, 8, 13], text: #12345678, count: 9}", Vm.Values.ValueFormatter.Format(result));
    }

    [TestMethod]
    public void A_run_that_differs_is_reported_with_its_thread_run_and_case()
    {
        long ticks = 0;
        var program = StfaAssembler.Assemble(".function main(n)\n    CALL tick\n.end\n", "tick.stfa");
        VirtualMachine Ticking(TextWriter output)
        {
            var vm = SharedProgramRunner.StandardVm(output);
            vm.RegisterFunction("tick", () => Interlocked.Increment(ref ticks));
            return vm;
        }

        var report = new SharedProgramRunner(program, Ticking).Run(new SharedProgramOptions { Threads = 2, Runs = 5, Seed = 1 });

        Assert.AreEqual(10, report.FailureCount, "every run counts further than the runs alone did");
        var failure = report.Failures[0];
        StringAssert.Matches(failure.Message, new System.Text.RegularExpressions.Regex("""^thread [01], run [0-4]: main\([0-9]+\) gave "=> [0-9]+" where it gave "=> [1-9]" alone$"""));
        StringAssert.Contains(ReportText.Of(report), $"replay: Stoffel.Stress shared-program --seed 1 --threads 2 --runs 5 --case {failure.Case}");
    }
}
