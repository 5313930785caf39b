using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Stoffel.Vm.Hooks;

namespace Stoffel.Vm.Runtime;

/// <summary>
/// The calls and returns recorded for batching call observers (<see cref="ICallRecordObserver"/>,
/// <see cref="HookTable.RecordsCalls"/>) and not yet handed over, with the observers they are
/// for: the call observers of the hook table they were recorded under. <see cref="HookDelivery"/>
/// appends and hands over; a record goes in without an allocation or a GC write barrier.
/// </summary>
internal sealed class CallRecordBuffer
{
    /// <summary>Records held at most: more than a service interval's calls and returns (<see cref="VMState.ServiceInterval"/>), after which the buffer is handed over anyway.</summary>
    internal const int Capacity = 1024;

    private readonly CallRecord[] _records = new CallRecord[Capacity];
    private int _count;
    private HookRegistration[] _observers = [];

    /// <summary>True when no record waits.</summary>
    public bool IsEmpty => _count == 0;

    /// <summary>The call observers the records are for.</summary>
    public HookRegistration[] Observers => _observers;

    /// <summary>
    /// Appends a record (<see cref="CallRecord.Of"/>) for <paramref name="observers"/>; false,
    /// changing nothing, when the buffer is full or was started for other observers (or none):
    /// then hand over what it holds and <see cref="Start"/> it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryAppend(HookRegistration[] observers, int functionId, int calleeDepth, long instructionsExecuted, bool isReturn)
    {
        var count = _count;
        if ((uint)count >= Capacity || !ReferenceEquals(_observers, observers))
        {
            return false;
        }
        Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_records), count) = CallRecord.Of(functionId, calleeDepth, instructionsExecuted, isReturn); // count < Capacity
        _count = count + 1;
        return true;
    }

    /// <summary>
    /// Appends two calls at <paramref name="calleeDepth"/> and <paramref name="instructionsExecuted"/>,
    /// of <paramref name="firstFunctionId"/> and then <paramref name="secondFunctionId"/> (call_closure's
    /// and its closure's), leaving room for a return after them, as
    /// <see cref="TryAppendCallWithRoomForReturn"/> and <see cref="AppendIntoRoomLeft"/> would in
    /// turn, with one test of the room and the observers and one store of the count; false,
    /// changing nothing, where they would decline.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryAppendCallPair(HookRegistration[] observers, int firstFunctionId, int secondFunctionId, int calleeDepth, long instructionsExecuted)
    {
        var count = _count;
        if ((uint)count >= Capacity - 2 || !ReferenceEquals(_observers, observers))
        {
            return false;
        }
        ref var first = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_records), count); // count + 1 < Capacity - 1
        first = CallRecord.Of(firstFunctionId, calleeDepth, instructionsExecuted, isReturn: false);
        Unsafe.Add(ref first, 1) = CallRecord.Of(secondFunctionId, calleeDepth, instructionsExecuted, isReturn: false);
        _count = count + 2;
        return true;
    }

    /// <summary>
    /// <see cref="TryAppend"/> of a call whose return follows it at once (a builtin run inline),
    /// leaving room for that return; false, changing nothing, when there is not room for both.
    /// </summary>
    public bool TryAppendCallWithRoomForReturn(HookRegistration[] observers, int functionId, int calleeDepth, long instructionsExecuted) =>
        _count < Capacity - 1 && TryAppend(observers, functionId, calleeDepth, instructionsExecuted, isReturn: false);

    /// <summary>
    /// Appends a record to the room the call appended last left
    /// (<see cref="TryAppendCallWithRoomForReturn"/>, or <see cref="Start"/>, which leaves room):
    /// its return, or the call of the frame a builtin enters (call_closure's): no test, for the
    /// same observers.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AppendIntoRoomLeft(int functionId, int calleeDepth, long instructionsExecuted, bool isReturn)
    {
        var count = _count;
        Debug.Assert(count is > 0 and < Capacity, "the call's record left room");
        Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_records), count) = CallRecord.Of(functionId, calleeDepth, instructionsExecuted, isReturn); // count < Capacity
        _count = count + 1;
    }

    /// <summary>
    /// Counts a call of the builtin <paramref name="functionId"/> at <paramref name="calleeDepth"/>
    /// for <paramref name="observers"/> (<see cref="CallRecordKind.Count"/>): into its count record
    /// among those at the buffer's end (the records since the last call or return, all the same
    /// frame's: a frame changes only with a recorded call or return, or with a hand-over), or into
    /// a new one appended.
    /// </summary>
    /// <returns>The index of the record counted into (for <see cref="Uncount"/>), or -1, changing nothing, when a new record does not fit or the buffer was started for other observers (or none).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int TryCount(HookRegistration[] observers, int functionId, int calleeDepth)
    {
        if (!ReferenceEquals(_observers, observers))
        {
            return -1;
        }
        ref var first = ref MemoryMarshal.GetArrayDataReference(_records);
        var count = _count;
        for (var index = count - 1; index >= 0; index--)
        {
            ref var record = ref Unsafe.Add(ref first, index); // index < count <= Capacity
            if (!record.CountsAt(calleeDepth))
            {
                break;
            }
            if (record.FunctionId == functionId)
            {
                CallRecord.AddCalls(ref record, 1);
                return index;
            }
        }
        if ((uint)count >= Capacity)
        {
            return -1;
        }
        Unsafe.Add(ref first, count) = CallRecord.CountOf(functionId, calleeDepth, 1); // count < Capacity
        _count = count + 1;
        return count;
    }

    /// <summary>Takes back the call <see cref="TryCount"/> (or <see cref="Start"/> with a count) counted last into the record at <paramref name="index"/>: the record goes when it counted only that call (it is then the last).</summary>
    public void Uncount(int index)
    {
        ref var record = ref _records[index];
        Debug.Assert(record.IsCount, "a count record");
        if (record.Count > 1)
        {
            CallRecord.AddCalls(ref record, -1);
            return;
        }
        Debug.Assert(index == _count - 1, "a count record of one call is the last appended");
        _count--;
    }

    /// <summary>Takes back the last record appended (a call that did not happen as recorded).</summary>
    public void RemoveLast()
    {
        Debug.Assert(_count > 0, "a record to take back");
        _count--;
    }

    /// <summary>Starts the empty buffer for <paramref name="observers"/> with <paramref name="record"/>.</summary>
    public void Start(HookRegistration[] observers, in CallRecord record)
    {
        Debug.Assert(_count == 0, "hand the records over first");
        _observers = observers;
        _records[0] = record;
        _count = 1;
    }

    /// <summary>Empties the buffer and returns the records it held, valid until the next append.</summary>
    public ReadOnlySpan<CallRecord> Take()
    {
        var records = _records.AsSpan(0, _count);
        _count = 0;
        return records;
    }
}
