using Stoffel.Vm.Instructions;

namespace Stoffel.Vm.Runtime;

/// <summary>
/// Where a function's own argument stack is empty on every path: before which instructions no
/// <c>PUSHARG</c> can be waiting for its <c>CALL</c>. A record starts with an empty argument
/// stack (<see cref="CallStack.InitRecord"/>), a <c>PUSHARG</c> adds to it and a <c>CALL</c>
/// takes all of it; nothing else in the function changes it (a return restores the caller's
/// top, and a host or a nested run pushes and takes its own values above it). A forward
/// data-flow analysis over the program's own code (jumps and fall-through, as
/// <see cref="RegisterAssignment"/>'s) marks an instruction when every path to it arrives with
/// nothing pushed.
/// </summary>
/// <remarks>
/// A fused run that starts where the stack is empty takes exactly its own pushes, so its bound
/// case (<see cref="BoundBuiltinCall"/>) needs no test of the argument stack at run time: the
/// linker binds only such runs. A run after a loose <c>PUSHARG</c> (one a jump or another
/// instruction parts from its <c>CALL</c>), or inside a run, which only a jump or a switch from
/// the hooked loop reaches, stays the fused call, which pushes its arguments and calls as the
/// program's own code does.
/// </remarks>
internal static class EmptyArgumentStack
{
    /// <summary>
    /// For each instruction of <paramref name="code"/> (a function's program code with its
    /// sentinel <c>RET</c>), whether the argument stack is empty on every path to it; false for an
    /// instruction no path reaches.
    /// </summary>
    public static bool[] Before(Instruction[] code)
    {
        var reached = new bool[code.Length];
        var pending = new bool[code.Length]; // a PUSHARG may be waiting on some path to it
        var work = new Stack<int>();
        Reach(0, pushed: false);
        while (work.TryPop(out var ip))
        {
            var instruction = code[ip];
            var after = instruction.Opcode switch
            {
                Opcode.PUSHARG => true,
                Opcode.CALL => false,
                _ => pending[ip],
            };
            var info = OpcodeTable.Get(instruction.Opcode);
            if (info.Flow.Jumps())
            {
                Reach(instruction.A, after);
            }
            if (info.Flow.FallsThrough())
            {
                Reach(ip + 1, after);
            }
        }
        var empty = new bool[code.Length];
        for (var ip = 0; ip < code.Length; ip++)
        {
            empty[ip] = reached[ip] && !pending[ip];
        }
        return empty;

        // Joins a path arriving at target: visited again when it adds a pending push or is the first.
        void Reach(int target, bool pushed)
        {
            if (!reached[target] || (pushed && !pending[target]))
            {
                reached[target] = true;
                pending[target] |= pushed;
                work.Push(target);
            }
        }
    }
}
