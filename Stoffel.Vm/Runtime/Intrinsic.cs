namespace Stoffel.Vm.Runtime;

/// <summary>
/// A builtin whose common case the dispatch loop runs inline (VMState.Intrinsics.cs). The
/// standard library registers the builtin's full implementation together with its intrinsic;
/// the loop takes the inline path only when no hook observes what the call would report and the
/// arguments are the common case, and calls the registered function for everything else. A host
/// that replaces the function (<see cref="VirtualMachine.ReplaceFunction"/>) registers it without
/// an intrinsic, so its own code runs on every call.
/// </summary>
internal enum Intrinsic : byte
{
    /// <summary>An ordinary foreign function: always called through its delegate.</summary>
    None,

    /// <summary><c>get_field(table, key)</c> on an object, or on an array with an in-range I64 index.</summary>
    GetField,

    /// <summary><c>set_field(table, key, value)</c> on an object, or on an array with an in-range I64 index.</summary>
    SetField,

    /// <summary><c>array_push(array, values…)</c> within the array-length limit; returns the new length.</summary>
    ArrayPush,

    /// <summary><c>array_length(array)</c> and <c>len(array)</c>.</summary>
    ArrayLength,

    /// <summary><c>call_closure(closure, args…)</c> with the closure function's arity.</summary>
    CallClosure,

    /// <summary><c>get_upvalue(name)</c> of an upvalue the calling frame has.</summary>
    GetUpvalue,

    /// <summary><c>set_upvalue(name, value)</c> of an upvalue the calling frame has.</summary>
    SetUpvalue,
}
