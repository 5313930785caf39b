using Stoffel.Vm.Hooks;
using Stoffel.Vm.Runtime;

namespace Stoffel.Vm.Tests.Runtime;

/// <summary>
/// RegisterWrite names the frame it wrote as a data breakpoint needs it: <c>FrameIndex</c>
/// (0 = innermost) addresses that frame in the hook's context, whose register then holds the new
/// value, including a call's result landing in the caller's r0.
/// </summary>
[TestClass]
public sealed class RegisterWriteFrameTests
{
    [TestMethod]
    public void Frame_index_addresses_the_written_frame_in_the_context_including_the_return_write()
    {
        var vm = TestPrograms.Load(TestPrograms.Twice);
        var writes = new List<string>();
        vm.Hooks.Register(HookEventMask.RegisterWrite, (in HookEvent e, HookContext c) =>
        {
            var frame = c.GetFrame(e.FrameIndex);
            Assert.AreSame(e.Function, frame.Function, "the event's function is the written frame's");
            Assert.AreEqual(e.NewValue, c.GetRegister(e.FrameIndex, e.Register), "the written frame holds the new value");
            writes.Add($"{e.Function!.Name}@{e.InstructionIndex} r{e.Register} frame {e.FrameIndex} of {e.CallDepth} = {e.NewValue}");
        });

        vm.Execute("main");

        CollectionAssert.AreEqual(new[]
        {
            "main@0 r1 frame 0 of 1 = 2",
            "main@1 r2 frame 0 of 1 = 3",
            "main@2 r3 frame 0 of 1 = 5",
            "twice@0 r1 frame 0 of 2 = 10",
            "main@4 r0 frame 0 of 1 = 10", // twice's result, written into main's r0 at its CALL
        }, writes);
    }

    [TestMethod]
    public void A_foreign_functions_result_is_a_write_into_the_callers_r0()
    {
        var vm = TestPrograms.Load("""
            .function main()
                LDI r1, 4
                PUSHARG r1
                CALL square
                RET r0
            .end
            """);
        vm.RegisterFunction("square", context => Vm.Values.Value.FromI64(context[0].AsI64 * context[0].AsI64));
        var writes = new List<string>();
        vm.Hooks.Register(HookEventMask.RegisterWrite, (in HookEvent e, HookContext c) =>
            writes.Add($"{c.GetFrame(e.FrameIndex).Function.Name}@{e.InstructionIndex} r{e.Register} frame {e.FrameIndex} = {c.GetRegister(e.FrameIndex, e.Register)}"));

        Assert.AreEqual(16L, vm.Execute("main").AsI64);

        CollectionAssert.AreEqual(new[] { "main@0 r1 frame 0 = 4", "main@2 r0 frame 0 = 16" }, writes);
    }
}
