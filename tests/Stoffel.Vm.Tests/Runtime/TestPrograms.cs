using Stoffel.Vm.Formats.Assembly;
using Stoffel.Vm.Hooks;
using Stoffel.Vm.Programs;
using Stoffel.Vm.Runtime;

namespace Stoffel.Vm.Tests.Runtime;

/// <summary>Small programs the runtime tests share.</summary>
internal static class TestPrograms
{
    public const string Fib = Stoffel.Tests.Shared.SharedPrograms.Fib;

    /// <summary>main() returns twice(2 + 3) = 10: six instructions in main, two in twice.</summary>
    public const string Twice = """
        .function main()
            LDI r1, 2
            LDI r2, 3
            ADD r3, r1, r2
            PUSHARG r3
            CALL twice
            RET r0
        .end

        .function twice(x)
            ADD r1, r0, r0
            RET r1
        .end
        """;

    /// <summary>down(n) recurses n frames deep and returns n.</summary>
    public const string Down = """
        .function down(n)
            MOV r1, r0
            LDI r2, 0
            CMP r1, r2
            JMPEQ done
            LDI r2, 1
            SUB r1, r1, r2
            PUSHARG r1
            CALL down
            LDI r2, 1
            ADD r0, r0, r2
        done:
        .end
        """;

    public const string CountTo = """
        .function count_to(n)
            MOV r1, r0
            LDI r0, 0
            LDI r2, 1
        loop:
            CMP r0, r1
            JMPEQ done
            ADD r0, r0, r2
            JMP loop
        done:
            RET r0
        .end
        """;

    public static StoffelProgram Assemble(string source) => StfaAssembler.Assemble(source, "test.stfa");

    public static VirtualMachine Load(string source)
    {
        var vm = new VirtualMachine { Output = TextWriter.Null };
        vm.Load(Assemble(source));
        return vm;
    }

    /// <summary>Records every event of <paramref name="mask"/> the VM fires from now on.</summary>
    public static List<HookEvent> Record(VirtualMachine vm, HookEventMask mask)
    {
        var events = new List<HookEvent>();
        vm.Hooks.Register(mask, (in HookEvent e, HookContext _) => events.Add(e));
        return events;
    }
}
