using Stoffel.Hooks.Tracing;
using Stoffel.Vm.Hooks;

namespace Stoffel.Hooks.Tests;

[TestClass]
public sealed class TracerTests
{
    private const string Double = """
        .function main()
            LDI r1, "a"
            LDI r1, 2
            PUSHARG r1
            CALL double
            RET r0
        .end
        .function double(x)
            ADD r0, r0, r0
            RET r0
        .end
        """;

    private static string[] Trace(TraceKinds kinds)
    {
        var vm = TestVm.Load(Double);
        var output = new StringWriter { NewLine = "\n" };
        using (Tracer.Attach(vm, output, kinds))
        {
            Assert.AreEqual(4, vm.Execute("main").AsI64);
        }
        return output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    [TestMethod]
    public void Traces_instructions_registers_and_the_stack_line_by_line()
    {
        CollectionAssert.AreEqual(new[]
        {
            "[call] main() depth 1",
            "[instr] main#0 line 2: LDI r1, \"a\"",
            "[regs] main#0 r1 = \"a\" (was ())",
            "[instr] main#1 line 3: LDI r1, 2",
            "[regs] main#1 r1 = 2 (was \"a\")",
            "[instr] main#2 line 4: PUSHARG r1",
            "[push] main#2 2",
            "[instr] main#3 line 5: CALL double",
            "[pop] main#3 2",
            "[call] double(2) depth 2",
            "[instr] double#0 line 9: ADD r0, r0, r0",
            "[regs] double#0 r0 = 4 (was 2)",
            "[instr] double#1 line 10: RET r0",
            "[ret] double -> 4 depth 2",
            "[regs] main#3 r0 = 4 (was ())",
            "[instr] main#4 line 6: RET r0",
            "[ret] main -> 4 depth 1",
        }, Trace(TraceKinds.All));
    }

    [TestMethod]
    public void Each_kind_traces_only_its_lines()
    {
        Assert.IsTrue(Trace(TraceKinds.Instructions).All(l => l.StartsWith("[instr] ", StringComparison.Ordinal)));
        Assert.IsTrue(Trace(TraceKinds.Registers).All(l => l.StartsWith("[regs] ", StringComparison.Ordinal)));
        CollectionAssert.AreEqual(new[] { "[call] main() depth 1", "[push] main#2 2", "[pop] main#3 2", "[call] double(2) depth 2", "[ret] double -> 4 depth 2", "[ret] main -> 4 depth 1" }, Trace(TraceKinds.Stack));
    }

    [TestMethod]
    public void Subscribes_only_to_the_events_it_prints()
    {
        var vm = TestVm.Load(Double);

        using var tracer = Tracer.Attach(vm, TextWriter.Null, TraceKinds.Instructions | TraceKinds.Registers);

        Assert.AreEqual(HookEventMask.BeforeInstructionExecute | HookEventMask.RegisterWrite, vm.Hooks.ActiveMask);
        tracer.Dispose();
        Assert.AreEqual(HookEventMask.None, vm.Hooks.ActiveMask);
    }

    [TestMethod]
    public void Foreign_calls_and_returns_are_traced_at_the_callee_depth()
    {
        var vm = TestVm.Load(".function main()\n    LDI r1, 7\n    PUSHARG r1\n    CALL print\n    RET r0\n.end\n");
        var output = new StringWriter { NewLine = "\n" };
        using (Tracer.Attach(vm, output, TraceKinds.Stack))
        {
            vm.Execute("main");
        }

        StringAssert.Contains(output.ToString(), "[call] print(7) depth 2\n[ret] print -> () depth 2\n");
    }

    [TestMethod]
    public void Parses_the_cli_trace_list()
    {
        Assert.AreEqual(TraceKinds.All, TraceKindsParser.Parse("instr,regs,stack"));
        Assert.AreEqual(TraceKinds.Instructions | TraceKinds.Stack, TraceKindsParser.Parse("INSTR, stack"));
        Assert.ThrowsExactly<ArgumentException>(() => TraceKindsParser.Parse("instr,calls"));
        Assert.ThrowsExactly<ArgumentException>(() => TraceKindsParser.Parse(","));
    }
}
