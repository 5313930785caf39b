using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Stoffel.Vm.Hooks;

/// <summary>
/// One call or return of a program function, or of a builtin the VM ran inline, as an <see cref="ICallRecordObserver"/> receives it
/// in a batch: what <see cref="ICallObserver.OnCall"/> or <see cref="ICallObserver.OnReturn"/>
/// would have been told at that moment, with the callee named by its id in the VM's function
/// table (16 bytes, no object reference, so the VM appends one without a GC write barrier); or,
/// for an observer that takes them so (<see cref="ICallRecordObserver.CountsInlineBuiltins"/>),
/// the number of calls one frame made to one such builtin (<see cref="CallRecordKind.Count"/>).
/// </summary>
[StructLayout(LayoutKind.Auto)]
public readonly record struct CallRecord
{
    private const int ReturnFlag = int.MinValue;

    private readonly int _depthAndKind; // the depth; the sign bit set for a return
    private readonly long _instructionsOrCount; // the instruction count; a count record's count, negated (instruction counts are not negative)

    /// <summary>A record of a call (<paramref name="isReturn"/> false) or a return.</summary>
    /// <param name="functionId">The callee's index in the function names handed over with the batch.</param>
    /// <param name="calleeDepth">The depth of the callee's frame, 1 or more.</param>
    /// <param name="instructionsExecuted">The VM's instruction count at the event.</param>
    /// <param name="isReturn">True for a return.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="functionId"/> or <paramref name="instructionsExecuted"/> is negative, or <paramref name="calleeDepth"/> is not positive.</exception>
    public CallRecord(int functionId, int calleeDepth, long instructionsExecuted, bool isReturn)
        : this(functionId, Pack(calleeDepth, isReturn), instructionsExecuted)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(functionId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(calleeDepth);
        ArgumentOutOfRangeException.ThrowIfNegative(instructionsExecuted);
    }

    private CallRecord(int functionId, int depthAndKind, long instructionsOrCount)
    {
        FunctionId = functionId;
        _depthAndKind = depthAndKind;
        _instructionsOrCount = instructionsOrCount;
    }

    /// <summary>A record of <paramref name="count"/> calls of the builtin <paramref name="functionId"/> at <paramref name="calleeDepth"/> (<see cref="CallRecordKind.Count"/>).</summary>
    /// <param name="functionId">The builtin's index in the function names handed over with the batch.</param>
    /// <param name="calleeDepth">The depth its calls had, 1 or more: one below the calling frame's.</param>
    /// <param name="count">How many calls the record stands for, 1 or more.</param>
    /// <returns>The record.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="functionId"/> is negative, or <paramref name="calleeDepth"/> or <paramref name="count"/> is not positive.</exception>
    public static CallRecord Counting(int functionId, int calleeDepth, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(functionId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(calleeDepth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        return CountOf(functionId, calleeDepth, count);
    }

    /// <summary>The VM's count record, built without <see cref="Counting"/>'s checks.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static CallRecord CountOf(int functionId, int calleeDepth, int count) => new(functionId, calleeDepth, -count);

    /// <summary>Whether this is a count record of calls at <paramref name="calleeDepth"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal bool CountsAt(int calleeDepth) => _depthAndKind == calleeDepth && _instructionsOrCount < 0;

    /// <summary>Adds <paramref name="change"/> calls to the count record <paramref name="record"/>, in place (its count alone is written).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void AddCalls(ref CallRecord record, int change) => Unsafe.AsRef(in record._instructionsOrCount) -= change;

    /// <summary>The VM's record, built without the public constructor's checks (its id and depth are valid).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static CallRecord Of(int functionId, int calleeDepth, long instructionsExecuted, bool isReturn) =>
        new(functionId, Pack(calleeDepth, isReturn), instructionsExecuted);

    // The depth with the sign bit set for a return (CalleeDepth, IsReturn).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Pack(int calleeDepth, bool isReturn) => isReturn ? calleeDepth | ReturnFlag : calleeDepth;

    /// <summary>The callee: an index into the function names the batch came with (<see cref="ICallRecordObserver.OnCallRecords"/>).</summary>
    public int FunctionId { get; }

    /// <summary>The depth of the callee's frame (1 = the entry function), as <c>calleeDepth</c> of <see cref="ICallObserver.OnCall"/>.</summary>
    public int CalleeDepth => _depthAndKind & int.MaxValue;

    /// <summary>True for a return, false for a call or a count.</summary>
    public bool IsReturn => _depthAndKind < 0;

    /// <summary>True for a count (<see cref="CallRecordKind.Count"/>).</summary>
    public bool IsCount => _instructionsOrCount < 0;

    /// <summary>What the record stands for.</summary>
    public CallRecordKind Kind => IsReturn ? CallRecordKind.Return : IsCount ? CallRecordKind.Count : CallRecordKind.Call;

    /// <summary>
    /// The VM's instruction count at the event, exact (<see cref="Runtime.VmInspector.InstructionsExecuted"/>);
    /// 0 for a count, whose calls ran no instruction between the records before and after it.
    /// </summary>
    public long InstructionsExecuted => Math.Max(_instructionsOrCount, 0);

    /// <summary>How many calls a count record stands for (1 or more); 1 for a call or a return.</summary>
    public int Count => IsCount ? (int)-_instructionsOrCount : 1;
}
