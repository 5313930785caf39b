namespace Stoffel.Vm.Runtime;

/// <summary>Why execution stopped with a <see cref="VmException"/>. Names follow upstream's error variants where one exists.</summary>
public enum VmErrorKind
{
    /// <summary>Operand kinds an instruction or builtin does not accept.</summary>
    TypeError,
    /// <summary>Integer or float division by zero.</summary>
    DivisionByZero,
    /// <summary>Integer or float remainder by zero.</summary>
    ModuloByZero,
    /// <summary>Checked integer arithmetic overflowed (including <c>MIN / -1</c>).</summary>
    IntegerOverflow,
    /// <summary>A negative shift amount.</summary>
    InvalidShiftAmount,
    /// <summary>A shift amount at or above the bit width.</summary>
    ShiftOutOfRange,
    /// <summary>CMP on values that cannot be compared (or NaN).</summary>
    CannotCompare,
    /// <summary>A CALL to a name nothing is registered under.</summary>
    FunctionNotFound,
    /// <summary>Argument count differs from the callee's parameter count.</summary>
    FunctionArityMismatch,
    /// <summary>LD outside the argument stack.</summary>
    StackIndexOutOfRange,
    /// <summary>An upvalue name that cannot be found.</summary>
    UpvalueNotFound,
    /// <summary>An array index out of range, or another bad table access.</summary>
    IndexOutOfRange,
    /// <summary>A builtin or foreign function reported an error (assert failures among them).</summary>
    ForeignFunctionError,
    /// <summary>A hook callback threw; the callback's exception is the inner exception.</summary>
    HookError,
    /// <summary>The program needs MPC, which this VM does not implement.</summary>
    MpcRequired,
    /// <summary>The instruction budget was used up.</summary>
    InstructionLimitExceeded,
    /// <summary>The call-depth limit was reached (unbounded recursion).</summary>
    CallDepthExceeded,
    /// <summary>The object-store, array-length or string-length limit was reached.</summary>
    MemoryLimitExceeded,
    /// <summary>The run was cancelled through its <see cref="CancellationToken"/>.</summary>
    Cancelled,
    /// <summary>The run exceeded its timeout.</summary>
    Timeout,
    /// <summary>The requested entry function does not exist, or its arguments do not fit.</summary>
    InvalidEntry,
}
