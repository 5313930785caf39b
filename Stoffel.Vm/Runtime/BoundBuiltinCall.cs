using Stoffel.Vm.Instructions;

namespace Stoffel.Vm.Runtime;

/// <summary>
/// The plain loop's superinstructions for a fused call (<see cref="FusedCall"/>) of
/// <c>get_field</c>, <c>set_field</c>, <c>get_upvalue</c>, <c>set_upvalue</c> or
/// <c>call_closure</c>, chosen where the linker binds the call sites: a fused run whose CALL
/// reaches the standard library's builtin (its <see cref="Intrinsic"/>) with as many arguments as
/// its common case takes is dispatched to a case of its own. The first four run that common case
/// inline — the field the object's map found last, an array element in range, the cell of the
/// frame's closure under the very name object — with no lookup of the target, no virtual call
/// and nothing published, because that case can neither fail nor charge memory;
/// <c>call_closure</c>'s enters the closure's record at its first instruction, as a fused run's
/// direct entry enters a program function. Anything else (another kind of table, another key, a
/// hook that observes the call, not a closure of that arity) runs the run as the
/// <see cref="FusedCall"/> it replaced; a run that arguments pushed before it may precede is not
/// bound at all (<see cref="EmptyArgumentStack"/>). A run calling a program function with
/// its arity is bound too (<see cref="ProgramCall"/>): the plain loop then enters the function
/// without testing the target.
/// </summary>
/// <remarks>
/// <para>Only the opcode changes, in <see cref="RuntimeFunction.PlainCode"/> alone: the operands
/// stay <see cref="FusedCall"/>'s (the first PUSHARG's register, the run's length, the callee),
/// so the loops that do not take the inline case (the counting loop, but for call_closure) treat
/// the instruction as the fused call it stands for. The tracing loop reports each PUSHARG and the
/// CALL before it takes the inline case (<c>VMState.PublishTracedRecord</c> for what it leaves
/// unwritten meanwhile). Like the other superinstructions' (<see cref="FusedCall.Opcode"/>), the opcodes
/// follow the last one the program format defines, so one jump table dispatches them all.</para>
/// <para><see cref="Bind"/> runs whenever the linker binds the program's calls
/// (<see cref="FunctionRegistry.Bind"/>), so a host that replaces one of these builtins
/// (<see cref="VirtualMachine.ReplaceFunction"/>, which registers no intrinsic) turns its sites
/// back into fused calls of its own function before the next run starts, as it changes the CALL
/// targets themselves.</para>
/// </remarks>
internal static class BoundBuiltinCall
{
    /// <summary>A fused <c>get_field(table, key)</c> call (two pushes) bound to the standard library's builtin.</summary>
    public const Opcode GetField = (Opcode)0x1C;

    /// <summary>A fused <c>set_field(table, key, value)</c> call (three pushes) bound to the standard library's builtin.</summary>
    public const Opcode SetField = (Opcode)0x1D;

    /// <summary>A fused <c>get_upvalue(name)</c> call (one push) bound to the standard library's builtin.</summary>
    public const Opcode GetUpvalue = (Opcode)0x1E;

    /// <summary>A fused <c>set_upvalue(name, value)</c> call (two pushes) bound to the standard library's builtin.</summary>
    public const Opcode SetUpvalue = (Opcode)0x1F;

    /// <summary>A fused <c>call_closure(closure, args…)</c> call bound to the standard library's builtin: the closure's record entered in place.</summary>
    public const Opcode CallClosure = (Opcode)0x20;

    /// <summary>
    /// A fused call of a program function that takes the run's pushes as its parameters and
    /// captures nothing (<see cref="RuntimeFunction.DirectArity"/>): the plain loop enters it with
    /// no test of the target, which cannot change (a program's functions cannot be replaced).
    /// </summary>
    public const Opcode ProgramCall = (Opcode)0x25;

    /// <summary>
    /// Gives each fused call in <paramref name="plainCode"/> the opcode its CALL's current target
    /// calls for, <paramref name="callees"/> being the program's linked targets: a run that starts
    /// where the argument stack may hold a loose push (<paramref name="argumentsEmptyBefore"/>,
    /// <see cref="EmptyArgumentStack"/>) stays the fused call, so a bound case takes its run's
    /// pushes as all the CALL takes without testing the argument stack.
    /// </summary>
    public static void Bind(Instruction[] plainCode, CallTarget?[] callees, bool[] argumentsEmptyBefore)
    {
        for (var i = 0; i < plainCode.Length; i++)
        {
            ref var instruction = ref plainCode[i];
            if (instruction.Opcode is FusedCall.Opcode or GetField or SetField or GetUpvalue or SetUpvalue or CallClosure or ProgramCall)
            {
                var bound = argumentsEmptyBefore[i] ? OpcodeFor(callees[instruction.C], pushes: instruction.B) : FusedCall.Opcode;
                if (bound != instruction.Opcode)
                {
                    instruction = instruction with { Opcode = bound };
                }
            }
        }
    }

    private static Opcode OpcodeFor(CallTarget? target, int pushes) => (target?.Intrinsic, pushes) switch
    {
        (Intrinsic.GetField, 2) => GetField,
        (Intrinsic.SetField, 3) => SetField,
        (Intrinsic.GetUpvalue, 1) => GetUpvalue,
        (Intrinsic.SetUpvalue, 2) => SetUpvalue,
        (Intrinsic.CallClosure, >= 1) => CallClosure, // the closure pushed: its call has a callee to test (VMState.TryClosureCallee)
        _ when target?.Function?.DirectArity == pushes => ProgramCall,
        _ => FusedCall.Opcode,
    };
}
