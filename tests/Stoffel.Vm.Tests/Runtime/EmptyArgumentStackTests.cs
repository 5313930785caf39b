using Stoffel.Vm.Runtime;

namespace Stoffel.Vm.Tests.Runtime;

/// <summary>Where EmptyArgumentStack finds a function's argument stack empty on every path: the places a fused run may be bound.</summary>
[TestClass]
public sealed class EmptyArgumentStackTests
{
    [TestMethod]
    public void Pushes_run_straight_into_their_call_from_an_empty_stack_and_the_sentinel_after_a_return_is_unreached()
    {
        CollectionAssert.AreEqual(new[] { true, false, false, true, false }, Before("""
            .function main(a)
                PUSHARG r0
                PUSHARG r0
                CALL f
                RET r0
            .end
            """));
    }

    [TestMethod]
    public void A_push_parted_from_its_call_leaves_it_pending_up_to_the_call()
    {
        CollectionAssert.AreEqual(new[] { true, false, false, false, true, false }, Before("""
            .function main(a)
                PUSHARG r0
                NOP
                PUSHARG r0
                CALL f
                RET r0
            .end
            """));
    }

    [TestMethod]
    public void A_push_on_one_path_to_a_join_leaves_the_join_pending()
    {
        CollectionAssert.AreEqual(new[] { true, true, true, false, false, true, false }, Before("""
            .function main(a)
                CMP r0, r0
                JMPEQ join
                PUSHARG r0
            join:
                PUSHARG r0
                CALL f
                RET r0
            .end
            """));
    }

    [TestMethod]
    public void A_loop_of_calls_starts_each_with_an_empty_stack_and_code_no_path_reaches_is_not_empty()
    {
        CollectionAssert.AreEqual(new[] { true, false, true, false, false }, Before("""
            .function main(a)
            loop:
                PUSHARG r0
                CALL f
                JMP loop
                RET r0
            .end
            """));
    }

    private static bool[] Before(string function) =>
        EmptyArgumentStack.Before([.. TestPrograms.Assemble(function + "\n.function f(x)\n RET r0\n.end").Functions[0].Instructions, RuntimeFunction.EndOfCode]);
}
