using Stoffel.Vm.Formats;
using Stoffel.Vm.Formats.Assembly;

namespace Stoffel.Testing.Tests;

[TestClass]
public sealed class DiscoveryTests
{
    private const string TwoTests = """
        ; expect-output: hello
        .function main()
            LDI r1, "hello"
            PUSHARG r1
            CALL print
        .end

        .function test_one()
            LDI r0, 1
        .end

        .function helper()
            LDI r0, 2
        .end

        .function test_two()
            ; skip: not ready
            LDI r0, 2
        .end
        """;

    [TestMethod]
    public void A_file_yields_its_script_case_then_its_test_functions_with_their_lines_and_skips()
    {
        var folder = new TestFolder();
        folder.Write("two.stfa", TwoTests);

        var cases = folder.Discover().Cases;

        CollectionAssert.AreEqual(new[] { "two.stfa", "two.stfa::test_one", "two.stfa::test_two" }, cases.Select(c => c.Name).ToArray());
        CollectionAssert.AreEqual(new[] { 2, 8, 16 }, cases.Select(c => c.Line).ToArray());
        CollectionAssert.AreEqual(new[] { TestCaseKind.Script, TestCaseKind.Function, TestCaseKind.Function }, cases.Select(c => c.Kind).ToArray());
        CollectionAssert.AreEqual(new[] { null, null, "not ready" }, cases.Select(c => c.SkipReason).ToArray());
        Assert.AreEqual(new Directive("hello", 1), cases[0].Expectations!.Output.Single());
    }

    [TestMethod]
    public void A_skip_outside_every_function_skips_the_whole_file()
    {
        var folder = new TestFolder();
        folder.Write("skipped.stfa", "; skip: broken upstream\n" + TwoTests);

        var cases = folder.Discover().Cases;

        Assert.IsTrue(cases.All(c => c.SkipReason == "broken upstream"), string.Join(", ", cases.Select(c => c.SkipReason)));
    }

    [TestMethod]
    public void A_skip_inside_the_entry_skips_the_script_case_and_one_inside_a_helper_is_an_error()
    {
        var folder = new TestFolder();
        folder.Write("entry.stfa", "; expect-result: 1\n.function main()\n    ; skip: flaky\n    LDI r0, 1\n.end\n");
        var suite = folder.Discover();
        var helper = folder.Write("helper.stfa", ".function helper()\n    ; skip: pointless\n.end\n.function test_it()\n.end\n");

        var error = Assert.ThrowsExactly<TestDiscoveryException>(() => StoffelTestSuite.Discover(helper)).Errors.Single();

        Assert.AreEqual("flaky", suite.Cases.Single().SkipReason);
        Assert.AreEqual($"{helper}:1: skip inside 'helper', which no case runs: put it in a test_* function, the entry function, or outside every function", error);
    }

    [TestMethod]
    public void Directories_are_searched_recursively_in_order_leaving_out_build_output_and_project_folders()
    {
        var folder = new TestFolder();
        Directory.CreateDirectory(Path.Combine(folder.Path, "b"));
        Directory.CreateDirectory(Path.Combine(folder.Path, "bin"));
        Directory.CreateDirectory(Path.Combine(folder.Path, ".hidden"));
        Directory.CreateDirectory(Path.Combine(folder.Path, "host"));
        folder.Write(Path.Combine("host", "Host.csproj"), "<Project />");
        folder.Write(Path.Combine("host", "needs_host.stfa"), ".function test_host()\n    CALL host_only\n.end\n");
        const string Test = ".function test_it()\n.end\n";
        folder.Write("z.stfa", Test);
        folder.Write(Path.Combine("b", "a.stfa"), Test);
        folder.Write(Path.Combine("bin", "copy.stfa"), Test);
        folder.Write(Path.Combine(".hidden", "copy.stfa"), Test);
        folder.Write("notes.stfa", "; just a program\n.function main()\n.end\n");

        var names = folder.Discover().Cases.Select(c => c.Name).ToArray();
        var named = StoffelTestSuite.Discover(Path.Combine(folder.Path, "host"), new StoffelTestOptions { BaseDirectory = folder.Path }).Cases.Select(c => c.Name).ToArray();

        CollectionAssert.AreEqual(new[] { "z.stfa::test_it", "b/a.stfa::test_it" }, names);
        CollectionAssert.AreEqual(new[] { "host/needs_host.stfa::test_host" }, named, "a project folder named explicitly is searched");
    }

    [TestMethod]
    public void A_binary_states_its_expectations_in_a_sidecar()
    {
        var folder = new TestFolder();
        var program = StfaAssembler.Assemble(".function main()\n    LDI r0, 41\n    RET r0\n.end\n.function test_binary()\n.end\n", "prog.stfa");
        File.WriteAllBytes(Path.Combine(folder.Path, "prog.stflb"), StflWriter.Write(program));
        folder.Write("prog.stflb.expect", "; a binary's expectations\n; expect-result: 42\n");

        var suite = folder.Discover();
        var run = suite.Run(jobs: 1);

        CollectionAssert.AreEqual(new[] { "prog.stflb", "prog.stflb::test_binary" }, suite.Cases.Select(c => c.Name).ToArray());
        var failure = run.Results[0].Failure!;
        Assert.AreEqual((Path.Combine(folder.Path, "prog.stflb.expect"), 2, "42", "41"), (failure.FilePath, failure.Line, failure.Expected, failure.Actual));
        Assert.AreEqual(TestOutcome.Passed, run.Results[1].Outcome);
    }

    [TestMethod]
    public void Every_malformed_directive_is_reported_with_file_and_line()
    {
        var folder = new TestFolder();
        var path = folder.Write("bad.stfa", """
            ; expect-reslt: 1
            ; expect-error-line: twelve
            ; args: 1 nonsense
            ; expect-output: a
            ; entry: main
            ; entry: other
            .function main()
            .end
            """);

        var errors = Assert.ThrowsExactly<TestDiscoveryException>(() => folder.Discover()).Errors;

        string[] expected =
        [
            $"{path}:1: unknown directive 'expect-reslt'",
            $"{path}:2: expect-error-line needs a line number (1 or more), got 'twelve'",
            $"{path}:3: args: nonsense: ",
            $"{path}:6: entry given twice (first on line 5)",
            $"{path}:2: expect-error-line needs an expect-error",
        ];
        Assert.HasCount(expected.Length, errors, string.Join("\n", errors));
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.StartsWith(expected[i], errors[i]);
        }
    }

    [TestMethod]
    public void Missing_paths_wrong_files_empty_files_and_assembly_errors_are_discovery_errors()
    {
        var folder = new TestFolder();
        var text = folder.Write("notes.txt", "hello");
        var empty = folder.Write("empty.stfa", ".function main()\n.end\n");
        var broken = folder.Write("broken.stfa", "; expect-result: 1\n.function main()\n    FROB r1\n.end\n");
        var missing = Path.Combine(folder.Path, "missing");

        var errors = Assert.ThrowsExactly<TestDiscoveryException>(() => StoffelTestSuite.Discover([missing, text, empty, broken])).Errors;

        Assert.AreEqual(4, errors.Count, string.Join("\n", errors));
        Assert.AreEqual($"{missing}: no such file or directory", errors[0]);
        Assert.AreEqual($"{text}: not a .stfa or .stflb file", errors[1]);
        Assert.StartsWith($"{empty}: no test cases", errors[2]);
        Assert.StartsWith($"{broken}:3:", errors[3]);
    }

    [TestMethod]
    public void A_folder_without_tests_is_an_error()
    {
        var folder = new TestFolder();

        var error = Assert.ThrowsExactly<TestDiscoveryException>(() => folder.Discover());

        Assert.AreEqual($"no test cases found in {folder.Path}", error.Message);
    }

    [TestMethod]
    public void Filter_keeps_the_cases_whose_name_contains_the_text_ignoring_case()
    {
        var folder = new TestFolder();
        folder.Write("two.stfa", TwoTests);

        var names = folder.Discover().Filter("TEST_O").Cases.Select(c => c.Name).ToArray();

        CollectionAssert.AreEqual(new[] { "two.stfa::test_one" }, names);
    }
}
