using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Stoffel.Vm.Hooks;

/// <summary>
/// One call or return of a program function, or of a builtin the VM ran inline, as an <see cref="ICallRecordObserver"/> receives it
/// in a batch: what <see cref="ICallObserver.OnCall"/> or <see cref="ICallObserver.OnReturn"/>
/// would have been told at that moment, with the callee named by its id in the VM's function
/// table (16 bytes, no object reference, so the VM appends one without a GC write barrier).
/// </summary>
[StructLayout(LayoutKind.Auto)]
public readonly record struct CallRecord
{
    private readonly int _depthAndKind; // the depth; the sign bit set for a return

    /// <summary>A record of a call (<paramref name="isReturn"/> false) or a return.</summary>
    /// <param name="functionId">The callee's index in the function names handed over with the batch.</param>
    /// <param name="calleeDepth">The depth of the callee's frame, 1 or more.</param>
    /// <param name="instructionsExecuted">The VM's instruction count at the event.</param>
    /// <param name="isReturn">True for a return.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="functionId"/> is negative, or <paramref name="calleeDepth"/> is not positive.</exception>
    public CallRecord(int functionId, int calleeDepth, long instructionsExecuted, bool isReturn)
        : this(functionId, Pack(calleeDepth, isReturn), instructionsExecuted)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(functionId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(calleeDepth);
    }

    private CallRecord(int functionId, int depthAndKind, long instructionsExecuted)
    {
        FunctionId = functionId;
        _depthAndKind = depthAndKind;
        InstructionsExecuted = instructionsExecuted;
    }

    /// <summary>The VM's record, built without the public constructor's checks (its id and depth are valid).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static CallRecord Of(int functionId, int calleeDepth, long instructionsExecuted, bool isReturn) =>
        new(functionId, Pack(calleeDepth, isReturn), instructionsExecuted);

    // The depth with the sign bit set for a return (CalleeDepth, IsReturn).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Pack(int calleeDepth, bool isReturn) => isReturn ? calleeDepth | int.MinValue : calleeDepth;

    /// <summary>The callee: an index into the function names the batch came with (<see cref="ICallRecordObserver.OnCallRecords"/>).</summary>
    public int FunctionId { get; }

    /// <summary>The depth of the callee's frame (1 = the entry function), as <c>calleeDepth</c> of <see cref="ICallObserver.OnCall"/>.</summary>
    public int CalleeDepth => _depthAndKind & int.MaxValue;

    /// <summary>True for a return, false for a call.</summary>
    public bool IsReturn => _depthAndKind < 0;

    /// <summary>The VM's instruction count at the event, exact (<see cref="Runtime.VmInspector.InstructionsExecuted"/>).</summary>
    public long InstructionsExecuted { get; }
}
