using System.Globalization;
using System.Runtime.CompilerServices;
using Stoffel.Vm.Values;

namespace Stoffel.Vm.Runtime;

// The live heap's roots, the charges the dispatch loop makes, and the growth of the call frames'
// stacks, all counted against the memory limit (docs/vm-internals.md, "Memory").
internal sealed partial class VMState
{
    /// <summary>
    /// Measures the live heap from the roots: every register and argument-stack slot in use (each
    /// counted as a <see cref="Value"/>), each activation record's upvalues and closure, and the
    /// last result; <paramref name="growing"/> (a table a builtin is filling before anything refers
    /// to it) counts as live too.
    /// </summary>
    private HeapUsage MeasureHeap(object? growing)
    {
        var walker = new HeapWalker();
        walker.AddStack(_stack.AsSpan(0, _stackTop));
        walker.AddStack(_args.AsSpan(0, _argTop));
        walker.AddRoots(new ReadOnlySpan<Value>(in _result));
        for (var i = 0; i < _frameCount; i++)
        {
            ref readonly var frame = ref _frames[i];
            walker.AddRoots(frame.Upvalues);
            walker.AddRoot(frame.Closure);
        }
        walker.AddRoot(growing);
        return walker.Finish();
    }

    /// <summary>The field-map charge the inline <c>set_field</c> makes (<see cref="HeapBudget.ChargeFieldRoom"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void ChargeFieldRoom(StoffelObject table, in Value key) => Heap.ChargeFieldRoom(table, key);

    /// <summary>The charge for a string the loop's ADD built (<see cref="HeapBudget.ChargeString"/>).</summary>
    private void ChargeString(string text) => Heap.ChargeString(text);

    /// <summary>Grows the value stack to hold at least <paramref name="size"/> slots, for a frame about to be pushed.</summary>
    /// <exception cref="StoffelError"><see cref="VmErrorKind.MemoryLimitExceeded"/>: the frames would pass the memory limit.</exception>
    private void GrowStack(int size) => _stack = Grown(_stack, size, _args.Length, _argTop);

    private void PushArgument(Value value)
    {
        if (_argTop == _args.Length)
        {
            if (_args.Length >= Limits.MaxArrayLength)
            {
                throw new StoffelError(VmErrorKind.MemoryLimitExceeded, $"argument stack limit of {Limits.MaxArrayLength} values reached");
            }
            _args = Grown(_args, _argTop + 1, _stack.Length, _stackTop);
        }
        _args[_argTop++] = value;
    }

    /// <summary>
    /// Returns a stack grown to hold a number of slots, doubling it (amortised growth) or more,
    /// within the memory limit. A stack's old arrays are garbage only once the collector gets to
    /// them, and each was at most half the next, so a stack of capacity C may still occupy 2C:
    /// the growth must fit twice the old capacity, the new array and twice the other stack in the
    /// limit. That bounds the process even when nothing is collected yet, and leaves the frames
    /// a quarter to a half of the limit. The new array is charged with the tables' growth
    /// (<see cref="HeapBudget"/>) and the slots in use count as live heap
    /// (<see cref="MeasureHeap"/>), so frames and tables together stay within the limit too.
    /// </summary>
    /// <remarks>Only a push that finds no room comes here: the calls and PUSHARGs that fit pay nothing.</remarks>
    /// <param name="stack">The value stack or the argument stack.</param>
    /// <param name="needed">The slots it must hold.</param>
    /// <param name="otherCapacity">The other stack's length.</param>
    /// <param name="otherInUse">The other stack's slots in use, for the figure the error reports.</param>
    /// <exception cref="StoffelError"><see cref="VmErrorKind.MemoryLimitExceeded"/>: the stack cannot grow to <paramref name="needed"/> within the limit.</exception>
    private Value[] Grown(Value[] stack, int needed, int otherCapacity, int otherInUse)
    {
        var limit = Limits.MaxMemoryBytes;
        var capacity = Math.Max(needed, 2L * stack.Length);
        var footprint = 2L * stack.Length + capacity + 2L * otherCapacity;
        if (footprint * HeapWalker.ElementBytes > limit || capacity > Array.MaxLength)
        {
            var slots = (long)needed + otherInUse;
            throw new StoffelError(VmErrorKind.MemoryLimitExceeded, string.Create(CultureInfo.InvariantCulture,
                $"call frames need {ByteSize.Format(slots * HeapWalker.ElementBytes)} ({slots:N0} registers and arguments), and growing the stack to hold them would pass the memory limit of {ByteSize.Format(limit)}"));
        }
        Heap.Charge(capacity * HeapWalker.ElementBytes, null);
        Array.Resize(ref stack, (int)capacity);
        return stack;
    }
}
