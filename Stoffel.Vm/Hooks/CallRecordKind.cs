namespace Stoffel.Vm.Hooks;

/// <summary>What a <see cref="CallRecord"/> stands for.</summary>
public enum CallRecordKind
{
    /// <summary>A call: what <see cref="ICallObserver.OnCall"/> would have been told.</summary>
    Call,

    /// <summary>A return: what <see cref="ICallObserver.OnReturn"/> would have been told.</summary>
    Return,

    /// <summary>
    /// Calls of one builtin the VM ran inline, made by the frame below <see cref="CallRecord.CalleeDepth"/>
    /// since the record before (<see cref="CallRecord.Count"/> of them, each a call and its return
    /// that ran no instruction), for an observer that takes them as counts
    /// (<see cref="ICallRecordObserver.CountsInlineBuiltins"/>).
    /// </summary>
    Count,
}
