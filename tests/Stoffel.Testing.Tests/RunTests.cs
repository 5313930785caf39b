using Stoffel.Vm.Runtime;

namespace Stoffel.Testing.Tests;

[TestClass]
public sealed class RunTests
{
    private const string Loop = """
        .function test_hangs()
        loop:
            JMP loop
        .end
        """;

    [TestMethod]
    public void A_failing_assert_reports_its_message_at_the_line_of_its_call()
    {
        var folder = new TestFolder();
        var path = folder.Write("assert.stfa", """
            .function test_assert()
                LDI r1, false
                PUSHARG r1
                LDI r1, "totals must match"
                PUSHARG r1
                CALL assert
            .end
            """);

        var result = folder.Discover().Cases.Single().Run();

        Assert.AreEqual(TestOutcome.Failed, result.Outcome);
        Assert.AreEqual(new TestFailure("totals must match", path, 6, Actual: "totals must match"), result.Failure);
        Assert.AreEqual("assert.stfa:6: assert.stfa::test_assert: totals must match", result.Describe());
    }

    [TestMethod]
    public void Each_kind_of_script_mismatch_names_the_directive_line_and_both_values()
    {
        var folder = new TestFolder();
        folder.Write("output.stfa", "; expect-output: one\n; expect-output: three\n.function main()\n    LDI r1, \"one\"\n    PUSHARG r1\n    CALL print\n    LDI r1, \"two\"\n    PUSHARG r1\n    CALL print\n.end\n");
        folder.Write("missing.stfa", "; expect-output: one\n.function main()\n.end\n");
        folder.Write("result.stfa", "; expect-result: 7\n.function main()\n    LDI r0, 6\n    RET r0\n.end\n");
        folder.Write("unit.stfa", "; entry: five\n.function five()\n    LDI r0, 5\n    RET r0\n.end\n");
        folder.Write("noerror.stfa", "; expect-error: division by zero\n.function main()\n    LDI r0, 1\n    RET r0\n.end\n");
        folder.Write("errorline.stfa", "; expect-error: division by zero\n; expect-error-line: 3\n.function main()\n    LDI r1, 1\n    LDI r2, 0\n    DIV r0, r1, r2\n.end\n");
        folder.Write("unexpected.stfa", "; expect-result: 1\n.function main()\n    LDI r1, 1\n    LDI r2, 0\n    DIV r0, r1, r2\n.end\n");
        folder.Write("args.stfa", "; args: 20 22\n; expect-result: 42\n.function main(a, b)\n    ADD r0, r0, r1\n    RET r0\n.end\n");

        var described = folder.Discover().Run(jobs: 2).Results.ToDictionary(r => r.Case.Name, r => r.Describe());

        Assert.AreEqual("args.stfa: passed", described["args.stfa"]);
        Assert.AreEqual("output.stfa:2: output.stfa: output line 2: expected \"three\", got \"two\"", described["output.stfa"]);
        Assert.AreEqual("missing.stfa:1: missing.stfa: output line 1: expected \"one\", got (end of output)", described["missing.stfa"]);
        Assert.AreEqual("result.stfa:1: result.stfa: result: expected \"7\", got \"6\"", described["result.stfa"]);
        Assert.AreEqual("unit.stfa:2: unit.stfa: result: expected \"()\", got \"5\"", described["unit.stfa"]);
        Assert.AreEqual("noerror.stfa:1: noerror.stfa: error containing: expected \"division by zero\", got no error but result 1", described["noerror.stfa"]);
        Assert.AreEqual("errorline.stfa:2: errorline.stfa: error line: expected \"3\", got \"6\"", described["errorline.stfa"]);
        Assert.StartsWith("unexpected.stfa:5: unexpected.stfa: division by zero", described["unexpected.stfa"]);
    }

    [TestMethod]
    public void A_test_function_that_takes_arguments_fails_without_running()
    {
        var folder = new TestFolder();
        folder.Write("args.stfa", ".function test_with(x)\n.end\n");

        var result = folder.Discover().Cases.Single().Run();

        Assert.AreEqual("args.stfa:1: args.stfa::test_with: test_with takes 1 argument(s); a test function takes none", result.Describe());
    }

    [TestMethod]
    public void A_vm_that_cannot_be_set_up_fails_the_case_with_the_reason()
    {
        var folder = new TestFolder();
        folder.Write("clash.stfa", "; expect-result: 1\n.function print()\n    LDI r0, 1\n    RET r0\n.end\n.function main()\n    CALL print\n    RET r0\n.end\n");
        folder.Write("host.stfa", ".function test_host()\n.end\n");
        var options = new StoffelTestOptions { ConfigureVm = _ => throw new InvalidOperationException("no database") };

        var clash = folder.Discover().Run(jobs: 1).Results[0];
        var host = folder.Discover(options).Run(jobs: 1).Results.Single(r => r.Case.Name == "host.stfa::test_host");

        Assert.AreEqual("clash.stfa:6: clash.stfa: cannot set up the VM: function 'print' is already defined (a builtin or foreign function)", clash.Describe());
        Assert.AreEqual("host.stfa:1: host.stfa::test_host: cannot set up the VM: no database", host.Describe());
    }

    [TestMethod]
    public void A_hanging_case_is_cut_by_its_budget_while_the_others_pass()
    {
        var folder = new TestFolder();
        folder.Write("a_hang.stfa", Loop);
        folder.Write("b_ok.stfa", ".function test_ok()\n.end\n");

        var byBudget = folder.Discover(new StoffelTestOptions { MaxInstructions = 10_000 }).Run(jobs: 2);
        var byTimeout = folder.Discover(new StoffelTestOptions { Timeout = TimeSpan.FromMilliseconds(300) }).Run(jobs: 2);

        foreach (var run in new[] { byBudget, byTimeout })
        {
            CollectionAssert.AreEqual(new[] { TestOutcome.Failed, TestOutcome.Passed }, run.Results.Select(r => r.Outcome).ToArray());
            Assert.AreEqual("1 passed, 1 failed, 0 skipped", run.Summary);
        }
        Assert.Contains("instruction limit of 10000", byBudget.Results[0].Failure!.Message);
        Assert.Contains("timed out", byTimeout.Results[0].Failure!.Message);
    }

    [TestMethod]
    public void The_host_registers_its_own_foreign_functions_in_every_case_vm()
    {
        var folder = new TestFolder();
        folder.Write("host.stfa", "; expect-result: 42\n.function main()\n    CALL answer\n    RET r0\n.end\n");
        var vms = new System.Collections.Concurrent.ConcurrentBag<VirtualMachine>();
        var options = new StoffelTestOptions
        {
            ConfigureVm = vm =>
            {
                vms.Add(vm);
                vm.RegisterFunction("answer", () => 42L);
            },
        };

        var suite = folder.Discover(options);
        var first = suite.Run(jobs: 1);
        var second = suite.Run(jobs: 1);

        Assert.AreEqual("1 passed, 0 failed, 0 skipped", first.Summary);
        Assert.AreEqual("1 passed, 0 failed, 0 skipped", second.Summary);
        Assert.HasCount(2, vms.Distinct());
    }

    [TestMethod]
    public void Results_keep_the_suite_order_whatever_the_jobs_count()
    {
        var folder = new TestFolder();
        for (var i = 0; i < 12; i++)
        {
            folder.Write($"t{i:D2}.stfa", $"; expect-result: {i}\n.function main()\n    LDI r0, {i}\n    RET r0\n.end\n");
        }
        var suite = folder.Discover();

        var sequential = suite.Run(jobs: 1);
        var parallel = suite.Run(jobs: 4);

        CollectionAssert.AreEqual(suite.Cases.ToArray(), parallel.Results.Select(r => r.Case).ToArray());
        CollectionAssert.AreEqual(sequential.Results.Select(r => r.Outcome).ToArray(), parallel.Results.Select(r => r.Outcome).ToArray());
        Assert.AreEqual(12, parallel.Passed);
    }

    [TestMethod]
    public void Coverage_of_every_case_is_merged_per_program()
    {
        var folder = new TestFolder();
        var path = folder.Write("covered.stfa", """
            .function helper()
                LDI r0, 1
            .end
            .function test_a()
                CALL helper
            .end
            .function test_b()
                CALL helper
            .end
            .function never()
                LDI r0, 2
            .end
            """);

        var run = folder.Discover(new StoffelTestOptions { CollectCoverage = true }).Run(jobs: 2);

        var program = run.Coverage!.Programs.Single();
        Assert.AreEqual(path, program.SourcePath);
        var calls = program.Functions.ToDictionary(f => f.Name, f => f.Calls);
        Assert.AreEqual(2, calls["helper"]);
        Assert.AreEqual(0, calls["never"]);
        var helperLine = program.Functions.Single(f => f.Name == "helper").LineHits.Single();
        Assert.AreEqual(new KeyValuePair<int, long>(2, 2), helperLine);
    }

    [TestMethod]
    public void Invalid_options_are_rejected_before_discovery()
    {
        var folder = new TestFolder();

        Assert.ThrowsExactly<ArgumentException>(() => folder.Discover(new StoffelTestOptions { MaxInstructions = 0 }));
        Assert.ThrowsExactly<ArgumentException>(() => folder.Discover(new StoffelTestOptions { Timeout = TimeSpan.Zero }));
        Assert.ThrowsExactly<ArgumentException>(() => StoffelTestSuite.Discover([]));
    }
}
