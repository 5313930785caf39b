using System.Text.Json;

namespace Stoffel.Cli.Tests;

/// <summary><c>stoffel run --trace / --profile / --coverage</c>: output goes to stderr and files, stdout stays the program's.</summary>
[TestClass]
public sealed class InstrumentationFlagTests
{
    private static string Example(string name) => Path.Combine(Cli.Examples, name);

    private static string TempPath(string name) => Path.Combine(Directory.CreateTempSubdirectory("stoffel-cli-").FullName, name);

    [TestMethod]
    public void Trace_writes_instruction_register_and_call_lines_to_stderr()
    {
        var result = Cli.Run("run", Example("fib.stfa"), "--entry", "fib", "--arg", "2", "--trace", "instr,regs,stack");

        Assert.AreEqual(0, result.ExitCode, result.ToString());
        Assert.AreEqual("1", result.Stdout.TrimEnd('\n'), "stdout holds only the result");
        var lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.AreEqual("[pop] <entry> 2", lines[0]);
        Assert.AreEqual("[call] fib(2) depth 1", lines[1]);
        Assert.AreEqual("[instr] fib#0 line 12: MOV r3, r0", lines[2]);
        Assert.AreEqual("[regs] fib#0 r3 = 2 (was ())", lines[3]);
        Assert.Contains("[call] fib(1) depth 2", lines);
        Assert.AreEqual("[ret] fib -> 1 depth 1", lines[^1]);
    }

    [TestMethod]
    public void An_unknown_trace_kind_is_a_usage_error()
    {
        var result = Cli.Run("run", Example("fib.stfa"), "--trace", "instr,calls");

        Assert.AreEqual(ExitCodes.LoadError, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Stderr, "unknown trace kind 'calls'");
    }

    [TestMethod]
    public void Profile_writes_speedscope_and_a_summary_on_stderr()
    {
        var path = TempPath("fib.speedscope.json");

        var result = Cli.Run("run", Example("fib.stfa"), "--entry", "fib", "--arg", "10", "--profile", path);

        Assert.AreEqual(0, result.ExitCode, result.ToString());
        Assert.AreEqual("55", result.Stdout.TrimEnd('\n'));
        StringAssert.StartsWith(result.Stderr, "profile: 177 calls, ");
        using var json = JsonDocument.Parse(File.ReadAllBytes(path));
        Assert.AreEqual("https://www.speedscope.app/file-format-schema.json", json.RootElement.GetProperty("$schema").GetString());
        Assert.AreEqual(2 * 177, json.RootElement.GetProperty("profiles")[0].GetProperty("events").GetArrayLength());
    }

    [TestMethod]
    public void Profile_format_follows_the_name_or_the_option()
    {
        var chrome = TempPath("fib.json");
        var forced = TempPath("fib.speedscope.json");

        Assert.AreEqual(0, Cli.Run("run", Example("fib.stfa"), "--profile", chrome).ExitCode);
        Assert.AreEqual(0, Cli.Run("run", Example("fib.stfa"), "--profile", forced, "--profile-format", "chrome").ExitCode);

        foreach (var path in new[] { chrome, forced })
        {
            using var json = JsonDocument.Parse(File.ReadAllBytes(path));
            Assert.IsTrue(json.RootElement.TryGetProperty("traceEvents", out _), path);
        }
        Assert.AreEqual(ExitCodes.LoadError, Cli.Run("run", Example("fib.stfa"), "--profile", chrome, "--profile-format", "pprof").ExitCode);
    }

    [TestMethod]
    public void Coverage_writes_lcov_for_the_source_file()
    {
        var path = TempPath("fib.lcov");

        var result = Cli.Run("run", Example("error.stfa"), "--coverage", path);

        Assert.AreEqual(ExitCodes.VmError, result.ExitCode, "a failed run still writes its coverage");
        var lines = File.ReadAllLines(path);
        Assert.AreEqual("SF:" + Example("error.stfa"), lines[1]);
        Assert.Contains("FNDA:1,ratio", lines);
        Assert.AreEqual("end_of_record", lines[^1]);
    }

    [TestMethod]
    public void Coverage_of_a_binary_points_at_its_disassembly()
    {
        var binary = TempPath("fib.stflb");
        Assert.AreEqual(0, Cli.Run("asm", Example("fib.stfa"), "-o", binary).ExitCode);
        var path = TempPath("fib.lcov");

        var result = Cli.Run("run", binary, "--coverage", path);

        Assert.AreEqual(0, result.ExitCode, result.ToString());
        Assert.AreEqual("SF:" + path + ".stfa", File.ReadAllLines(path)[1]);
        StringAssert.Contains(File.ReadAllText(path + ".stfa"), ".function fib(n)");
    }

    [TestMethod]
    public void An_unwritable_output_file_fails_the_run()
    {
        var result = Cli.Run("run", Example("fib.stfa"), "--coverage", Path.Combine(TempPath("missing"), "out.lcov"));

        Assert.AreEqual(ExitCodes.VmError, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Stderr, "error: ");
    }
}
