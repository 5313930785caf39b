using Stoffel.Vm.Formats.Assembly;
using Stoffel.Vm.Programs;
using Stoffel.Vm.Runtime;

namespace Stoffel.Vm.Tests.Runtime;

/// <summary>Small programs the runtime tests share.</summary>
internal static class TestPrograms
{
    public const string Fib = """
        .function fib(n)
            MOV r3, r0
            LDI r1, 2
            CMP r3, r1
            JMPLT base
            LDI r1, 1
            SUB r2, r3, r1
            PUSHARG r2
            CALL fib
            MOV r4, r0
            LDI r1, 2
            SUB r2, r3, r1
            PUSHARG r2
            CALL fib
            ADD r0, r4, r0
            RET r0
        base:
            RET r3
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
}
