namespace Stoffel.Cli.Tests;

/// <summary><c>stoffel run</c> as a new user meets it: results, errors, exit codes.</summary>
[TestClass]
public sealed class RunCommandTests
{
    private static string Example(string name) => Path.Combine(Cli.Examples, name);

    [TestMethod]
    public void Fib_example_prints_its_result_on_the_last_line()
    {
        var result = Cli.RunProcess("run", Example("fib.stfa"));

        Assert.AreEqual(0, result.ExitCode, result.ToString());
        Assert.AreEqual("6765", result.Stdout.TrimEnd('\n'));
    }

    [TestMethod]
    public void Entry_and_arguments_select_what_runs()
    {
        var result = Cli.Run("run", Example("fib.stfa"), "--entry", "fib", "--arg", "25");

        Assert.AreEqual(0, result.ExitCode, result.ToString());
        Assert.AreEqual("75025", result.LastLine);
    }

    [TestMethod]
    public void Program_output_precedes_the_result_line()
    {
        var result = Cli.Run("run", Example("closures.stfa"));

        CollectionAssert.AreEqual(new[] { "11", "12", "13" }, result.StdoutLines);
    }

    [TestMethod]
    public void A_vm_error_exits_1_with_the_stoffel_stack_trace()
    {
        var result = Cli.RunProcess("run", Example("error.stfa"));

        Assert.AreEqual(ExitCodes.VmError, result.ExitCode, result.ToString());
        CollectionAssert.AreEqual(new[]
        {
            "error: division by zero (int64)",
            "  at ratio (error.stfa:21, instruction 2)",
            "  at main (error.stfa:13, instruction 4)",
        }, result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain("   at Stoffel.", result.Stderr, "no .NET stack trace");
    }

    [TestMethod]
    public void Type_errors_name_the_function_and_line()
    {
        var path = Cli.TempFile("types.stfa", ".function main()\n    LDI r1, \"a\"\n    LDI r2, 1\n    MUL r0, r1, r2\n.end\n");

        var result = Cli.Run("run", path);

        Assert.AreEqual(ExitCodes.VmError, result.ExitCode, result.ToString());
        StringAssert.StartsWith(result.Stderr, "error: MUL cannot combine string \"a\" and int64 1");
        StringAssert.Contains(result.Stderr, "at main (types.stfa:4, instruction 2)");
    }

    private const string UnknownCallees = ".function main()\n    LDI r0, 0\n    CMP r0, r0\n    JMPEQ done\n    CALL prnt\n    CALL helper\ndone:\n    RET r0\n.end\n";

    [TestMethod]
    public void Unknown_functions_on_a_path_not_taken_run_as_upstream()
    {
        var path = Cli.TempFile("untaken.stfa", UnknownCallees);

        var result = Cli.Run("run", path);

        Assert.AreEqual(ExitCodes.Success, result.ExitCode, result.ToString());
        Assert.AreEqual("0", result.LastLine);
    }

    [TestMethod]
    public void A_call_to_an_unknown_function_that_runs_fails_at_that_call()
    {
        var path = Cli.TempFile("taken.stfa", ".function main()\n    LDI r0, 1\n    CALL prnt\n.end\n");

        var result = Cli.Run("run", path);

        Assert.AreEqual(ExitCodes.VmError, result.ExitCode, result.ToString());
        StringAssert.StartsWith(result.Stderr, "error: function 'prnt' not found");
        StringAssert.Contains(result.Stderr, "at main (taken.stfa:3, instruction 1)");
    }

    [TestMethod]
    public void Strict_refuses_unknown_functions_up_front_listing_each_call()
    {
        var path = Cli.TempFile("calls.stfa", UnknownCallees);

        var result = Cli.Run("run", path, "--strict");

        Assert.AreEqual(ExitCodes.LoadError, result.ExitCode, result.ToString());
        CollectionAssert.AreEqual(new[]
        {
            $"{path}:5: unknown function 'prnt' called from 'main' (instruction 3)",
            $"{path}:6: unknown function 'helper' called from 'main' (instruction 4)",
        }, result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [TestMethod]
    public void Asm_warns_of_unknown_functions_and_still_writes_the_binary()
    {
        var path = Cli.TempFile("warn.stfa", UnknownCallees);
        var binary = Path.ChangeExtension(path, ".stflb");

        var result = Cli.Run("asm", path, "-o", binary);

        Assert.AreEqual(ExitCodes.Success, result.ExitCode, result.ToString());
        CollectionAssert.AreEqual(new[]
        {
            $"warning: {path}:5: unknown function 'prnt' called from 'main' (instruction 3)",
            $"warning: {path}:6: unknown function 'helper' called from 'main' (instruction 4)",
        }, result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.AreEqual("0", Cli.Run("run", binary).LastLine);
    }

    [TestMethod]
    public void Asm_is_quiet_when_every_callee_is_a_program_function_or_builtin()
    {
        var binary = Cli.TempFile("fib.stflb", "");

        var result = Cli.Run("asm", Example("closures.stfa"), "-o", binary);

        Assert.AreEqual(ExitCodes.Success, result.ExitCode, result.ToString());
        Assert.AreEqual("", result.Stderr);
    }

    [TestMethod]
    public void An_empty_entry_name_is_a_usage_error()
    {
        var result = Cli.Run("run", Example("fib.stfa"), "--entry", "");

        Assert.AreEqual(ExitCodes.LoadError, result.ExitCode, result.ToString());
        Assert.AreEqual("error: --entry needs a function name, got an empty one\n", result.Stderr);
    }

    [TestMethod]
    public void Runaway_loops_stop_at_max_instructions()
    {
        var path = Cli.TempFile("spin.stfa", ".function main()\nspin:\n    JMP spin\n.end\n");

        var result = Cli.RunProcess("run", path, "--max-instructions", "100000");

        Assert.AreEqual(ExitCodes.VmError, result.ExitCode, result.ToString());
        StringAssert.StartsWith(result.Stderr, "error: instruction limit of 100000 reached");
        StringAssert.Contains(result.Stderr, "at main (spin.stfa:3, instruction 0)");
    }

    [TestMethod]
    public void Timeouts_stop_a_run()
    {
        var path = Cli.TempFile("spin.stfa", ".function main()\nspin:\n    JMP spin\n.end\n");

        var result = Cli.Run("run", path, "--timeout", "0.2");

        Assert.AreEqual(ExitCodes.VmError, result.ExitCode, result.ToString());
        StringAssert.StartsWith(result.Stderr, "error: execution timed out after 0.2 s");
    }

    [TestMethod]
    public void Unbounded_recursion_is_a_vm_error_not_a_crash()
    {
        var path = Cli.TempFile("deep.stfa", ".function main()\n    CALL main\n.end\n");

        var result = Cli.RunProcess("run", path);

        Assert.AreEqual(ExitCodes.VmError, result.ExitCode, result.ToString());
        StringAssert.StartsWith(result.Stderr, "error: call depth limit of 100000 frames reached calling main");
    }

    [TestMethod]
    public void Multi_error_assembly_reports_every_error_and_exits_2()
    {
        var path = Cli.TempFile("broken.stfa", ".function main()\n    MOVE r1, r2\n    LDI r1, 300u8\n    JMP nowhere\n.end\n");

        var result = Cli.RunProcess("run", path);

        Assert.AreEqual(ExitCodes.LoadError, result.ExitCode, result.ToString());
        var lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.HasCount(3, lines, result.Stderr);
        StringAssert.StartsWith(lines[0], $"{path}:2:5: ");
        StringAssert.StartsWith(lines[1], $"{path}:3:13: ");
        StringAssert.StartsWith(lines[2], $"{path}:4:9: ");
    }

    [TestMethod]
    public void Truncated_binaries_are_a_clear_load_error()
    {
        var bytes = File.ReadAllBytes(Path.Combine(Cli.Conformance, "fizzbuzz.stflb"));
        var path = Cli.TempFile("cut.stflb", bytes[..(bytes.Length / 2)]);

        var result = Cli.RunProcess("run", path);

        Assert.AreEqual(ExitCodes.LoadError, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Stderr, "truncated file");
        Assert.DoesNotContain("Exception", result.Stderr);
    }

    [TestMethod]
    public void Wrong_magic_and_random_bytes_are_a_clear_load_error()
    {
        var elf = Cli.TempFile("elf.stflb", [0x7F, 0x45, 0x4C, 0x46, 1, 2, 3]);
        var result = Cli.Run("run", elf);
        Assert.AreEqual(ExitCodes.LoadError, result.ExitCode);
        StringAssert.Contains(result.Stderr, "not a Stoffel binary: bad magic 7F454C46");

        var random = new Random(1234);
        for (var i = 0; i < 50; i++)
        {
            var bytes = new byte[random.Next(4, 400)];
            random.NextBytes(bytes);
            "STFL"u8.CopyTo(bytes);
            var outcome = Cli.Run("run", Cli.TempFile("random.stflb", bytes));
            Assert.AreEqual(ExitCodes.LoadError, outcome.ExitCode, outcome.ToString());
            Assert.DoesNotContain("internal error", outcome.Stderr);
        }
    }

    [TestMethod]
    [DataRow(new[] { "run" }, "Required argument missing")]
    [DataRow(new[] { "run", "x.stfa", "--bogus" }, "Unrecognized command or argument '--bogus'")]
    [DataRow(new[] { "fly" }, "Unrecognized command or argument 'fly'")]
    public void Usage_errors_exit_2(string[] args, string message)
    {
        var result = Cli.Run(args);

        Assert.AreEqual(ExitCodes.LoadError, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Stderr, message);
    }

    [TestMethod]
    public void Bad_argument_literals_and_missing_files_exit_2()
    {
        var badArg = Cli.Run("run", Example("fib.stfa"), "--entry", "fib", "--arg", "300u8x");
        Assert.AreEqual(ExitCodes.LoadError, badArg.ExitCode);
        StringAssert.StartsWith(badArg.Stderr, "error: --arg 300u8x: ");

        var missing = Cli.Run("run", "/nonexistent/prog.stfa");
        Assert.AreEqual(ExitCodes.LoadError, missing.ExitCode);
        StringAssert.Contains(missing.Stderr, "/nonexistent/prog.stfa: cannot read the file: no such file");

        var arity = Cli.Run("run", Example("fib.stfa"), "--entry", "fib");
        Assert.AreEqual(ExitCodes.LoadError, arity.ExitCode);
        Assert.AreEqual("error: fib takes 1 argument (n); pass one --arg per argument, got 0\n", arity.Stderr);

        var badNumber = Cli.Run("run", Example("fib.stfa"), "--timeout", "soon");
        Assert.AreEqual(ExitCodes.LoadError, badNumber.ExitCode);
        StringAssert.StartsWith(badNumber.Stderr, "error: --timeout takes a number of seconds, got 'soon'");

        var directory = Cli.Run("run", Cli.Examples);
        Assert.AreEqual(ExitCodes.LoadError, directory.ExitCode);
        StringAssert.Contains(directory.Stderr, "is a directory, not a program file");

        var noEntry = Cli.Run("run", Example("fib.stfa"), "--entry", "nope");
        Assert.AreEqual(ExitCodes.LoadError, noEntry.ExitCode);
        StringAssert.Contains(noEntry.Stderr, "entry function 'nope' is not defined");
    }

    [TestMethod]
    public void A_v9_binary_with_spill_slots_runs_with_the_expected_result()
    {
        // The shape today's StoffelLang compiler emits when a function needs more than 16 registers:
        // values parked in spill slots around calls.
        var source = Cli.TempFile("spill.stfa", """
            .function main()
                LDI r1, 6
                STS s0, r1
                LDI r1, 7
                STS s1, r1
                LDI r1, 100
                PUSHARG r1
                CALL clobber
                LDS r2, s0
                LDS r3, s1
                MUL r0, r2, r3
                LDS r4, s9
                PUSHARG r4
                CALL print
                LDS r2, s0
                LDS r3, s1
                MUL r0, r2, r3
            .end
            .function clobber(x)
                STS s0, r0
                STS s1, r0
            .end
            """);
        var binary = Path.ChangeExtension(source, ".stflb");

        Assert.AreEqual(0, Cli.Run("asm", source, "-o", binary).ExitCode);
        var bytes = File.ReadAllBytes(binary);
        Assert.AreEqual(9, bytes[4] | bytes[5] << 8, "LDS/STS need format v9");

        var result = Cli.Run("run", binary);
        Assert.AreEqual(0, result.ExitCode, result.ToString());
        CollectionAssert.AreEqual(new[] { "()", "42" }, result.StdoutLines);
    }
}
