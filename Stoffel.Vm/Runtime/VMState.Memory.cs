using System.Runtime.CompilerServices;
using Stoffel.Vm.Values;

namespace Stoffel.Vm.Runtime;

// The live heap's roots and the charges the dispatch loop makes, counted against the memory limit
// (docs/vm-internals.md, "Memory"); the call stack charges its own growth (CallStack).
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
        Calls.AddRoots(walker);
        walker.AddRoots(new ReadOnlySpan<Value>(in _result));
        walker.AddRoot(growing);
        return walker.Finish();
    }

    /// <summary>The field-map charge the inline <c>set_field</c> makes (<see cref="HeapBudget.ChargeFieldRoom"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void ChargeFieldRoom(StoffelObject table, in Value key) => Heap.ChargeFieldRoom(table, key);

    /// <summary>The charge for a string the loop's ADD built (<see cref="HeapBudget.ChargeString"/>).</summary>
    private void ChargeString(string text) => Heap.ChargeString(text);
}
