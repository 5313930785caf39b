using System.Numerics;
using Stoffel.Vm.Instructions;

namespace Stoffel.Vm.Runtime;

/// <summary>
/// Which of a function's registers and spill slots a call must clear, found once at load by a
/// forward data-flow analysis over its code: a new activation's slots hold Unit until written
/// (upstream's <c>vec![Value::Unit; register_count]</c>), but a slot the code always writes before
/// it reads it, and of which every instruction knows whether it has been written yet, need not
/// be cleared — what it holds before its first write can only be seen from outside, and the VM's
/// readers (<see cref="CallStack.GetRegister"/>, the heap measure, hook events) show Unit there
/// (<see cref="IsUnwritten"/>). A call clears the slots below <see cref="ClearEnd"/> and leaves the
/// rest (fib's four registers: 456.4 → 429.6 machine instructions per call, closure 802.0 → 783.1 per
/// iteration, bench/pathlength.sh).
/// </summary>
/// <remarks>
/// Slots are numbered as in the value stack: registers first, then spill slots (LDS, STS).
/// Parameters are written by the call. A CALL writes r0. A slot must be cleared when some
/// instruction may read it before it is written, or when it is written on some paths to an
/// instruction and not on others (then only its contents could tell). Frames wider than
/// <see cref="MaxTracked"/> slots are cleared whole.
/// </remarks>
internal sealed class RegisterAssignment
{
    /// <summary>The widest frame the analysis tracks.</summary>
    public const int MaxTracked = 256;

    // Per instruction, the tracked slots written on every path to it (for slots at or above
    // ClearEnd, also on any path to it); null for an instruction no path reaches.
    private readonly ulong[]?[] _written;

    private RegisterAssignment(int clearEnd, ulong[]?[] written)
    {
        ClearEnd = clearEnd;
        _written = written;
    }

    /// <summary>The first slot a call leaves uncleared: slots below it start as Unit, the others as whatever the stack held.</summary>
    public int ClearEnd { get; }

    /// <summary>Whether slot <paramref name="slot"/> still holds no value of this activation while it stands at <paramref name="ip"/> (before that instruction runs): true only for uncleared slots.</summary>
    public bool IsUnwritten(int ip, int slot) =>
        slot >= ClearEnd && (uint)ip < (uint)_written.Length && _written[ip] is { } written && !SlotSet.Contains(written, slot);

    /// <summary>Analyses <paramref name="code"/> (a function's program code with its sentinel RET) for a frame of <paramref name="width"/> slots.</summary>
    public static RegisterAssignment Of(Instruction[] code, int registerCount, int width, int parameterCount)
    {
        if (width > MaxTracked || width <= parameterCount)
        {
            return new RegisterAssignment(width, []);
        }
        var always = new ulong[]?[code.Length];
        var ever = new ulong[]?[code.Length];
        var entry = SlotSet.Empty(width);
        for (var p = 0; p < parameterCount; p++)
        {
            SlotSet.Add(entry, p);
        }
        always[0] = entry;
        ever[0] = (ulong[])entry.Clone();
        var pending = new Stack<int>();
        pending.Push(0);
        var written = SlotSet.Empty(width);
        while (pending.TryPop(out var ip))
        {
            var instruction = code[ip];
            var info = OpcodeTable.Get(instruction.Opcode);
            Written(instruction, info, registerCount, written);
            // Successors: the target of a jump, the next instruction of anything but a jump or a RET
            // (the sentinel RET ends every function, so it exists).
            if (info.Flow.Jumps() && Join(ref always[instruction.A], ref ever[instruction.A], always[ip]!, ever[ip]!, written))
            {
                pending.Push(instruction.A);
            }
            if (info.Flow.FallsThrough() && Join(ref always[ip + 1], ref ever[ip + 1], always[ip]!, ever[ip]!, written))
            {
                pending.Push(ip + 1);
            }
        }
        var mustClear = SlotSet.Empty(width);
        var reads = SlotSet.Empty(width);
        for (var ip = 0; ip < code.Length; ip++)
        {
            if (always[ip] is not { } definitely)
            {
                continue;
            }
            Read(code[ip], registerCount, reads);
            for (var w = 0; w < mustClear.Length; w++)
            {
                mustClear[w] |= (definitely[w] ^ ever[ip]![w]) | (reads[w] & ~definitely[w]);
            }
        }
        var clearEnd = parameterCount;
        for (var w = mustClear.Length - 1; w >= 0; w--)
        {
            if (mustClear[w] != 0)
            {
                clearEnd = Math.Max(clearEnd, (w << 6) + 64 - BitOperations.LeadingZeroCount(mustClear[w]));
                break;
            }
        }
        return new RegisterAssignment(clearEnd, always);
    }

    // The slots written by instruction, into the scratch set written.
    private static void Written(Instruction instruction, OpcodeInfo info, int registerCount, ulong[] scratch)
    {
        Array.Clear(scratch);
        if (instruction.WrittenRegister(info) is >= 0 and var register)
        {
            SlotSet.Add(scratch, register); // a CALL's: r0, its result
        }
        else if (instruction.Opcode == Opcode.STS)
        {
            SlotSet.Add(scratch, registerCount + instruction.A);
        }
    }

    // The slots instruction reads, into the scratch set reads.
    private static void Read(Instruction instruction, int registerCount, ulong[] reads)
    {
        Array.Clear(reads);
        var info = OpcodeTable.Get(instruction.Opcode);
        foreach (var operand in info.ReadRegisterOperands)
        {
            SlotSet.Add(reads, instruction.Operand(operand));
        }
        if (instruction.Opcode == Opcode.LDS)
        {
            SlotSet.Add(reads, registerCount + instruction.B);
        }
    }

    // Merges what flows out of a predecessor (its sets plus what it writes) into a successor's sets; true when they changed.
    private static bool Join(ref ulong[]? always, ref ulong[]? ever, ulong[] fromAlways, ulong[] fromEver, ulong[] writes)
    {
        if (always is null || ever is null)
        {
            always = new ulong[writes.Length];
            ever = new ulong[writes.Length];
            for (var w = 0; w < writes.Length; w++)
            {
                always[w] = fromAlways[w] | writes[w];
                ever[w] = fromEver[w] | writes[w];
            }
            return true;
        }
        var changed = false;
        for (var w = 0; w < writes.Length; w++)
        {
            var (a, e) = (always[w] & (fromAlways[w] | writes[w]), ever[w] | fromEver[w] | writes[w]);
            changed |= a != always[w] || e != ever[w];
            (always[w], ever[w]) = (a, e);
        }
        return changed;
    }
}
