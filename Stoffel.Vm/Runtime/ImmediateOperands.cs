using Stoffel.Vm.Instructions;

namespace Stoffel.Vm.Runtime;

/// <summary>
/// An immediate operand in the plain code: a constant load run with a <c>SUB</c> after it
/// (<see cref="ConstantOperand.ThenSubtract"/>) whose register nothing reads again before it is
/// written — fib's <c>LDI r1, 1</c> then <c>SUB r2, r3, r1</c>, where r1 is loaded again before
/// any other read — subtracts the constant from the load instruction and leaves the register
/// alone, as Lua's <c>ADDI</c> does with a negative immediate: no write of the register, no read
/// and kind test of it.
/// </summary>
/// <remarks>
/// <para>Found at load by two data-flow analyses over the program's code: liveness (backward),
/// which says the register is dead after the pair, and, forward, which constant each register
/// the plain loop left unwritten stands for at each instruction (<see cref="PendingConstants"/>).
/// Where paths bring a pending constant and another value, or another constant, together, every
/// such load of that register writes it as before, so that where a record stands, each of its
/// registers is either what its slot holds or one known constant: readers of a record's slots
/// (<see cref="CallStack.SlotValue"/>) show that constant, and a host's write or the hooked loop
/// writes it into the slot first (<see cref="CallStack.ClearUnwritten"/>, which sets
/// <see cref="ActivationRecord.Cleared"/>; after that the plain loop writes these registers too).</para>
/// <para>Only the plain and recording loops leave the register alone; the counting and tracing
/// loops run the pair as <see cref="ConstantOperand"/>'s, which writes it (a tracer sees the
/// register at the next part's event). An operand other than an I64, or an overflow, runs the
/// pair that way too: the load writes its register and the <c>SUB</c>'s own case computes,
/// fails and reports as ever. A bound program call right after the <c>SUB</c> (fib's call with
/// <c>n - 1</c>) runs in the same dispatch.</para>
/// <para>The same for a constant compare-and-<c>JMPLT</c> and a constant <c>ADD</c> was measured
/// and not kept (docs/vm-internals.md, "Immediate operands"): their cases moved the dispatch
/// loop's register allocation (the instruction pointer to a stack slot: loop 152.4 → 165.0
/// machine instructions per iteration).</para>
/// </remarks>
internal static class ImmediateOperands
{
    /// <summary>A constant load and a <c>SUB</c> of it from a register (<see cref="ConstantOperand.ThenSubtract"/>, the constant its operand C).</summary>
    public const Opcode Subtract = (Opcode)0x2E;

    // The widest frame analysed (bit sets of registers); wider functions keep ConstantOperand's pairs.
    private const int MaxRegisters = 256;

    /// <summary>
    /// Gives each <see cref="ConstantOperand.ThenSubtract"/> pair of <paramref name="plainCode"/>
    /// that can take its constant as an immediate the opcode <see cref="Subtract"/>, and returns
    /// where the plain loop then leaves registers pending, or null where it leaves none (a static
    /// "none" would cost the Native AOT binary a static-base stub before the dispatch loops, and
    /// move them). <paramref name="code"/> is the function's program code (with its sentinel RET),
    /// in which <paramref name="plainCode"/>'s instructions keep their places.
    /// </summary>
    public static PendingConstants? Apply(Instruction[] code, Instruction[] plainCode, int registerCount)
    {
        if (registerCount > MaxRegisters || !HasConstantSubtraction(plainCode))
        {
            return null; // no analysis for a function without a constant SUB
        }
        var live = LiveIn(code, registerCount);
        // The candidate loads by register (no LINQ or lambdas here: a delegate's constructor stub
        // would move the dispatch loops in the Native AOT binary).
        var sites = new Dictionary<int, Dictionary<int, Site>>();
        for (var i = 0; i + 2 < code.Length; i++)
        {
            if (Candidate(code, plainCode[i], i, live) is { } site)
            {
                if (!sites.TryGetValue(site.Register, out var ofRegister))
                {
                    sites[site.Register] = ofRegister = [];
                }
                ofRegister[site.Load] = site;
            }
        }
        var pending = new (int Register, long Value)[]?[code.Length];
        var any = false;
        foreach (var (register, ofRegister) in sites)
        {
            if (Pending(code, register, ofRegister) is not { } states)
            {
                continue; // paths meet with different values: these loads write their register
            }
            for (var ip = 0; ip < code.Length; ip++)
            {
                if (states[ip] is { Kind: StateKind.Pending, Constant: var constant })
                {
                    pending[ip] = [.. pending[ip] ?? [], (register, constant)];
                }
            }
            foreach (var load in ofRegister.Keys)
            {
                plainCode[load] = plainCode[load] with { Opcode = Subtract };
            }
            any = true;
        }
        return any ? new PendingConstants(pending) : null;
    }

    // The pair at load (its plain code's constant load, pair) that can take its constant as an
    // immediate, or null: a constant SUB (ConstantOperand) that reads the load's register once,
    // as its operand C, and after which the register is dead or overwritten by the SUB itself.
    private static Site? Candidate(Instruction[] code, Instruction pair, int load, ulong[][] live)
    {
        var register = code[load].A;
        var subtract = code[load + 1];
        if (pair.Opcode != ConstantOperand.ThenSubtract || subtract.Opcode != Opcode.SUB || subtract.C != register || subtract.B == register
            || (subtract.A != register && SlotSet.Contains(live[load + 2], register)))
        {
            return null;
        }
        return new Site(load, register, InlineConstant.Value(in pair));
    }

    // Whether ConstantOperand named a constant SUB in plainCode (a loop, not a callback: a
    // delegate's constructor stub would move the dispatch loops in the Native AOT binary).
    private static bool HasConstantSubtraction(Instruction[] plainCode)
    {
        foreach (var instruction in plainCode)
        {
            if (instruction.Opcode == ConstantOperand.ThenSubtract)
            {
                return true;
            }
        }
        return false;
    }

    // Registers live on entry to each instruction: read on some path before they are written.
    private static ulong[][] LiveIn(Instruction[] code, int registerCount)
    {
        var live = new ulong[code.Length + 1][];
        for (var ip = 0; ip <= code.Length; ip++)
        {
            live[ip] = SlotSet.Empty(registerCount);
        }
        var into = SlotSet.Empty(registerCount);
        var changed = true;
        while (changed)
        {
            changed = false;
            for (var ip = code.Length - 1; ip >= 0; ip--)
            {
                var instruction = code[ip];
                var info = OpcodeTable.Get(instruction.Opcode);
                Array.Clear(into);
                if (info.Flow.Jumps())
                {
                    SlotSet.UnionWith(into, live[instruction.A]);
                }
                if (info.Flow.FallsThrough())
                {
                    SlotSet.UnionWith(into, live[ip + 1]);
                }
                if (instruction.WrittenRegister(info) is >= 0 and var written)
                {
                    SlotSet.Remove(into, written);
                }
                foreach (var operand in info.ReadRegisterOperands)
                {
                    SlotSet.Add(into, instruction.Operand(operand));
                }
                if (!into.AsSpan().SequenceEqual(live[ip]))
                {
                    into.CopyTo(live[ip], 0);
                    changed = true;
                }
            }
        }
        return live;
    }

    // Per instruction index, what register holds as the program goes on entering it, for the
    // loads of sites leaving it unwritten; null when paths meet with different values somewhere.
    private static State[]? Pending(Instruction[] code, int register, Dictionary<int, Site> sites)
    {
        var states = new State[code.Length];
        states[0] = State.Real;
        var work = new Stack<int>();
        work.Push(0);
        while (work.TryPop(out var ip))
        {
            var instruction = code[ip];
            var info = OpcodeTable.Get(instruction.Opcode);
            var after = sites.TryGetValue(ip, out var site) ? State.PendingOf(site.Constant)
                : instruction.WrittenRegister(info) == register ? State.Real
                : states[ip];
            if (info.Flow.Jumps() && !Flow(states, instruction.A, after, work))
            {
                return null;
            }
            if (info.Flow.FallsThrough() && !Flow(states, ip + 1, after, work))
            {
                return null;
            }
        }
        return states;
    }

    // Joins the state after an instruction into a successor's; false where they differ.
    private static bool Flow(State[] states, int successor, State after, Stack<int> work)
    {
        if (states[successor].Kind == StateKind.Unreached)
        {
            states[successor] = after;
            work.Push(successor);
            return true;
        }
        return states[successor] == after;
    }

    private sealed record Site(int Load, int Register, long Constant);

    private enum StateKind : byte
    {
        Unreached,
        Real,
        Pending,
    }

    // What a register holds as the program goes: what its slot holds (Real), or a constant the
    // plain loop did not write (Pending).
    private readonly record struct State(StateKind Kind, long Constant)
    {
        public static State Real => new(StateKind.Real, 0);

        public static State PendingOf(long constant) => new(StateKind.Pending, constant);
    }
}
