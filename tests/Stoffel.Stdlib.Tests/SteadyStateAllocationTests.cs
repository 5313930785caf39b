using Stoffel.Vm.Formats.Assembly;
using Stoffel.Vm.Hooks;
using Stoffel.Vm.Values;

namespace Stoffel.Stdlib.Tests;

/// <summary>
/// The benchmark loops allocate nothing per iteration apart from the tables they create: calls,
/// field access, closure calls and upvalue access on the inline paths, also under a no-op
/// instruction hook, and appends beyond the array's own storage (bench/programs, issue
/// "Performance").
/// </summary>
[TestClass]
[DoNotParallelize]
public sealed class SteadyStateAllocationTests
{
    [TestMethod]
    [DataRow("calls", Hook.None)]
    [DataRow("object", Hook.None)]
    [DataRow("closure", Hook.None)]
    [DataRow("calls", Hook.Delegate)]
    [DataRow("object", Hook.Delegate)]
    [DataRow("closure", Hook.Delegate)]
    [DataRow("object", Hook.Struct)]
    [DataRow("closure", Hook.Struct)]
    public void Each_loop_allocates_the_same_whatever_the_number_of_iterations(string program, Hook hook)
    {
        // With a no-op instruction hook the tracing loop runs them: its events are its own, and
        // the inline builtins run in place there too.
        var f = LoadLoops();
        var instructions = 0L;
        if (hook == Hook.Delegate)
        {
            f.Vm.Hooks.Register(HookEventMask.BeforeInstructionExecute, (in HookEvent _, HookContext _) => instructions++);
        }
        else if (hook == Hook.Struct)
        {
            f.Vm.Hooks.RegisterInstructionHook(new NoOpHook());
        }
        f.Vm.Execute(program, Value.FromI64(100));

        var small = AllocatedBy(() => f.Vm.Execute(program, Value.FromI64(100)));
        var large = AllocatedBy(() => f.Vm.Execute(program, Value.FromI64(100_000)));

        Assert.AreEqual(small, large, $"{program}: {small} bytes for 100 iterations, {large} for 100,000");
        Assert.AreEqual(hook == Hook.Delegate, instructions > 0, "the delegate hook ran");
    }

    /// <summary>The per-instruction hook a loop runs under.</summary>
    public enum Hook
    {
        /// <summary>None: the plain loop.</summary>
        None,
        /// <summary>A no-op <see cref="HookCallback"/> on every instruction.</summary>
        Delegate,
        /// <summary>A no-op <see cref="IInstructionHook"/> struct on every instruction.</summary>
        Struct,
    }

    private readonly struct NoOpHook : IInstructionHook
    {
        public void BeforeInstructionExecute(in HookEvent hookEvent, HookContext context)
        {
        }
    }

    [TestMethod]
    public void Pushing_a_million_integers_allocates_about_their_own_storage()
    {
        var f = LoadLoops();

        var allocated = AllocatedBy(() => Assert.AreEqual(1_000_000L, f.Vm.Execute("push", Value.FromI64(1_000_000)).AsI64));

        Assert.IsLessThan(1_000_000 * 24L * 11 / 10, allocated, $"{allocated:N0} bytes for 1,000,000 24-byte values");
    }

    private static StdlibFixture LoadLoops()
    {
        var f = new StdlibFixture();
        f.Vm.Load(StfaAssembler.Assemble(Loops + "\n" + Stoffel.Tests.Shared.SharedPrograms.FieldLoop, "loops.stfa"));
        return f;
    }

    private static long AllocatedBy(Action action)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    private const string Loops = Stoffel.Tests.Shared.SharedPrograms.CallLoop + "\n" + Stoffel.Tests.Shared.SharedPrograms.Counter + "\n"
        + Stoffel.Tests.Shared.SharedPrograms.CounterLoop + "\n" + """
        .function push(n)
            MOV r5, r0
            CALL create_array
            MOV r6, r0
            LDI r2, 0
            LDI r3, 1
        loop:
            CMP r2, r5
            JMPEQ done
            PUSHARG r6
            PUSHARG r2
            CALL array_push
            ADD r2, r2, r3
            JMP loop
        done:
            PUSHARG r6
            CALL array_length
            RET r0
        .end
        """;
}
