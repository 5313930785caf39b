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
        Assert.DoesNotContain("hottest lines:", result.Stderr, "line hits only with --profile-lines");
        using var json = JsonDocument.Parse(File.ReadAllBytes(path));
        Assert.AreEqual("https://www.speedscope.app/file-format-schema.json", json.RootElement.GetProperty("$schema").GetString());
        var profiles = json.RootElement.GetProperty("profiles");
        Assert.AreEqual("sampled", profiles[0].GetProperty("type").GetString());
        Assert.AreEqual("none", profiles[1].GetProperty("unit").GetString(), "weighted by instructions");
        Assert.AreEqual(10, profiles[1].GetProperty("samples").GetArrayLength(), "one per distinct stack: fib(10) nests ten deep");
    }

    [TestMethod]
    public void Profile_lines_events_and_sample_mode_are_options()
    {
        var lines = TempPath("lines.speedscope.json");
        var events = TempPath("events.speedscope.json");
        var sampled = TempPath("sampled.json");

        var withLines = Cli.Run("run", Example("fib.stfa"), "--entry", "fib", "--arg", "10", "--profile", lines, "--profile-lines");
        var withEvents = Cli.Run("run", Example("fib.stfa"), "--entry", "fib", "--arg", "10", "--profile", events, "--profile-events");
        var withSamples = Cli.Run("run", Example("fib.stfa"), "--entry", "fib", "--arg", "20", "--profile", sampled, "--profile-mode", "sample", "--profile-interval", "0.5");

        Assert.AreEqual(0, withLines.ExitCode, withLines.ToString());
        StringAssert.Contains(withLines.Stderr, "hottest lines:");
        Assert.AreEqual(0, withEvents.ExitCode, withEvents.ToString());
        using (var json = JsonDocument.Parse(File.ReadAllBytes(events)))
        {
            Assert.AreEqual(2 * 177, json.RootElement.GetProperty("profiles")[0].GetProperty("events").GetArrayLength());
        }
        Assert.AreEqual(0, withSamples.ExitCode, withSamples.ToString());
        StringAssert.StartsWith(withSamples.Stderr, "profile: ");
        StringAssert.Contains(withSamples.Stderr.Split('\n')[0], " samples, ");
        using (var json = JsonDocument.Parse(File.ReadAllBytes(sampled)))
        {
            Assert.IsTrue(json.RootElement.GetProperty("traceEvents").EnumerateArray().All(e => e.GetProperty("ph").GetString() is "M" or "X"));
        }
    }

    [TestMethod]
    [DataRow("statistical", "1", "unknown profile mode 'statistical' (expected trace or sample)")]
    [DataRow("sample", "0", "--profile-interval must be between 0.1 and 3600000 milliseconds")]
    [DataRow("sample", "fast", "--profile-interval takes a number of milliseconds, got 'fast'")]
    public void A_bad_profile_option_is_a_usage_error(string mode, string interval, string message)
    {
        var result = Cli.Run("run", Example("fib.stfa"), "--profile", TempPath("p.json"), "--profile-mode", mode, "--profile-interval", interval);

        Assert.AreNotEqual(0, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Stderr, message);
    }

    [TestMethod]
    public void Profile_options_that_contradict_are_usage_errors()
    {
        var path = TempPath("p.json");

        var stray = Cli.Run("run", Example("fib.stfa"), "--profile-lines");
        var intervalInTrace = Cli.Run("run", Example("fib.stfa"), "--profile", path, "--profile-interval", "2");
        var eventsInSample = Cli.Run("run", Example("fib.stfa"), "--profile", path, "--profile-mode", "sample", "--profile-events");

        Assert.AreEqual(ExitCodes.LoadError, stray.ExitCode, stray.ToString());
        StringAssert.Contains(stray.Stderr, "--profile-lines needs --profile FILE");
        Assert.AreEqual(ExitCodes.LoadError, intervalInTrace.ExitCode);
        StringAssert.Contains(intervalInTrace.Stderr, "--profile-interval needs --profile-mode sample");
        Assert.AreEqual(ExitCodes.LoadError, eventsInSample.ExitCode);
        StringAssert.Contains(eventsInSample.Stderr, "--profile-events needs trace mode");
        Assert.IsFalse(File.Exists(path), "nothing ran");
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
