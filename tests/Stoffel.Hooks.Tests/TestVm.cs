using Stoffel.Stdlib;
using Stoffel.Vm.Formats.Assembly;
using Stoffel.Vm.Runtime;

namespace Stoffel.Hooks.Tests;

/// <summary>Known programs and a VM to run them in.</summary>
internal static class TestVm
{
    /// <summary>main() returns fib(10) = 55; fib is called 177 times. Lines: fib's body is lines 8–24.</summary>
    public const string Fib = """
        .function main()
            LDI r1, 10
            PUSHARG r1
            CALL fib
            RET r0
        .end

        """ + Stoffel.Tests.Shared.SharedPrograms.Fib;

    /// <summary>main() returns 1: lines 5 and 6 (the else branch) never run.</summary>
    public const string Branch = """
        .function main()
            LDI r1, 1
            CMP r1, r1
            JMPEQ yes
            LDI r1, 2
            RET r1
        yes:
            RET r1
        .end
        """;

    /// <summary>main calls ratio(1, 0), which divides by zero at line 10.</summary>
    public const string DivisionByZero = """
        .function main()
            LDI r1, 1
            PUSHARG r1
            LDI r1, 0
            PUSHARG r1
            CALL ratio
            RET r0
        .end
        .function ratio(a, b)
            DIV r2, r0, r1
            RET r2
        .end
        """;

    /// <summary>A VM with the standard library and <paramref name="source"/> loaded as <paramref name="file"/>.</summary>
    public static VirtualMachine Load(string source, string file = "test.stfa", TextWriter? output = null)
    {
        var vm = new VirtualMachine { Output = output ?? TextWriter.Null };
        StandardLibrary.Register(vm);
        vm.Load(StfaAssembler.Assemble(source, file));
        vm.Link();
        return vm;
    }

    /// <summary>Writes <paramref name="source"/> to a new temporary file and loads it from there (so SourcePath exists on disk).</summary>
    public static VirtualMachine LoadFromFile(string source, out string path)
    {
        path = Path.Combine(TempDirectory(), "program.stfa");
        File.WriteAllText(path, source);
        var vm = new VirtualMachine { Output = TextWriter.Null };
        StandardLibrary.Register(vm);
        vm.Load(StfaAssembler.AssembleFile(path));
        return vm;
    }

    /// <summary>A new empty temporary directory.</summary>
    public static string TempDirectory() => Directory.CreateTempSubdirectory("stoffel-hooks-").FullName;
}

/// <summary>A clock that advances exactly <see cref="Step"/> nanoseconds each time it is read.</summary>
internal sealed class SteppingClock(long step = 1000) : TimeProvider
{
    private long _now;

    public long Step { get; } = step;

    public override long TimestampFrequency => 1_000_000_000;

    public override long GetTimestamp() => _now += Step;
}
