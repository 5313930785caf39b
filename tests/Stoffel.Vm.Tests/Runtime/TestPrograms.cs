using Stoffel.Vm.Formats.Assembly;
using Stoffel.Vm.Hooks;
using Stoffel.Vm.Programs;
using Stoffel.Vm.Runtime;
using Stoffel.Vm.Values;

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


        """ + TwiceFunction;

    /// <summary>twice(x) returns x + x. A raw string drops its last newline: programs ending before it end with two.</summary>
    public const string TwiceFunction = """
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

    /// <summary>
    /// Every kind of call: main calls outer (which calls twice) with 5, the foreign host with the
    /// result (11), and a closure of seven (made by the foreign make) through the foreign invoke,
    /// which pushes its frame; main returns 7. Load it with <see cref="LoadCallSites"/>.
    /// </summary>
    public const string CallSites = """
        .function main()
            LDI r1, 5
            PUSHARG r1
            CALL outer
            PUSHARG r0
            CALL host
            CALL make
            MOV r2, r0
            PUSHARG r2
            CALL invoke
            RET r0
        .end

        .function outer(x)
            PUSHARG r0
            CALL twice
            RET r0
        .end


        """ + SevenFunction + TwiceFunction;

    /// <summary>seven() returns 7: the function <see cref="CallSites"/>' make closes over. Ends with a blank line, so another function can follow.</summary>
    public const string SevenFunction = """
        .function seven()
            LDI r0, 7
            RET r0
        .end


        """;

    /// <summary><see cref="CallSites"/> with its foreign functions host, make and invoke.</summary>
    public static VirtualMachine LoadCallSites() => LoadWithCallSiteHosts(CallSites);

    /// <summary>
    /// <paramref name="source"/> with <see cref="CallSites"/>' foreign functions: host(x) = x + 1,
    /// make() = a closure over seven, invoke(closure) calls it (its result is the call's).
    /// </summary>
    public static VirtualMachine LoadWithCallSiteHosts(string source)
    {
        var vm = Load(source);
        vm.RegisterFunction("host", context => Value.FromI64(context[0].AsI64 + 1));
        vm.RegisterFunction("make", context => context.CreateClosure("seven", []));
        vm.RegisterFunction("invoke", context =>
        {
            context.CallClosure(context[0].AsClosure!, []);
            return Value.Unit;
        });
        return vm;
    }

    public static StoffelProgram Assemble(string source) => StfaAssembler.Assemble(source, "test.stfa");

    public static VirtualMachine Load(string source)
    {
        var vm = new VirtualMachine { Output = TextWriter.Null };
        vm.Load(Assemble(source));
        return vm;
    }

    /// <summary><see cref="Load"/> with a no-op hook on every instruction, so every function runs in the hooked loop, which runs the program's own code one instruction at a time.</summary>
    public static VirtualMachine LoadHooked(string source)
    {
        var vm = Load(source);
        vm.Hooks.Register(HookEventMask.BeforeInstructionExecute, static (in HookEvent e, HookContext context) => { });
        return vm;
    }

    /// <summary>
    /// Runs <paramref name="function"/> with a budget of <paramref name="budget"/> instructions,
    /// which must stop it: the function and instruction it stopped at, the instructions executed
    /// and the error's message.
    /// </summary>
    public static (string Function, int Instruction, long Executed, string Message) StopOnBudget(VirtualMachine vm, long budget, string function, params Value[] arguments)
    {
        vm.Limits = vm.Limits with { MaxInstructions = budget };
        var error = Assert.ThrowsExactly<VmException>(() => vm.Execute(function, arguments), $"budget {budget}");
        Assert.AreEqual(VmErrorKind.InstructionLimitExceeded, error.Kind);
        return (error.FunctionName!, error.InstructionIndex, vm.Inspector.InstructionsExecuted, error.Message);
    }

    /// <summary>Records every event of <paramref name="mask"/> the VM fires from now on.</summary>
    public static List<HookEvent> Record(VirtualMachine vm, HookEventMask mask)
    {
        var events = new List<HookEvent>();
        vm.Hooks.Register(mask, (in HookEvent e, HookContext _) => events.Add(e));
        return events;
    }
}
