using Stoffel.Vm.Hooks;
using Stoffel.Vm.Runtime;
using Stoffel.Vm.Values;

namespace Stoffel.Vm.Tests.Runtime;

/// <summary>
/// The exact payloads of BeforeFunctionCall and AfterFunctionCall (docs/hooks.md): both name the
/// call site — the caller's function, its CALL and the caller's depth — for program and foreign
/// callees alike, and the arguments survive a copy of the event.
/// </summary>
[TestClass]
public sealed class CallEventPayloadTests
{
    private static string Describe(in HookEvent e, HookContext context) =>
        $"{(e.Kind == HookEventKind.BeforeFunctionCall ? "call" : "return")} {e.Name} at {e.Function?.Name ?? "-"}@{e.InstructionIndex} depth {e.CallDepth}"
        + $" (frames {context.CallDepth}{(context.CallDepth > 0 ? ", innermost " + context.CurrentFunction!.Name : "")})"
        + (e.Kind == HookEventKind.AfterFunctionCall ? $" -> {e.NewValue}" : "");

    [TestMethod]
    public void After_function_call_names_the_call_site_for_program_and_foreign_callees_alike()
    {
        var vm = TestPrograms.LoadCallSites();
        var log = new List<string>();
        vm.Hooks.Register(HookEventMask.BeforeFunctionCall | HookEventMask.AfterFunctionCall, (in HookEvent e, HookContext c) => log.Add(Describe(e, c)));

        Assert.AreEqual(7L, vm.Execute("main").AsI64);

        CollectionAssert.AreEqual(new[]
        {
            "call main at -@0 depth 0 (frames 0)",
            "call outer at main@2 depth 1 (frames 1, innermost main)",
            "call twice at outer@1 depth 2 (frames 2, innermost outer)",
            // A program function's frame still exists while its return is reported.
            "return twice at outer@1 depth 2 (frames 3, innermost twice) -> 10",
            "return outer at main@2 depth 1 (frames 2, innermost outer) -> 10",
            "call host at main@4 depth 1 (frames 1, innermost main)",
            // A foreign function never had a frame; the payload has the same shape.
            "return host at main@4 depth 1 (frames 1, innermost main) -> 11",
            "call make at main@5 depth 1 (frames 1, innermost main)",
            "return make at main@5 depth 1 (frames 1, innermost main) -> Function(seven)",
            "call invoke at main@8 depth 1 (frames 1, innermost main)",
            // The closure invoke pushes is called from main's CALL too; its return completes it.
            "call seven at main@8 depth 1 (frames 1, innermost main)",
            "return seven at main@8 depth 1 (frames 2, innermost seven) -> 7",
            "return main at -@0 depth 0 (frames 1, innermost main) -> 7",
        }, log);
    }

    [TestMethod]
    public void Every_return_repeats_its_calls_site_and_depth()
    {
        var vm = TestPrograms.LoadCallSites();
        var open = new Stack<(string?, string?, int, int)>();
        var returns = 0;
        vm.Hooks.Register(HookEventMask.BeforeFunctionCall | HookEventMask.AfterFunctionCall, (in HookEvent e, HookContext _) =>
        {
            var site = (e.Name, e.Function?.Name, e.InstructionIndex, e.CallDepth);
            if (e.Kind == HookEventKind.BeforeFunctionCall)
            {
                open.Push(site);
                return;
            }
            while (open.Peek().Item1 != e.Name)
            {
                open.Pop(); // a foreign function that handed its CALL over to a closure (invoke) gets no return of its own
            }
            Assert.AreEqual(open.Pop(), site);
            returns++;
        });

        vm.Execute("main");

        Assert.AreEqual(6, returns, "invoke's CALL completes with its closure's return");
        Assert.IsEmpty(open);
    }

    [TestMethod]
    public void Arguments_survive_a_copy_of_the_event_whatever_their_number()
    {
        var vm = TestPrograms.Load("""
            .function main()
                LDI r1, 1
                LDI r2, 2
                PUSHARG r1
                PUSHARG r2
                CALL pair
                LDI r3, "s"
                PUSHARG r1
                PUSHARG r2
                PUSHARG r3
                PUSHARG r1
                PUSHARG r2
                CALL five
                RET r0
            .end

            .function pair(a, b)
                ADD r0, r0, r1
                RET r0
            .end

            .function five(a, b, c, d, e)
                RET r2
            .end
            """);
        var calls = new List<HookEvent>();
        vm.Hooks.Register(HookEventMask.BeforeFunctionCall, (in HookEvent e, HookContext _) => calls.Add(e)); // copies, read after the run

        vm.Execute("main");

        var arguments = calls.Select(e => $"{e.Name}({string.Join(", ", e.Arguments!)})").ToArray();
        CollectionAssert.AreEqual(new[] { "main()", "pair(1, 2)", "five(1, 2, s, 1, 2)" }, arguments);
        foreach (var call in calls)
        {
            Assert.AreEqual((Value.Unit, Value.Unit, Value.Unit, Value.Unit), (call.OldValue, call.NewValue, call.Table, call.Key), call.Name);
        }
        var changed = calls[1] with { NewValue = Value.FromI64(7) };
        Assert.AreEqual("1, 2 / 7", $"{string.Join(", ", changed.Arguments!)} / {changed.NewValue}");
        Assert.AreEqual(calls[1], calls[1] with { });
    }
}
