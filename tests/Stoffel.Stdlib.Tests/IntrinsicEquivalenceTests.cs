using Stoffel.Tests.Shared;
using Stoffel.Vm.Formats.Assembly;
using Stoffel.Vm.Hooks;
using Stoffel.Vm.Runtime;
using Stoffel.Vm.Values;

namespace Stoffel.Stdlib.Tests;

/// <summary>
/// The inline paths of the hot builtins (get_field, set_field, array_push, array_length/len,
/// call_closure, get_upvalue, set_upvalue) against the stdlib's own implementation: each program
/// runs once with no hook (inline where it applies), once with a hook on AfterFunctionCall
/// (which sends every builtin call through its delegate) and once under a call observer that
/// counts the builtins run inline (the recording loop's paths), and must give the same result, the
/// same tables, the same output and the same error.
/// </summary>
[TestClass]
public sealed class IntrinsicEquivalenceTests
{
    // Prepended to every case: make_array() = [10, 20, 30] with a side entry "tag" → "t";
    // make_object() = {"a": 1}; counter(start) = a closure over bump capturing start;
    // make_counter(count) = a closure over increment, which adds the constant 1 to count
    // (SharedPrograms.Counter: the plain loop runs its name's load with the get_upvalue, and the
    // constant's ADD with the set_upvalue); pair(aa, bb) = a closure over twin, which reads bb, writes it to aa and returns aa (two
    // names of one length: the second is found by text, the first by its string object).
    private const string Helpers = """
        .function make_array()
            CALL create_array
            MOV r1, r0
            LDI r2, 10
            LDI r3, 20
            LDI r4, 30
            PUSHARG r1
            PUSHARG r2
            PUSHARG r3
            PUSHARG r4
            CALL array_push
            LDI r2, "tag"
            LDI r3, "t"
            PUSHARG r1
            PUSHARG r2
            PUSHARG r3
            CALL set_field
            RET r1
        .end
        .function make_object()
            CALL create_object
            MOV r1, r0
            LDI r2, "a"
            LDI r3, 1
            PUSHARG r1
            PUSHARG r2
            PUSHARG r3
            CALL set_field
            RET r1
        .end
        .function counter(start)
            LDI r1, "bump"
            LDI r2, "start"
            PUSHARG r1
            PUSHARG r2
            CALL create_closure
            RET r0
        .end
        .function bump(by)
            MOV r5, r0
            LDI r1, "start"
            PUSHARG r1
            CALL get_upvalue
            ADD r2, r0, r5
            PUSHARG r1
            PUSHARG r2
            CALL set_upvalue
            RET r2
        .end
        .function pair(aa, bb)
            LDI r1, "twin"
            LDI r2, "aa"
            LDI r3, "bb"
            PUSHARG r1
            PUSHARG r2
            PUSHARG r3
            CALL create_closure
            RET r0
        .end
        .function twin()
            LDI r1, "bb"
            PUSHARG r1
            CALL get_upvalue
            MOV r5, r0
            LDI r1, "aa"
            PUSHARG r1
            PUSHARG r5
            CALL set_upvalue
            LDI r1, "aa"
            PUSHARG r1
            CALL get_upvalue
            RET r0
        .end
        """;

    [TestMethod]
    // get_field
    [DataRow("object field", "CALL make_object", "MOV r6, r0", "LDI r1, \"a\"", "PUSHARG r6", "PUSHARG r1", "CALL get_field")]
    [DataRow("object missing field", "CALL make_object", "MOV r6, r0", "LDI r1, \"b\"", "PUSHARG r6", "PUSHARG r1", "CALL get_field")]
    [DataRow("object with a u8 key", "CALL make_object", "MOV r6, r0", "LDI r1, 1u8", "PUSHARG r6", "PUSHARG r1", "CALL get_field")]
    [DataRow("array element", "CALL make_array", "MOV r6, r0", "LDI r1, 2", "PUSHARG r6", "PUSHARG r1", "CALL get_field")]
    [DataRow("array negative index", "CALL make_array", "MOV r6, r0", "LDI r1, -1", "PUSHARG r6", "PUSHARG r1", "CALL get_field")]
    [DataRow("array index past the end", "CALL make_array", "MOV r6, r0", "LDI r1, 3", "PUSHARG r6", "PUSHARG r1", "CALL get_field")]
    [DataRow("array side entry", "CALL make_array", "MOV r6, r0", "LDI r1, \"tag\"", "PUSHARG r6", "PUSHARG r1", "CALL get_field")]
    [DataRow("array u64 index", "CALL make_array", "MOV r6, r0", "LDI r1, 1u64", "PUSHARG r6", "PUSHARG r1", "CALL get_field")]
    [DataRow("string index", "LDI r6, \"héllo\"", "LDI r1, 1", "PUSHARG r6", "PUSHARG r1", "CALL get_field")]
    [DataRow("field of an integer", "LDI r6, 5", "LDI r1, 1", "PUSHARG r6", "PUSHARG r1", "CALL get_field")]
    [DataRow("get_field with one argument", "CALL make_object", "PUSHARG r0", "CALL get_field")]
    [DataRow("get_field with an extra argument", "CALL make_object", "MOV r6, r0", "LDI r1, \"a\"", "PUSHARG r6", "PUSHARG r1", "PUSHARG r1", "CALL get_field")]
    // set_field
    [DataRow("object new and replaced field", "CALL make_object", "MOV r6, r0", "LDI r1, \"a\"", "LDI r2, 7", "PUSHARG r6", "PUSHARG r1", "PUSHARG r2", "CALL set_field",
        "LDI r1, \"z\"", "PUSHARG r6", "PUSHARG r1", "PUSHARG r2", "CALL set_field", "MOV r0, r6")]
    [DataRow("array element write", "CALL make_array", "MOV r6, r0", "LDI r1, 0", "LDI r2, 7", "PUSHARG r6", "PUSHARG r1", "PUSHARG r2", "CALL set_field", "MOV r0, r6")]
    [DataRow("array write at the length grows it", "CALL make_array", "MOV r6, r0", "LDI r1, 3", "LDI r2, 7", "PUSHARG r6", "PUSHARG r1", "PUSHARG r2", "CALL set_field", "MOV r0, r6")]
    [DataRow("array write past the length pads with unit", "CALL make_array", "MOV r6, r0", "LDI r1, 5", "LDI r2, 7", "PUSHARG r6", "PUSHARG r1", "PUSHARG r2", "CALL set_field", "MOV r0, r6")]
    [DataRow("array negative write", "CALL make_array", "MOV r6, r0", "LDI r1, -3", "LDI r2, 7", "PUSHARG r6", "PUSHARG r1", "PUSHARG r2", "CALL set_field", "MOV r0, r6")]
    [DataRow("array negative write out of range", "CALL make_array", "MOV r6, r0", "LDI r1, -4", "LDI r2, 7", "PUSHARG r6", "PUSHARG r1", "PUSHARG r2", "CALL set_field")]
    [DataRow("set_field on a string", "LDI r6, \"s\"", "LDI r1, 0", "PUSHARG r6", "PUSHARG r1", "PUSHARG r1", "CALL set_field")]
    [DataRow("set_field with two arguments", "CALL make_object", "LDI r1, 0", "PUSHARG r0", "PUSHARG r1", "CALL set_field")]
    // array_push, array_length, len
    [DataRow("push several values", "CALL make_array", "MOV r6, r0", "LDI r1, 1", "LDI r2, \"x\"", "PUSHARG r6", "PUSHARG r1", "PUSHARG r2", "CALL array_push", "PUSHARG r6", "PUSHARG r0", "CALL array_push", "MOV r0, r6")]
    [DataRow("push returns the new length", "CALL make_array", "LDI r1, 1", "PUSHARG r0", "PUSHARG r1", "CALL array_push")]
    [DataRow("push onto an object", "CALL make_object", "LDI r1, 1", "PUSHARG r0", "PUSHARG r1", "CALL array_push")]
    [DataRow("push with nothing to push", "CALL make_array", "PUSHARG r0", "CALL array_push")]
    [DataRow("length of an array", "CALL make_array", "PUSHARG r0", "CALL array_length")]
    [DataRow("len of an array", "CALL make_array", "PUSHARG r0", "CALL len")]
    [DataRow("len of a string", "LDI r1, \"h😀\"", "PUSHARG r1", "CALL len")]
    [DataRow("length of an integer", "LDI r1, 3", "PUSHARG r1", "CALL array_length")]
    [DataRow("length with two arguments", "CALL make_array", "PUSHARG r0", "PUSHARG r0", "CALL array_length")]
    // closures and upvalues
    [DataRow("closure call reads and writes its upvalue", "LDI r1, 40", "PUSHARG r1", "CALL counter", "MOV r6, r0", "LDI r1, 1", "PUSHARG r6", "PUSHARG r1", "CALL call_closure",
        "LDI r1, 2", "PUSHARG r6", "PUSHARG r1", "CALL call_closure")]
    [DataRow("closure call stepping its upvalue by a constant", "LDI r1, 40", "PUSHARG r1", "CALL make_counter", "MOV r6, r0", "PUSHARG r6", "CALL call_closure", "PUSHARG r6", "CALL call_closure")]
    [DataRow("constant step past the largest integer", "LDI r1, 9223372036854775807", "PUSHARG r1", "CALL make_counter", "PUSHARG r0", "CALL call_closure")]
    [DataRow("constant step of a string upvalue", "LDI r1, \"s\"", "PUSHARG r1", "CALL make_counter", "PUSHARG r0", "CALL call_closure")]
    [DataRow("constant step of a float upvalue", "LDI r1, 1.5", "PUSHARG r1", "CALL make_counter", "PUSHARG r0", "CALL call_closure")]
    [DataRow("closure call with the wrong arity", "LDI r1, 40", "PUSHARG r1", "CALL counter", "PUSHARG r0", "CALL call_closure")]
    [DataRow("call_closure on an integer", "LDI r1, 40", "PUSHARG r1", "CALL call_closure")]
    [DataRow("upvalues whose names have one length", "LDI r1, 3", "LDI r2, 4", "PUSHARG r1", "PUSHARG r2", "CALL pair", "PUSHARG r0", "CALL call_closure")]
    [DataRow("call_closure alias", "LDI r1, 40", "PUSHARG r1", "CALL counter", "LDI r1, 2", "PUSHARG r0", "PUSHARG r1", "CALL call_closure_with_arg")]
    [DataRow("get_upvalue outside a closure", "LDI r1, \"start\"", "PUSHARG r1", "CALL get_upvalue")]
    [DataRow("set_upvalue outside a closure", "LDI r1, \"start\"", "PUSHARG r1", "PUSHARG r1", "CALL set_upvalue")]
    [DataRow("get_upvalue of a non-string", "LDI r1, 1", "PUSHARG r1", "CALL get_upvalue")]
    // an argument pushed before a jump into the PUSHARG run the loop fuses with the CALL: the CALL takes it too
    [DataRow("length with an argument pushed before the run", "CALL make_array", "PUSHARG r0", "JMP run", "run:", "PUSHARG r0", "CALL array_length")]
    [DataRow("push of one value with the array pushed before the run", "CALL make_array", "MOV r6, r0", "LDI r1, 7", "PUSHARG r6", "JMP run", "run:", "PUSHARG r1", "CALL array_push", "MOV r0, r6")]
    [DataRow("get_field with an argument pushed before the run", "CALL make_object", "MOV r6, r0", "LDI r1, \"a\"", "PUSHARG r1", "JMP run", "run:", "PUSHARG r6", "PUSHARG r1", "CALL get_field")]
    [DataRow("get_field of the field read last with an argument pushed before the run", "CALL make_object", "MOV r6, r0", "LDI r1, \"a\"", "PUSHARG r6", "PUSHARG r1", "CALL get_field",
        "PUSHARG r1", "JMP run", "run:", "PUSHARG r6", "PUSHARG r1", "CALL get_field")]
    [DataRow("set_field of the field read last with an argument pushed before the run", "CALL make_object", "MOV r6, r0", "LDI r1, \"a\"", "PUSHARG r6", "PUSHARG r1", "CALL get_field",
        "PUSHARG r1", "JMP run", "run:", "PUSHARG r6", "PUSHARG r1", "PUSHARG r1", "CALL set_field", "MOV r0, r6")]
    public void Inline_and_delegate_paths_agree(string name, params string[] body)
    {
        var source = Helpers + "\n" + SharedPrograms.Counter + "\n.function main()\n" + string.Join("\n", body) + "\nRET r0\n.end\n";

        var inline = Run(source, Watch.Nothing);
        var generic = Run(source, Watch.AfterCallHook);
        var counted = Run(source, Watch.CountingObserver);

        Assert.AreEqual(generic, inline, name);
        Assert.AreEqual(generic, counted, name);
    }

    [TestMethod]
    public void Subscribed_table_and_upvalue_events_fire_from_calls_in_a_program()
    {
        var f = new StdlibFixture();
        f.Vm.Load(StfaAssembler.Assemble(Helpers + "\n" + """
            .function main()
                CALL make_object
                MOV r6, r0
                LDI r1, "a"
                PUSHARG r6
                PUSHARG r1
                CALL get_field
                LDI r1, 5
                PUSHARG r1
                CALL counter
                LDI r1, 1
                PUSHARG r0
                PUSHARG r1
                CALL call_closure
                RET r0
            .end
            """, "events.stfa"));
        var events = f.Record(HookEventMask.ObjectFieldRead | HookEventMask.ObjectFieldWrite | HookEventMask.UpvalueRead | HookEventMask.UpvalueWrite);

        Assert.AreEqual(6L, f.Vm.Execute("main").AsI64);
        CollectionAssert.AreEqual(
            new[]
            {
                "ObjectFieldWrite a: () -> 1",
                "ObjectFieldRead a: () -> 1",
                "UpvalueRead start: () -> 5",
                "UpvalueWrite start: 5 -> 6",
            },
            events.Select(e => $"{e.Kind} {(e.Name ?? e.Key.ToString())}: {e.OldValue} -> {e.NewValue}").ToArray());
    }

    [TestMethod]
    public void A_closure_entered_in_place_has_the_frame_call_closure_makes()
    {
        // main calls a closure over probed(x), capturing k, twice through a fused call_closure run;
        // probed asks probe what its frame and main's look like.
        const string source = """
            .function probed(x)
                LDI r2, 99
                CALL probe
                RET r2
            .end
            .function make_probed(k)
                LDI r1, "probed"
                LDI r2, "k"
                PUSHARG r1
                PUSHARG r2
                CALL create_closure
                RET r0
            .end
            .function main()
                LDI r1, 3
                PUSHARG r1
                CALL make_probed
                MOV r6, r0
                LDI r1, 9
                PUSHARG r6
                PUSHARG r1
                CALL call_closure
                PUSHARG r6
                PUSHARG r1
                CALL call_closure
                RET r0
            .end
            """;
        var seen = new Dictionary<bool, List<string>>();
        foreach (var observed in new[] { false, true })
        {
            var f = new StdlibFixture();
            f.Vm.Load(StfaAssembler.Assemble(source, "closure.stfa"));
            var inspector = f.Vm.Inspector;
            var probes = seen[observed] = [];
            f.Vm.RegisterFunction("probe", _ =>
            {
                probes.Add(string.Join(" ", [
                    string.Join(",", inspector.GetLocals(0).Select(l => $"{l.Key}={l.Value}")),
                    string.Join(",", inspector.GetUpvalues(0).Select(u => $"{u.Name}={u.Value}")),
                    $"r0={inspector.GetRegister(0, 0)}", $"r1={inspector.GetRegister(0, 1)}", $"r2={inspector.GetRegister(0, 2)}",
                    $"probed.args={inspector.GetArgumentStack(0).Count}", $"depth={inspector.GetCallStack().Count}",
                    $"main.ip={inspector.GetFrame(1).InstructionIndex}", $"main.args={inspector.GetArgumentStack(1).Count}"]));
                return Value.Unit;
            });
            if (observed)
            {
                f.Vm.Hooks.Register(HookEventMask.AfterFunctionCall, (in HookEvent _, HookContext _) => { }); // every builtin through its delegate
            }
            Assert.AreEqual(99L, f.Vm.Execute("main").AsI64);
            probes.Add($"executed={inspector.InstructionsExecuted}");
        }

        CollectionAssert.AreEqual(new[]
        {
            "x=9 k=3 r0=9 r1=() r2=99 probed.args=0 depth=2 main.ip=7 main.args=0",
            "x=9 k=3 r0=9 r1=() r2=99 probed.args=0 depth=2 main.ip=10 main.args=0",
            "executed=24",
        }, seen[false], string.Join(" | ", seen[false]));
        CollectionAssert.AreEqual(seen[true], seen[false]);
    }

    // A builtin whose inline path charges memory fails at its CALL, having counted every instruction
    // up to and including that CALL, as through the delegate. (The two paths may stop a few calls
    // apart: a call through the delegate holds its arguments on the argument stack, which the heap
    // measure counts.) Each loop runs `before` instructions, then `period` per pass, the CALL last
    // but for the `after` after it.
    [TestMethod]
    [DataRow("array_push", "array_push", 3, 4, 1, """
            CALL create_array
            MOV r6, r0
            LDI r1, 7
        again:
            PUSHARG r6
            PUSHARG r1
            CALL array_push
            JMP again
        """)]
    [DataRow("set_field of new keys", "set_field", 4, 6, 2, """
            CALL create_object
            MOV r6, r0
            LDI r2, 0
            LDI r3, 1
        again:
            PUSHARG r6
            PUSHARG r2
            PUSHARG r2
            CALL set_field
            ADD r2, r2, r3
            JMP again
        """)]
    public void A_builtin_that_passes_the_memory_limit_fails_at_its_call_counting_up_to_it(string name, string builtin, int before, int period, int after, string body)
    {
        var source = ".function main()\n" + body + "\nRET r0\n.end\n";

        var (inlineError, inlineCount, _) = RunToMemoryLimit(source, Watch.Nothing, builtin);
        var (genericError, genericCount, _) = RunToMemoryLimit(source, Watch.AfterCallHook, builtin);
        var (countedError, countedCount, counted) = RunToMemoryLimit(source, Watch.CountingObserver, builtin);

        Assert.AreEqual(genericError, inlineError, name);
        Assert.AreEqual(genericError, countedError, name);
        Assert.AreEqual(0, (genericCount - before + after) % period, $"{name}: the delegate path stops after its CALL ({genericCount})");
        Assert.AreEqual(0, (inlineCount - before + after) % period, $"{name}: the inline path stops after its CALL ({inlineCount})");
        Assert.AreEqual(0, (countedCount - before + after) % period, $"{name}: the counted path stops after its CALL ({countedCount})");
        Assert.AreEqual((countedCount - before + after) / period, counted, $"{name}: every call counted, the failing one too, as one by one it is reported before it fails");
    }

    /// <summary>What watches a run: nothing (the builtins run inline), a hook on AfterFunctionCall (each goes through its delegate), or a call observer that counts them (inline, in the recording loop).</summary>
    private enum Watch
    {
        Nothing,
        AfterCallHook,
        CountingObserver,
    }

    /// <summary>Counts the calls it hears of per callee, one by one or in counts.</summary>
    private sealed class CountingObserver : ICallRecordObserver
    {
        public Dictionary<string, long> Calls { get; } = [];

        public bool CountsInlineBuiltins => true;

        public void OnCall(string callee, int calleeDepth, long instructionsExecuted) => Calls[callee] = Calls.GetValueOrDefault(callee) + 1;

        public void OnReturn(string callee, int calleeDepth, long instructionsExecuted)
        {
        }

        public void OnCallRecords(ReadOnlySpan<CallRecord> records, ReadOnlySpan<string> functionNames)
        {
            foreach (var record in records)
            {
                if (!record.IsReturn)
                {
                    Calls[functionNames[record.FunctionId]] = Calls.GetValueOrDefault(functionNames[record.FunctionId]) + record.Count;
                }
            }
        }
    }

    /// <summary>A VM with <paramref name="source"/> loaded, watched as <paramref name="watch"/> says, and the observer that counts its calls (registered for <see cref="Watch.CountingObserver"/> only).</summary>
    private static (StdlibFixture F, CountingObserver Observer) Watched(string source, Watch watch)
    {
        var f = new StdlibFixture();
        var observer = new CountingObserver();
        f.Vm.Load(StfaAssembler.Assemble(source, "case.stfa"));
        if (watch == Watch.AfterCallHook)
        {
            f.Vm.Hooks.Register(HookEventMask.AfterFunctionCall, (in HookEvent _, HookContext _) => { });
        }
        else if (watch == Watch.CountingObserver)
        {
            f.Vm.Hooks.RegisterCallObserver(observer);
        }
        return (f, observer);
    }

    // The error's kind and stack trace, the instructions executed and the calls of the builtin
    // named counted (under a counting observer), of a run stopped by an 8 MiB memory limit.
    private static (string Error, long Executed, long Counted) RunToMemoryLimit(string source, Watch watch, string builtin)
    {
        var (f, observer) = Watched(source, watch);
        f.Vm.Limits = f.Vm.Limits with { MaxMemoryBytes = 8 << 20 };
        var error = Assert.ThrowsExactly<VmException>(() => f.Vm.Execute("main"));
        return ($"{error.Kind} at {string.Join(" < ", error.StoffelStackTrace.Select(s => $"{s.FunctionName}:{s.InstructionIndex}"))}", f.Vm.Inspector.InstructionsExecuted, observer.Calls.GetValueOrDefault(builtin));
    }

    private static string Run(string source, Watch watch)
    {
        var (f, _) = Watched(source, watch);
        try
        {
            return $"result {ValueFormatter.Format(f.Vm.Execute("main"))}; output {f.Output}";
        }
        catch (VmException error)
        {
            return $"error {error.Kind}: {error.Message} at {string.Join(" < ", error.StoffelStackTrace.Select(s => $"{s.FunctionName}:{s.InstructionIndex}"))}";
        }
    }
}
