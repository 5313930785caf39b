namespace Stoffel.Vm.Hooks;

/// <summary>
/// A call observer (<see cref="ICallObserver"/>) that also takes calls and returns in batches:
/// while every registered call observer is one and nothing else subscribes to call events, the
/// VM appends a <see cref="CallRecord"/> for each call a program function's CALL makes to a
/// program function, and for each such function's return to its caller — and, while nothing
/// else subscribes to an event they report, for each call of a builtin the VM runs inline
/// (<c>get_field</c>, <c>set_field</c>, <c>array_push</c>, <c>array_length</c>, <c>len</c>,
/// <c>get_upvalue</c>, <c>set_upvalue</c> as the standard library registers them; not one a host
/// replaced) and its return, both at the CALL's instruction count, and for each
/// <c>call_closure</c> it runs inline the builtin's call and then the closure's, at the same depth
/// and count, and the closure frame's return (the builtin has no return of its own, as one by one)
/// — and hands the records
/// over in order when its buffer fills, before it notifies an observer of any other call or
/// return (<see cref="ICallObserver.OnCall"/>, <see cref="ICallObserver.OnReturn"/>: foreign
/// functions, the entry call, closures a host function calls, calls from inside a host
/// function), when a run stops,
/// fails or reaches a service point (every 1,024 instructions), and when the hooks change. So
/// an observer sees every call and return it would have seen one by one, in the same order and
/// with the same depths and instruction counts, only later: at most a service interval. A
/// profiler that reads a clock should read it per batch, not per record (docs/hooks.md, "Call
/// observers"). The rules of hooks apply to a batch as to one call; an observer that throws
/// aborts the run with a <see cref="Runtime.VmErrorKind.HookError"/>.
/// </summary>
public interface ICallRecordObserver : ICallObserver
{
    /// <summary>Calls and returns of program functions and of builtins run inline, oldest first.</summary>
    /// <param name="records">The records; valid only during the call.</param>
    /// <param name="functionNames">The VM's function table, program and foreign functions: <see cref="CallRecord.FunctionId"/> indexes it, and each name is the same string instance <see cref="ICallObserver.OnCall"/> passes for that function. Valid only during the call.</param>
    void OnCallRecords(ReadOnlySpan<CallRecord> records, ReadOnlySpan<string> functionNames);

    /// <summary>
    /// True when the observer takes the calls of builtins the VM runs inline as counts rather than
    /// a call and a return each (false unless the observer says so): while every registered call
    /// observer does, a frame's calls of such a builtin between two of its other records become
    /// one <see cref="CallRecordKind.Count"/> record — its <see cref="CallRecord.Count"/> calls, at
    /// the depth they had — placed where the first of them would have been, so an observer still
    /// sees every call, in order relative to every other call and return, but not the instruction
    /// count of each (they ran none; each such builtin is a leaf, and <c>call_closure</c>, which
    /// enters a frame, is still recorded call by call). A profiler that gives a builtin no time of
    /// its own loses nothing, and the VM saves two records per call. Read whenever the registered
    /// hooks change (<see cref="HookManager.RegisterCallObserver"/>, a removal, an enable or a disable).
    /// </summary>
    bool CountsInlineBuiltins => false;
}
