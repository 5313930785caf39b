using System.Text.Json;
using Stoffel.Tests.Shared;

namespace Stoffel.Cli.Tests;

/// <summary>
/// <c>stoffel run --profile</c> on a program that runs for 10 seconds, as a real process: memory
/// and the output file stay bounded however long the program runs (issue 11). About 12 s.
/// </summary>
[TestClass]
public sealed class LongRunProfileTests
{
    /// <summary>main(n): n rounds of acc = add(acc, fib(12)); calls add and fib about 500 times per round.</summary>
    private const string Workload = """
        .function main(n)
            PUSHARG r0
            CALL rounds
            RET r0
        .end

        .function rounds(n)
            MOV r5, r0
            LDI r1, 0
            LDI r2, 0
            LDI r3, 1
            JMP test
        body:
            LDI r4, 12
            PUSHARG r4
            CALL fib
            PUSHARG r1
            PUSHARG r0
            CALL add
            MOV r1, r0
            ADD r2, r2, r3
        test:
            CMP r2, r5
            JMPLT body
            RET r1
        .end

        .function add(a, b)
            ADD r0, r0, r1
            RET r0
        .end

        """ + SharedPrograms.Fib;

    [TestMethod]
    public void A_ten_second_profile_keeps_memory_and_file_size_bounded_and_opens_in_speedscope()
    {
        var program = Cli.TempFile("workload.stfa", Workload);
        var profile = Path.Combine(Path.GetDirectoryName(program)!, "workload.speedscope.json");
        string[] command = [Path.Combine(AppContext.BaseDirectory, "stoffel.dll"), "run", program, "--arg", "1000000000"];

        // --timeout ends both runs; the profile is written after a failed run too.
        var plain = Cli.RunExecutable("dotnet", [.. command, "--timeout", "1"]);
        var profiled = Cli.RunExecutable("dotnet", [.. command, "--timeout", "10", "--profile", profile]);

        Assert.AreEqual(ExitCodes.VmError, plain.ExitCode, plain.ToString());
        Assert.AreEqual(ExitCodes.VmError, profiled.ExitCode, profiled.ToString());
        StringAssert.Contains(profiled.Stderr, "execution timed out after 10 s");
        StringAssert.Contains(profiled.Stderr, "\nprofile: ");
        if (plain.PeakResidentBytes > 0)
        {
            Assert.IsLessThan(plain.PeakResidentBytes + 50L * 1024 * 1024, profiled.PeakResidentBytes, $"peak RSS {profiled.PeakResidentBytes} bytes profiled vs {plain.PeakResidentBytes} plain");
        }
        Assert.IsLessThan(5L * 1024 * 1024, new FileInfo(profile).Length);
        using (var json = JsonDocument.Parse(File.ReadAllBytes(profile)))
        {
            var frames = json.RootElement.GetProperty("shared").GetProperty("frames").EnumerateArray().Select(f => f.GetProperty("name").GetString()).ToArray();
            CollectionAssert.IsSubsetOf(new[] { "main", "rounds", "fib", "add" }, frames);
            var stacks = json.RootElement.GetProperty("profiles")[0].GetProperty("samples").EnumerateArray()
                .Select(s => string.Join(";", s.EnumerateArray().Select(f => frames[f.GetInt32()])))
                .ToArray();
            Assert.Contains("main;rounds;add", stacks);
            Assert.Contains("main;rounds;fib;fib;fib", stacks);
        }
        FormatValidation.AssertValidSpeedscope(profile);
    }
}
